#pragma once
// The named passes of one community's day (community_step.cpp runs them in this order):
//   live_services    which services are live here today (entrepreneur roll-out)
//   firms_pass       closure orders, resumption, listing; today's booking capacity by sector
//   residents_pass   registration, needs and their provision, co-production, activity
//   answers_pass     the team answers queued requests; answered and dropped requests move trust
// Internal to the Jiaxing model; each pass reads and writes only its community's slice.
#include <array>
#include <cstdint>

#include "models/jiaxing/community_step.hpp"

namespace govsim::jiaxing::passes {

inline uint8_t bit(Channel ch) { return static_cast<uint8_t>(1u << static_cast<unsigned>(ch)); }

// The services live in this community today, as channels per need and flags.
struct LiveServices {
  std::array<uint8_t, kNumNeeds> channels{};  // bit per Channel
  bool council = false, signup = false, volunteer = false, mutual_aid = false, mask_aid = false, expert = false;
  uint32_t council_meetings = 0;  // councils deliberating today (deliberation.hpp)
  uint32_t expert_sessions = 0;   // counselling sessions granted to this community today (crisis_channels.hpp)
  uint32_t count = 0;
};

LiveServices live_services(const JiaxingParams& p, const DayContext& day, const CounterRng& rng,
                           uint32_t community_id, Community& c);

// Returns today's booking capacity of listed, operating firms: [home services, supplies].
std::array<double, 2> firms_pass(const JiaxingParams& p, const DayContext& day, const CounterRng& rng,
                                 const LiveServices& live, Community& c, const FirmView& f);

void residents_pass(const JiaxingParams& p, const DayContext& day, const CounterRng& rng, const Network& social,
                    const LiveServices& live, std::array<double, 2> firm_capacity, Community& c,
                    const ResidentView& r);

void answers_pass(const JiaxingParams& p, const DayContext& day, Community& c, const ResidentView& r);

}  // namespace govsim::jiaxing::passes
