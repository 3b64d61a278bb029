#include "models/jiaxing/service_decisions.hpp"

#include <algorithm>
#include <cmath>

#include "models/jiaxing/conditions.hpp"

namespace govsim::jiaxing {

void ServiceDecisions::reset(size_t num_services) {
  states_.assign(num_services, ServiceState{});
  window_.fill(0);
  brought_.fill(0);
  days_observed_ = 0;
}

void ServiceDecisions::observe(const std::array<double, kNumNeeds>& gap_per_1000,
                               const std::array<double, kNumNeeds>& brought_per_1000) {
  brought_ = brought_per_1000;
  const int slot = days_observed_ % kGapWindow;
  for (int k = 0; k < kNumNeeds; ++k) window_[k * kGapWindow + slot] = gap_per_1000[k];
  ++days_observed_;
}

double ServiceDecisions::gap_mean(int k) const {
  const int n = std::min(days_observed_, kGapWindow);
  if (n == 0) return 0;
  double s = 0;
  for (int d = 0; d < n; ++d) s += window_[k * kGapWindow + d];
  return s / n;
}

void ServiceDecisions::launch(const JiaxingParams&, ServiceState& s, int32_t tick, int32_t delay) {
  s.phase = delay > 0 ? ServiceState::Building : ServiceState::Live;
  s.live_from = tick + delay;
  s.quiet_days = 0;
  s.peak_gap = 0;
  ++s.launches;
}

uint32_t ServiceDecisions::decide(const JiaxingParams& p, int32_t tick, Date today) {
  const ServiceDecisionParams& d = p.decisions;
  // Crisis services first: conversions and after-crisis launches read their retirements.
  for (size_t i = 0; i < p.services.size(); ++i) {
    const Service& sv = p.services[i];
    ServiceState& s = states_[i];
    switch (sv.launch) {
      case Launch::Dated:
        s.phase = (today < sv.start || sv.end < today) ? ServiceState::Off : ServiceState::Live;
        break;
      case Launch::AtStart:
        s.phase = ServiceState::Live;
        break;
      case Launch::UnmetNeed: {
        const double g = gap_mean(sv.responds_to);
        // A retired service comes back only when the need returns to the level at which it was
        // retired (a second wave), not on the tail of the first one.
        const double level = s.phase == ServiceState::Retired ? std::max(d.launch_gap, d.retire_share * s.peak_gap)
                                                              : d.launch_gap;
        if ((s.phase == ServiceState::Off || s.phase == ServiceState::Retired) && days_observed_ > 0 && g >= level)
          launch(p, s, tick, d.build_days);
        if (s.phase == ServiceState::Building && tick >= s.live_from) s.phase = ServiceState::Live;
        if (s.phase == ServiceState::Live) {
          s.peak_gap = std::max(s.peak_gap, g);
          s.quiet_days = g < d.retire_share * s.peak_gap ? s.quiet_days + 1 : 0;
          if (s.quiet_days >= d.retire_days) {
            s.phase = ServiceState::Retired;
            s.retired_at = tick;
          }
        }
        break;
      }
      default:
        break;
    }
  }
  // After the crisis: the last retirement of a crisis service, once every launched one is retired.
  int32_t crisis_over_at = -1;
  bool any_launched = false, all_retired = true;
  for (size_t i = 0; i < p.services.size(); ++i) {
    if (p.services[i].launch != Launch::UnmetNeed || states_[i].launches == 0) continue;
    any_launched = true;
    all_retired = all_retired && states_[i].phase == ServiceState::Retired;
    crisis_over_at = std::max(crisis_over_at, states_[i].retired_at);
  }
  for (size_t i = 0; i < p.services.size(); ++i) {
    const Service& sv = p.services[i];
    ServiceState& s = states_[i];
    if (s.phase == ServiceState::Live) continue;  // conversions and new services stay once live
    // Services that need public entrepreneurs come after delays divided by their skill (the
    // condition's level; never at level 0).
    const auto delay = [&](double days) {
      return sv.needs_entrepreneur ? conditions::entrepreneur_delay(p, days) : static_cast<int32_t>(std::lround(days));
    };
    if (sv.launch == Launch::Conversion) {
      const ServiceState& from = states_[sv.converts_from];
      if (from.phase == ServiceState::Retired && tick >= from.retired_at + delay(d.convert_days)) launch(p, s, tick, 0);
    } else if (sv.launch == Launch::AfterCrisis && any_launched && all_retired && tick > crisis_over_at) {
      // Entrepreneurs, free of the crisis services, learn what residents bring to the platform.
      const double level = sv.needs_entrepreneur ? p.conditions.entrepreneurs : 1.0;
      if (sv.responds_to >= 0) s.evidence += level * brought_[sv.responds_to];
      if (s.evidence >= d.develop_evidence && level > 0) launch(p, s, tick, 0);
    }
  }
  uint32_t live = 0;
  for (size_t i = 0; i < states_.size(); ++i)
    if (states_[i].phase == ServiceState::Live) live |= 1u << i;
  return live;
}

}  // namespace govsim::jiaxing
