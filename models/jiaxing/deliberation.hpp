#pragma once
// Residents' councils deliberate monthly (issue 15, point 5; seed 000: the people's and advisory
// councils "collect all the issues and deliberate with residents' representatives every month",
// and residents vote, comment and suggest on the platform). Each live council of a community
// holds one round a calendar month: it meets on a day drawn per (month, community, council) from
// those that leave the whole round in the month, and its agenda is open for votes and comments on
// the jiaxing.councils.round_days days ending on the meeting day. A registered resident takes part at most once a month (one vote or comment on the
// month's agenda), with daily hazard council_participation x critical mass x relative trust x
// incentives while a round is open. Council activity is therefore bounded by the month's rounds:
// once every community has its councils, it settles instead of accumulating daily acts.
#include <cstdint>

#include "models/jiaxing/community_step.hpp"

namespace govsim::jiaxing {

// Day of the month (1-based) on which council `service` of `community` meets in `month`: uniform on
// the days from round_days to the month's last, so the round's agenda is open round_days days of
// this month (before issue 15's settling work it was uniform on the whole month, and a round meeting
// on day d < round_days was open only d days: fewer council acts in some months, by chance).
int32_t meeting_day(const CounterRng& rng, int32_t month, uint32_t community, uint32_t service,
                    int32_t days_in_month, int32_t round_days);

struct CouncilRound {
  bool open = false;     // the council's agenda is open for votes and comments today
  bool meeting = false;  // the council deliberates with residents' representatives today
};
CouncilRound council_round(const CouncilParams& cp, const DayContext& day, const CounterRng& rng,
                           uint32_t community, uint32_t service);

// Whether resident i may still take part in a round this month.
inline bool may_deliberate(const ResidentView& r, const DayContext& day, uint32_t i) {
  return r.council_month[i] != day.month;
}

}  // namespace govsim::jiaxing
