#pragma once
// Which services the city offers, decided each day from what residents lack (issue 15): no service
// has a date. Public entrepreneurs watch the offline gap of each need (needs that arose where
// offline provision was closed, per 1,000 residents, 7-day mean) and
//   - launch an `unmet_need` service when the gap of the need it responds to reaches
//     platform.launch_gap; it goes live platform.build_days later;
//   - retire it when the gap has stayed below platform.retire_share x its peak while live for
//     platform.retire_days days in a row; it is launched again if the gap returns to that level
//     (a second wave);
//   - launch a `conversion` platform.convert_days after the service it converts from retires;
//   - build `after_crisis` services from what residents bring to the platform (seed 000: from 2 Mar
//     2020 leaders "began developing new public services to meet residents' changing needs"): once
//     every launched crisis service has retired, each day adds the entrepreneurship level x the
//     needs of the service's kind (responds_to) that active users brought to the platform the day
//     before, per 1,000 residents, to its evidence; it is live the day the evidence reaches
//     platform.develop_evidence. No demand, or level 0: never.
// `at_start` services are live from the first day; `dated` services keep their start and end
// (for experiments; the Jiaxing scenarios use none). Decisions use the city's totals of the day
// before, so they are the same whatever the thread count. Community roll-out of services that need
// an entrepreneur stays in community_step.cpp.
#include <array>
#include <cstdint>
#include <vector>

#include "models/jiaxing/needs.hpp"
#include "models/jiaxing/params.hpp"

namespace govsim::jiaxing {

inline constexpr int kGapWindow = 7;  // days in the offline-gap mean

// The state of one service in the city. Plain data: checkpoints save it whole.
struct ServiceState {
  enum Phase : int32_t { Off = 0, Building = 1, Live = 2, Retired = 3 };
  int32_t phase = Off;
  int32_t live_from = -1;     // tick it goes (went) live
  int32_t retired_at = -1;    // tick it last retired
  int32_t quiet_days = 0;     // consecutive days below the retirement level
  int32_t launches = 0;
  double peak_gap = 0;        // highest gap while last live (for unmet_need services)
  double evidence = 0;        // after_crisis: demand seen since the crisis ended (needs per 1,000 x level)
};

class ServiceDecisions {
 public:
  void reset(size_t num_services);

  // Records yesterday's offline gap per need and the needs active users brought to the platform,
  // both per 1,000 residents.
  void observe(const std::array<double, kNumNeeds>& gap_per_1000, const std::array<double, kNumNeeds>& brought_per_1000);
  // Mean gap of need k over the window (fewer days at the start).
  double gap_mean(int k) const;

  // Decides today's catalogue; returns the bitmask of services live on `tick` (date `today`).
  uint32_t decide(const JiaxingParams& p, int32_t tick, Date today);

  std::vector<ServiceState>& states() { return states_; }
  const std::vector<ServiceState>& states() const { return states_; }
  std::array<double, kNumNeeds * kGapWindow>& window() { return window_; }
  const std::array<double, kNumNeeds * kGapWindow>& window() const { return window_; }
  int32_t& days_observed() { return days_observed_; }
  int32_t days_observed() const { return days_observed_; }

 private:
  void launch(const JiaxingParams& p, ServiceState& s, int32_t tick, int32_t delay);

  std::vector<ServiceState> states_;
  std::array<double, kNumNeeds * kGapWindow> window_{};  // ring buffer, need-major
  std::array<double, kNumNeeds> brought_{};               // yesterday's demand on the platform (not saved:
                                                          // observe() re-reads it from the saved day's tallies)
  int32_t days_observed_ = 0;
};

}  // namespace govsim::jiaxing
