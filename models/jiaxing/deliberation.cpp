#include "models/jiaxing/deliberation.hpp"

#include <algorithm>

namespace govsim::jiaxing {

int32_t meeting_day(const CounterRng& rng, int32_t month, uint32_t community, uint32_t service,
                    int32_t days_in_month, int32_t round_days) {
  // The meeting falls on one of the days that leave the whole round inside the month (from day
  // round_days on), so every round is open round_days days of its own month.
  const int32_t first = std::clamp(round_days, 1, days_in_month);
  const double u = rng.uniform(static_cast<uint32_t>(month), community, kCouncilDayBase + service);
  return std::min(days_in_month, first + static_cast<int32_t>(u * (days_in_month - first + 1)));
}

CouncilRound council_round(const CouncilParams& cp, const DayContext& day, const CounterRng& rng,
                           uint32_t community, uint32_t service) {
  const int32_t meet = meeting_day(rng, day.month, community, service, day.days_in_month, cp.round_days);
  CouncilRound r;
  r.meeting = day.day_of_month == meet;
  r.open = day.day_of_month <= meet && day.day_of_month > meet - cp.round_days;
  return r;
}

}  // namespace govsim::jiaxing
