#pragma once
// The Jiaxing model's behavioural rules as small pure functions, so each can be read and
// unit-tested on its own. The community pass (community_step.cpp) applies them to agents.
// Equations and their justification: docs/jiaxing_model.md.
#include <algorithm>
#include <cmath>

#include "models/jiaxing/params.hpp"

namespace govsim::jiaxing::rules {

// Daily registration hazard of an unregistered resident:
//   h = literacy * (push(t) + network_weight * registered_neighbour_share)
// where push(t) is the grid workers' push: before the emergency push_pre, after it push_post, plus
// push_crisis * intensity from their crisis registration drive. The network term is the critical
// mass (conditions::neighbour_weight), kept apart from the push (issue 15).
inline double registration_push(const JiaxingParams& p, bool after_emergency, double intensity) {
  const double base = after_emergency ? p.push_post : p.push_pre;
  return base + p.push_crisis * intensity;
}
inline double registration_hazard(double literacy, double push, double network_weight, double nbr_share) {
  return std::min(1.0, literacy * (push + network_weight * nbr_share));
}

// Adoption ceiling: a resident of age group g whose set-up draw is u uses the mobile internet, and
// so can ever register, when u < online_share[g]. A separate stream, so at share 1 no other draw moves.
inline bool can_register(const JiaxingParams& p, int age_group, double u) { return u < p.online_share[age_group]; }

// Daily rate of need k: everyday part (raised by post_shift after the emergency) + crisis part.
inline double need_rate(const JiaxingParams& p, int k, bool after_emergency, double intensity) {
  const double everyday = p.everyday_rate * p.need[k].everyday_weight * (after_emergency ? 1.0 + p.post_shift : 1.0);
  return everyday + p.crisis_rate * p.need[k].crisis_weight * intensity;
}

// Offline availability of need k: closed in proportion to crisis intensity.
inline double offline_open(const JiaxingParams& p, int k, double intensity) {
  return 1.0 - p.need[k].offline_closure * intensity;
}

// Preference multiplier for online channels: 1 before and during the emergency; right after it,
// residents go out again and prefer offline: 1 - offline_rebound * exp(-days_since_end / rebound_days).
inline double online_preference(const JiaxingParams& p, bool after_emergency, double days_since_end) {
  if (!after_emergency) return 1.0;
  return 1.0 - p.offline_rebound * std::exp(-days_since_end / p.rebound_days);
}

// Probability that a registered resident whose need k is served online uses the platform:
//   ability * [(1 - open) + open * affinity * preference],  ability = min(1, literacy * trust/trust_mean)
// (if offline is closed the platform is the only way; if open, it competes with offline).
inline double online_use(double ability, double open, double affinity, double preference) {
  return ability * ((1.0 - open) + open * affinity * preference);
}

// Trust after an answer (timely or late) or after a dropped request.
inline float trust_after_answer(const JiaxingParams& p, float trust, bool timely) {
  const double g = p.trust_gain * (timely ? 1.0 : p.late_factor);
  return static_cast<float>(trust + g * (1.0 - trust));
}
inline float trust_after_drop(const JiaxingParams& p, float trust) {
  return static_cast<float>(trust * (1.0 - p.trust_loss));
}
// Trust after hearing a neighbour's news (Outcome): the requester's own change times contagion.
enum Outcome : uint8_t { kNoNews = 0, kAnsweredTimely = 1, kAnsweredLate = 2, kDropped = 3 };
inline float trust_after_news(const JiaxingParams& p, float trust, uint8_t news) {
  switch (news) {
    case kAnsweredTimely: return static_cast<float>(trust + p.contagion * p.trust_gain * (1.0 - trust));
    case kAnsweredLate: return static_cast<float>(trust + p.contagion * p.trust_gain * p.late_factor * (1.0 - trust));
    case kDropped: return static_cast<float>(trust * (1.0 - p.contagion * p.trust_loss));
    default: return trust;
  }
}

// Dormancy (issue 15): a registered user goes dormant with daily hazard lapse x (1 - trust) and a
// dormant one comes back with hazard ret x trust; tomorrow's state from one uniform draw u. With
// trust fixed, a cohort's dormant share tends to dormant_share_stationary().
inline bool dormant_after(bool dormant, double trust, double lapse, double ret, double u) {
  return dormant ? !(u < ret * trust) : u < lapse * (1.0 - trust);
}
inline double dormant_share_stationary(double trust, double lapse, double ret) {
  const double in = lapse * (1.0 - trust), out = ret * trust;
  return in + out > 0 ? in / (in + out) : 0.0;
}

// Daily roll-out hazard of a launched entrepreneur service in a community.
inline double adoption_hazard(const JiaxingParams& p, int entrepreneurs) {
  return std::min(1.0, p.adoption_rate * (1.0 + p.entrepreneur_pull * entrepreneurs));
}

}  // namespace govsim::jiaxing::rules
