#pragma once
// The four conditions of transformative resilience (seed 000) as levels 0...1, each acting through
// its own mechanism (issue 15, point 2), and the behaviours they act on. Level 0 switches the
// mechanism off; level 1 is the calibrated scenario. Equations: docs/jiaxing_model.md, "The four
// conditions as levels". Pure functions, so each can be read and unit-tested on its own.
//
//   entrepreneurs   share and skill of officials who innovate: a share `level x entrepreneur_share`
//                   of officials are public entrepreneurs, and the city's delays in converting and
//                   building everyday services are divided by the level (0: never);
//   critical mass   registration driven by neighbours already on the platform (network_weight x
//                   level) and a usefulness of co-production that grows with local users
//                   (1 - level x (1 - Hill(share))); at 0 neither acts and the Hill factor is not used;
//   incentives      points and the time bank in residents', volunteers' and firms' decisions to take
//                   part: a participation motive (1 + level x reward) / (1 + reward);
//   accountability  response limits and public review: effort and the share of requests taken up
//                   move from their unaccountable to their accountable values with the level, and
//                   the review's overdue boost scales with it.
#include <algorithm>
#include <cmath>
#include <limits>

#include "models/jiaxing/params.hpp"

namespace govsim::jiaxing::conditions {

// ---- critical mass ----------------------------------------------------------------------------
// Hill factor s^h / (s^h + s0^h) of a community's registered share s.
inline double hill(double share, double s0, double h) {
  if (share <= 0) return 0.0;
  const double a = std::pow(share, h);
  return a / (a + std::pow(s0, h));
}
// Usefulness of co-production (deliberation, mutual aid) in a community with registered share s:
// 1 - level x (1 - Hill(s)). At level 0 usefulness does not depend on local users (the Hill factor
// is not evaluated); at level 1 it is the Hill factor itself.
inline double usefulness(const JiaxingParams& p, double share) {
  const double level = p.conditions.critical_mass;
  if (level <= 0) return 1.0;
  return 1.0 - level * (1.0 - hill(share, p.critical_mass_share, p.critical_mass_steepness));
}
// Weight of the registered share of social neighbours in the registration hazard.
inline double neighbour_weight(const JiaxingParams& p) { return p.conditions.critical_mass * p.network_weight; }

// ---- incentives -------------------------------------------------------------------------------
// Motive to take part when points or time-bank credit are worth `reward` times the intrinsic
// motive, scaled so that the full incentive gives 1 (the calibrated rates):
//   (1 + level x reward) / (1 + reward).
inline double motive(double level, double reward) { return (1.0 + level * reward) / (1.0 + reward); }
inline double deliberation_motive(const JiaxingParams& p) {
  return motive(p.conditions.incentives, p.incentives.points_value);
}
// A signed-up volunteer's daily service: altruism carries it in the crisis (intensity), the time
// bank's credit afterwards.
inline double volunteer_motive(const JiaxingParams& p, double intensity) {
  return intensity + (1.0 - intensity) * motive(p.conditions.incentives, p.incentives.time_bank_value);
}
// Sign-up: crisis intensity plus the appeal of points and time-bank credit.
inline double signup_motive(const JiaxingParams& p, double intensity) {
  return intensity + p.conditions.incentives * p.incentive_appeal;
}
// A firm's daily chance to list, given the bookings it can expect (utilisation of its capacity if
// it joins the firms already listed, from yesterday's booking demand in its community) and the
// platform's incentive for listed firms (points, fee waivers), worth `listing_subsidy` of a fully
// used capacity:
//   list_rate x min(1, (expected utilisation + level x subsidy) / (1 + subsidy)).
inline double expected_utilisation(double demand, uint32_t listed, double capacity) {
  if (capacity <= 0) return 0.0;
  return std::min(1.0, demand / ((listed + 1.0) * capacity));
}
inline double listing_probability(const JiaxingParams& p, double expected_utilisation) {
  const double s = p.incentives.listing_subsidy;
  return p.list_rate * std::min(1.0, (expected_utilisation + p.conditions.incentives * s) / (1.0 + s));
}

// ---- accountability ---------------------------------------------------------------------------
// Share of capacity used: from effort_unaccountable (level 0) to effort_accountable (level 1), and
// the public review adds level x overdue_boost while requests are past the response limit.
inline double team_effort(const JiaxingParams& p, bool has_overdue) {
  const double a = p.conditions.accountability;
  const double base = p.effort_unaccountable + a * (p.effort_accountable - p.effort_unaccountable);
  return base * (has_overdue ? 1.0 + a * p.overdue_boost : 1.0);
}
// Priority of platform requests: the probability officials take one up at all.
inline double responsiveness(const JiaxingParams& p) {
  const double a = p.conditions.accountability;
  return p.responsiveness_unaccountable + a * (1.0 - p.responsiveness_unaccountable);
}

// ---- officials' time (point 3): platform work competes with other duties -------------------------
// Share of officials' time left for platform requests at crisis intensity I:
//   1 - min(1, duty_share + crisis_duty x I).
inline double platform_time(const JiaxingParams& p, double intensity) {
  return 1.0 - std::min(1.0, p.officials_time.duty_share + p.officials_time.crisis_duty * intensity);
}

// ---- entrepreneurs ----------------------------------------------------------------------------
// Whether an official whose set-up draw is u is a public entrepreneur at this level.
inline bool is_entrepreneur(const JiaxingParams& p, double u) {
  return u < p.conditions.entrepreneurs * p.entrepreneur_share;
}
// The city's delay (days) for a decision that needs public entrepreneurs (converting a crisis
// service, building an after-crisis one): the base delay divided by their skill, the level.
// Level 0: never (the largest int).
inline int32_t entrepreneur_delay(const JiaxingParams& p, double base_days) {
  const double level = p.conditions.entrepreneurs;
  if (level <= 0) return std::numeric_limits<int32_t>::max() / 2;
  return static_cast<int32_t>(std::lround(std::min(1e6, base_days / level)));
}

}  // namespace govsim::jiaxing::conditions
