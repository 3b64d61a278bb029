#include "models/jiaxing/community_step.hpp"

#include <bit>
#include <cmath>

#include "models/jiaxing/rules.hpp"

namespace govsim::jiaxing {
namespace {


inline uint8_t bit(Channel ch) { return static_cast<uint8_t>(1u << static_cast<unsigned>(ch)); }
inline float unit(uint32_t w) { return CounterRng::to_unit_float(w); }

// The services live in this community today, as channels per need and flags.
struct LiveServices {
  std::array<uint8_t, kNumNeeds> channels{};  // bit per Channel
  bool council = false, signup = false, volunteer = false, mutual_aid = false, mask_aid = false;
  uint32_t count = 0;
};

LiveServices live_services(const JiaxingParams& p, const DayContext& day, const CounterRng& rng,
                           uint32_t community_id, Community& c) {
  LiveServices live;
  for (size_t s = 0; s < p.services.size(); ++s) {
    if (!((day.launched >> s) & 1u)) continue;
    const Service& sv = p.services[s];
    if (sv.needs_entrepreneur) {
      if (!p.conditions.public_entrepreneurs) continue;
      if (!((c.adopted >> s) & 1u)) {
        const double u = rng.uniform(day.tick, community_id, kAdoptionBase + static_cast<uint32_t>(s));
        if (u >= rules::adoption_hazard(p, c.entrepreneurs)) continue;
        c.adopted |= 1u << s;
      }
    }
    ++live.count;
    if (sv.need >= 0) live.channels[sv.need] |= bit(sv.channel);
    switch (sv.channel) {
      case Channel::Council: live.council = true; break;
      case Channel::VolunteerSignup: live.signup = live.volunteer = true; break;
      case Channel::Volunteer: live.volunteer = true; break;
      case Channel::MutualAid: live.mutual_aid = true; break;
      case Channel::Official: live.mask_aid |= sv.mask_aid; break;
      default: break;
    }
  }
  return live;
}

}  // namespace

void step_community(const JiaxingParams& p, const DayContext& day, const CounterRng& rng, const Network& social,
                    uint32_t cid, Community& c, const ResidentView& r, const FirmView& f) {
  Tally& T = c.tally;
  T.fill(0);
  if (day.new_month) c.month_active = {0, 0, 0};
  const uint32_t tick = day.tick;
  const double inc = rules::incentive_factor(p);
  const LiveServices live = live_services(p, day, rng, cid, c);
  T[kServicesLive] = live.count;

  // --- Firms: closure orders, resumption, listing; today's booking capacity by sector.
  std::array<double, 2> firm_cap{0, 0};
  const bool booking_live[2] = {(live.channels[int(Need::HomeServices)] & bit(Channel::FirmBooking)) != 0,
                                (live.channels[int(Need::Supplies)] & bit(Channel::FirmBooking)) != 0};
  for (uint32_t id = c.firm_begin; id < c.firm_end; ++id) {
    const auto w = rng.draw4(tick, id, kFirmDaily);
    uint8_t& st = f.status[id];
    const uint8_t sector = f.sector[id];
    const bool ordered_closed = day.firms_closing && !(sector == 1 && p.supplies_exempt);
    if (ordered_closed) {
      if (st != kClosed && unit(w[0]) < p.close_rate) st = kClosed;
    } else if (st == kClosed && unit(w[0]) < p.resume_rate) {
      st = kResumed;
    }
    if (!f.listed[id] && st != kClosed && booking_live[sector] && unit(w[1]) < p.list_rate * inc) f.listed[id] = 1;
    if (st != kClosed && f.listed[id]) firm_cap[sector] += p.firm_capacity;
    ++T[st == kOpen ? kFirmsOpen : st == kClosed ? kFirmsClosed : kFirmsResumed];
    T[kFirmsListed] += f.listed[id];
    T[kFirmClosedDays] += st == kClosed;
  }

  if (live.mask_aid) c.mask_stock += p.mask_stock_per_10k * double(c.end - c.begin) / 1e4;

  // --- Residents: registration, needs, online use, co-production.
  const uint32_t size = c.end - c.begin;
  const double share = size ? double(c.registered) / size : 0.0;
  const double cm = rules::critical_mass_factor(share, p.critical_mass_share, p.critical_mass_steepness);
  const double p_delib0 = live.council ? p.council_participation * cm * inc : 0.0;
  const double p_vol = live.volunteer ? p.volunteer_activity * (day.intensity + (1.0 - day.intensity) * inc) : 0.0;
  const double p_offer0 = live.mutual_aid ? p.mutual_aid_offer * cm : 0.0;
  const double signup0 =
      live.signup ? p.volunteer_signup * (day.intensity + (p.conditions.coproduction_incentives ? p.incentive_appeal : 0.0)) : 0.0;
  const double reg_max_push = day.push + p.network_weight;
  const double inv_trust_mean = 1.0 / p.trust_mean;

  uint32_t offers_left = c.offers, new_offers = 0, new_requests = 0;
  double vol_cap = c.volunteer_capacity;
  uint32_t vol_acts = 0;

  for (uint32_t i = c.begin; i < c.end; ++i) {
    const auto w = rng.draw4(tick, i, kResidentDaily);
    const float u0 = unit(w[0]), u2 = unit(w[2]), u3 = unit(w[3]);  // w[1] unused
    const bool reg = r.registered[i] != 0;
    const uint8_t age = r.age[i];
    const double lit = r.literacy[i];
    bool active = false;

    uint8_t reg_next = reg;
    if (!reg && u3 < lit * reg_max_push) {  // cheap bound first: most days nobody is close
      const auto nbrs = social.neighbours(i);
      uint32_t on = 0;
      for (uint32_t j : nbrs) on += r.registered[j];
      const double nbr_share = nbrs.empty() ? 0.0 : double(on) / nbrs.size();
      if (u3 < rules::registration_hazard(lit, day.push, p.network_weight, nbr_share)) {
        reg_next = 1;
        ++T[kNewRegistrations];
      }
    }
    r.registered_next[i] = reg_next;

    const double trust_rel = r.trust[i] * inv_trust_mean;
    if (u0 < day.total_rate) {
      // A need today: its kind, the online choice and the offline fallback come from a second
      // draw, so that changing a need rate adds or removes need days without reshuffling the
      // kind of the others (common random numbers across parameter values, for calibration).
      const auto nd = rng.draw4(tick, i, kNeedDetail);
      const double uk = unit(nd[0]) * day.total_rate;
      int k = 0;
      while (k + 1 < kNumNeeds && uk >= day.cum_rate[k]) ++k;
      const float u1 = unit(nd[1]);
      const double v_off = unit(nd[2]);
      ++T[kNeeds];
      // Outcome of the need today: met at once online, queued for an official (resolved on the
      // day it is answered or dropped), or left to offline provision.
      bool met_online = false, queued = false;
      const uint8_t ch = live.channels[k];
      if (reg && ch) {
        const double ability = std::min(1.0, lit * trust_rel);
        const double p_on = rules::online_use(ability, day.open[k], p.need[k].online_affinity, day.preference);
        if (u1 < p_on) {
          const double v = u1 / p_on;  // uniform on [0, 1), reused for the choices below
          const int sector = k == int(Need::HomeServices) ? 0 : (k == int(Need::Supplies) ? 1 : -1);
          const bool self = ch & bit(Channel::SelfService), official = ch & bit(Channel::Official);
          const double to_official = self ? p.need[k].request_share : 1.0;
          if ((ch & bit(Channel::FirmBooking)) && sector >= 0 && firm_cap[sector] >= 1.0) {
            firm_cap[sector] -= 1.0;
            ++T[kBookings];
            met_online = true;
          } else if ((ch & bit(Channel::Volunteer)) && vol_cap >= 1.0) {
            vol_cap -= 1.0;
            ++T[kCareByVolunteers];
            met_online = true;
          } else if ((ch & bit(Channel::MutualAid)) && offers_left > 0) {
            --offers_left;
            ++T[kMutualAid];
            met_online = true;
          } else if (official && v < to_official && r.request_day[i] < 0) {
            // A request to the community's team (one pending request per resident). Without
            // accountability a request is taken up only with probability responsiveness; the
            // rest wait unanswered until dropped.
            queued = true;
            r.request_day[i] = static_cast<int32_t>(tick);
            if (v / to_official < rules::responsiveness(p)) {
              ++new_requests;
            } else {
              r.flags[i] |= kIgnored;
              ++T[kIgnoredRequests];
            }
            ++T[kNewRequests];
            if (k == int(Need::Information)) ++T[kConsultations];
            if (k == int(Need::Supplies) && live.mask_aid) {
              r.flags[i] |= kMaskPending;
              if (!(r.flags[i] & kMaskRequester)) {
                r.flags[i] |= kMaskRequester;
                ++T[kNewMaskRequesters];
              }
            }
          } else if (self && (!official || v >= to_official)) {
            met_online = true;
          }
          if (met_online && k == int(Need::Counselling)) {
            ++T[kCounselling];
            if (!(r.flags[i] & kCounselled)) {
              r.flags[i] |= kCounselled;
              ++T[kNewCounselled];
            }
          }
        }
      }
      if (met_online || queued) {
        ++T[kUses0 + k];
        active = true;
      }
      if (met_online) {
        ++T[kMetOnline];
      } else if (queued) {
        ++T[kQueued];
      } else if (v_off < day.open[k]) {
        ++T[kMetOffline];
      } else {
        ++T[kUnmet];
      }
    }

    if (reg) {
      // Co-production: one uniform split into disjoint ranges (one act a day at most).
      const double p_delib = p_delib0 * trust_rel;
      const double p_v = (r.flags[i] & kVolunteer) ? p_vol : 0.0;
      const double p_offer = p_offer0 * trust_rel;
      if (u2 < p_delib) {
        ++T[kDeliberation];
        active = true;
      } else if (u2 < p_delib + p_v) {
        ++vol_acts;
        active = true;
      } else if (u2 < p_delib + p_v + p_offer) {
        ++new_offers;
        active = true;
      }
      if (!(r.flags[i] & kVolunteer) && u3 < signup0 * trust_rel) {
        r.flags[i] |= kVolunteer;
        ++T[kNewVolunteers];
      }
      T[kVolunteers] += (r.flags[i] & kVolunteer) ? 1 : 0;
    }

    if (active) {
      ++T[kActive];
      ++T[kActiveAge0 + age];
      if (r.last_active_month[i] != day.month) {
        r.last_active_month[i] = static_cast<int16_t>(day.month);
        ++c.month_active[age];
      }
    }
    if (reg_next) {
      ++T[kRegistered];
      ++T[kRegAge0 + age];
    }
  }
  c.queue.add(static_cast<int32_t>(tick), new_requests);
  T[kVolunteerActs] = vol_acts;
  c.offers = new_offers;
  c.volunteer_capacity = vol_acts * p.care_per_volunteer_act;

  // --- The team answers queued requests, oldest first, within today's capacity.
  const int32_t today = static_cast<int32_t>(tick);
  const bool overdue = c.queue.overdue(today, p.response_limit_days, p.patience_days) > 0;
  const double cap = c.capacity * rules::team_effort(p, overdue) + c.answer_carry;
  const uint32_t answers = static_cast<uint32_t>(std::floor(cap));
  c.answer_carry = cap - answers;
  const int32_t delay = p.auto_dispatch ? 0 : p.routing_delay_days;
  const AnswerPlan plan = c.queue.answer(today, answers, delay, p.patience_days, p.response_limit_days);
  T[kCapacity] = answers;
  T[kAnswered] = plan.answered;
  T[kAnsweredInLimit] = plan.within_limit;
  T[kResponseDays] = plan.response_days;
  T[kExpired] += plan.expired;
  T[kPending] = c.queue.total();  // ignored requests are added in the pass below

  uint32_t left_on_cutoff = plan.cutoff_count;
  double trust_sum = 0;
  for (uint32_t i = c.begin; i < c.end; ++i) {
    const int32_t rd = r.request_day[i];
    if (rd >= 0) {
      const bool ignored = r.flags[i] & kIgnored;
      if (rd < today - p.patience_days) {
        r.trust[i] = rules::trust_after_drop(p, r.trust[i]);
        r.request_day[i] = -1;
        r.flags[i] &= static_cast<uint8_t>(~(kMaskPending | kIgnored));
        if (ignored) ++T[kExpired];  // the queue counts the dropped requests it held
      } else if (ignored) {
        // waits, unanswered
      } else if (rd < plan.cutoff_tick || (rd == plan.cutoff_tick && left_on_cutoff > 0)) {
        if (rd == plan.cutoff_tick) --left_on_cutoff;
        r.trust[i] = rules::trust_after_answer(p, r.trust[i], today - rd <= p.response_limit_days);
        r.request_day[i] = -1;
        if (r.flags[i] & kMaskPending) {
          r.flags[i] &= static_cast<uint8_t>(~kMaskPending);
          if (c.mask_stock >= p.masks_per_request) {
            c.mask_stock -= p.masks_per_request;
            T[kMasksHandedOut] += static_cast<uint64_t>(p.masks_per_request);
            if (!(r.flags[i] & kMaskRecipient)) {
              r.flags[i] |= kMaskRecipient;
              ++T[kNewMaskRecipients];
            }
          }
        }
      }
    }
    if (r.request_day[i] >= 0 && (r.flags[i] & kIgnored)) ++T[kPending];
    trust_sum += r.trust[i];
  }
  c.trust_sum = trust_sum;
  c.registered = static_cast<uint32_t>(T[kRegistered]);
  for (int g = 0; g < 3; ++g) T[kMonthActive0 + g] = c.month_active[g];
}

}  // namespace govsim::jiaxing
