// Residents' day, in id order within the community: registration, the day's need and how it is
// met, co-production, activity. The per-resident steps are inline functions of this file so the
// loop stays one tight pass over the community's columns.
#include <cmath>

#include "models/jiaxing/conditions.hpp"
#include "models/jiaxing/crisis_channels.hpp"
#include "models/jiaxing/deliberation.hpp"
#include "models/jiaxing/passes.hpp"
#include "models/jiaxing/requests.hpp"
#include "models/jiaxing/rules.hpp"

namespace govsim::jiaxing::passes {
namespace {

inline float unit(uint32_t w) { return CounterRng::to_unit_float(w); }

// What the community offers its residents today: rates fixed before the first resident's turn,
// and capacities that residents use up in id order.
struct CommunityDay {
  double p_delib0 = 0, p_vol = 0, p_offer0 = 0, signup0 = 0, quit = 0, reg_max_push = 0, inv_trust_mean = 0;
  double nbr_weight = 0;                  // critical mass: weight of registered neighbours
  std::array<double, 2> firm_capacity{};  // bookings left: home services, supplies
  double volunteer_capacity = 0;          // care needs yesterday's volunteer acts can meet
  uint32_t offers_left = 0;               // mutual-aid offers made yesterday, not yet taken
  uint32_t new_offers = 0, new_requests = 0, volunteer_acts = 0;
  std::array<uint32_t, 2> booking_demand{};  // residents who tried to book a firm today, by sector
  TargetedDay targeted;                   // mask aid, masks from neighbours, counselling sessions left
};

CommunityDay community_day(const JiaxingParams& p, const DayContext& day, const LiveServices& live,
                           std::array<double, 2> firm_capacity, const Community& c) {
  const uint32_t size = c.end - c.begin;
  const double share = size ? double(c.registered) / size : 0.0;
  const double useful = live.council || live.mutual_aid ? conditions::usefulness(p, share) : 0.0;
  CommunityDay d;
  // Deliberation only while a council round is open (deliberation.hpp).
  d.p_delib0 = live.council ? p.council_participation * useful * conditions::deliberation_motive(p) : 0.0;
  d.p_vol = live.volunteer ? p.volunteer_activity * conditions::volunteer_motive(p, day.intensity) : 0.0;
  d.p_offer0 = live.mutual_aid ? p.mutual_aid_offer * useful : 0.0;
  d.signup0 = live.signup ? p.volunteer_signup * conditions::signup_motive(p, day.intensity) : 0.0;
  d.quit = p.volunteer_attrition;
  d.nbr_weight = conditions::neighbour_weight(p);
  // Largest hazard factor any resident can have today (trust enters as 1 - w + w x trust_rel).
  d.inv_trust_mean = 1.0 / p.trust_mean;
  d.reg_max_push = (day.push + d.nbr_weight) * (1.0 - p.registration_trust + p.registration_trust * d.inv_trust_mean);
  d.firm_capacity = firm_capacity;
  d.volunteer_capacity = c.volunteer_capacity;
  d.offers_left = c.offers;
  d.targeted.mask_aid = live.mask_aid;
  d.targeted.mutual_aid = live.mutual_aid;
  d.targeted.expert = live.expert;
  d.targeted.sessions_left = live.expert_sessions;
  return d;
}

// Registration: the grid workers' push of the day and the share of social neighbours registered
// yesterday (critical mass), scaled by the resident's trust. Returns today's registration state.
inline uint8_t registration(const JiaxingParams& p, const DayContext& day, const Network& social, const ResidentView& r,
                            const CommunityDay& d, uint32_t i, float u3, Tally& T) {
  if (r.registered[i] || !(u3 < r.literacy[i] * d.reg_max_push)) return r.registered[i];  // cheap bound first
  if (r.flags[i] & kOffline) return 0;  // not on the mobile internet: never registers (adoption ceiling)
  double nbr_share = 0.0;
  if (d.nbr_weight > 0) {
    const auto nbrs = social.neighbours(i);
    uint32_t on = 0;
    for (uint32_t j : nbrs) on += r.registered[j];
    nbr_share = nbrs.empty() ? 0.0 : double(on) / nbrs.size();
  }
  const double trust_factor = 1.0 - p.registration_trust + p.registration_trust * r.trust[i] * d.inv_trust_mean;
  if (u3 < rules::registration_hazard(r.literacy[i], day.push, d.nbr_weight, nbr_share) * trust_factor) {
    ++T[kNewRegistrations];
    return 1;
  }
  return 0;
}

// A request to the community's team for need k (requests.hpp); information requests are the
// seed's online consultations. Groceries (supplies) are never mask requests: crisis_channels.hpp.
inline void send_request(const JiaxingParams& p, const DayContext& day, const ResidentView& r, CommunityDay& d,
                         uint32_t i, int k, double v_request, Tally& T) {
  queue_request(p, day, r, i, v_request, d.new_requests, T);
  if (k == int(Need::Information)) ++T[kConsultations];
}

// The day's need, if any: its kind, whether it is met at once online, queued for an official
// (resolved the day it is answered or dropped), met offline or left unmet. Returns true when the
// resident used the platform for it.
inline bool need_of_the_day(const JiaxingParams& p, const DayContext& day, const CounterRng& rng,
                            const LiveServices& live, const ResidentView& r, CommunityDay& d, uint32_t i, bool reg,
                            double trust_rel, Tally& T) {
  // The need's kind, the online choice and the offline fallback come from a second draw, so that
  // changing a need rate adds or removes need days without reshuffling the kind of the others
  // (common random numbers across parameter values, for calibration).
  const auto nd = rng.draw4(day.tick, i, kNeedDetail);
  const double uk = unit(nd[0]) * day.total_rate;
  int k = 0;
  while (k + 1 < kNumNeeds && uk >= day.cum_rate[k]) ++k;
  const float u1 = unit(nd[1]);
  const double v_off = unit(nd[2]);
  ++T[kNeeds];
  bool met_online = false, queued = false;
  const uint8_t ch = live.channels[k];
  if (reg && ch) {
    const double ability = std::min(1.0, r.literacy[i] * trust_rel);
    const double p_on = rules::online_use(ability, day.open[k], p.need[k].online_affinity, day.preference);
    if (u1 < p_on) {
      const double v = u1 / p_on;  // uniform on [0, 1), reused for the choices below
      const int sector = k == int(Need::HomeServices) ? 0 : (k == int(Need::Supplies) ? 1 : -1);
      const bool self = ch & bit(Channel::SelfService), official = ch & bit(Channel::Official);
      const double to_official = self ? p.need[k].request_share : 1.0;
      const bool booking = (ch & bit(Channel::FirmBooking)) && sector >= 0;
      if (booking) ++d.booking_demand[sector];  // what firms expect tomorrow, served or not
      if (booking && d.firm_capacity[sector] >= 1.0) {
        d.firm_capacity[sector] -= 1.0;
        ++T[kBookings];
        met_online = true;
      } else if ((ch & bit(Channel::Volunteer)) && d.volunteer_capacity >= 1.0) {
        d.volunteer_capacity -= 1.0;
        ++T[kCareByVolunteers];
        met_online = true;
      } else if ((ch & bit(Channel::MutualAid)) && d.offers_left > 0) {
        --d.offers_left;
        ++T[kMutualAid];
        met_online = true;
      } else if (official && v < to_official && r.request_day[i] < 0) {
        queued = true;
        send_request(p, day, r, d, i, k, v / to_official, T);
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
  if (met_online || queued) ++T[kUses0 + k];
  if (reg) ++T[kBrought0 + k];  // seen on the platform, served or not: what entrepreneurs learn from
  if (!(v_off < day.open[k])) ++T[kGap0 + k];  // what entrepreneurs see go unmet offline (service_decisions.hpp)
  if (met_online) {
    ++T[kMetOnline];
  } else if (queued) {
    ++T[kQueued];
  } else if (v_off < day.open[k]) {
    ++T[kMetOffline];
  } else {
    ++T[kUnmet];
  }
  return met_online || queued;
}

// Co-production of a registered resident: one uniform split into disjoint ranges (one act a day
// at most), then volunteer sign-up or, for a volunteer, stopping (the same draw: the two are exclusive).
// Returns true when the resident co-produced.
inline bool coproduction(const DayContext& day, const ResidentView& r, CommunityDay& d, uint32_t i, float u2, float u3,
                         double trust_rel, Tally& T) {
  bool acted = false;
  const double p_delib = may_deliberate(r, day, i) ? d.p_delib0 * trust_rel : 0.0;  // once a month
  const double p_v = (r.flags[i] & kVolunteer) ? d.p_vol : 0.0;
  const double p_offer = d.p_offer0 * trust_rel;
  if (u2 < p_delib) {
    ++T[kDeliberation];
    r.council_month[i] = static_cast<int16_t>(day.month);
    acted = true;
  } else if (u2 < p_delib + p_v) {
    ++d.volunteer_acts;
    acted = true;
  } else if (u2 < p_delib + p_v + p_offer) {
    ++d.new_offers;
    acted = true;
  }
  if (r.flags[i] & kVolunteer) {
    if (u3 < d.quit) r.flags[i] &= static_cast<uint8_t>(~kVolunteer);
  } else if (u3 < d.signup0 * trust_rel) {
    r.flags[i] |= kVolunteer;
    ++T[kNewVolunteers];
  }
  T[kVolunteers] += (r.flags[i] & kVolunteer) ? 1 : 0;
  return acted;
}

// A registered user lapses into dormancy with hazard lapse_rate x (1 - trust) and a dormant one
// comes back with hazard return_rate x trust. Returns true while dormant (after today's change).
inline bool dormancy(const JiaxingParams& p, const ResidentView& r, uint32_t i, double u, Tally& T) {
  if (!r.registered[i] || p.lapse_rate <= 0) {
    if (!(r.flags[i] & kDormant)) return false;
  }
  const bool was = r.flags[i] & kDormant;
  const bool now = rules::dormant_after(was, r.trust[i], p.lapse_rate, p.return_rate, u);
  if (was && !now) {
    r.flags[i] &= static_cast<uint8_t>(~kDormant);
    ++T[kReturned];
  } else if (!was && now) {
    r.flags[i] |= kDormant;
    ++T[kNewDormant];
  }
  if (now) ++T[kDormantUsers];
  return now;
}

}  // namespace

void residents_pass(const JiaxingParams& p, const DayContext& day, const CounterRng& rng, const Network& social,
                    const LiveServices& live, std::array<double, 2> firm_capacity, Community& c,
                    const ResidentView& r) {
  Tally& T = c.tally;
  CommunityDay d = community_day(p, day, live, firm_capacity, c);
  for (uint32_t i = c.begin; i < c.end; ++i) {
    const auto w = rng.draw4(day.tick, i, kResidentDaily);
    const float u0 = unit(w[0]), u2 = unit(w[2]), u3 = unit(w[3]);
    const double u_dorm = unit(w[1]);
    const uint8_t age = r.age[i];
    const bool reg = r.registered[i] != 0 && !dormancy(p, r, i, u_dorm, T);

    const uint8_t reg_next = registration(p, day, social, r, d, i, u3, T);
    r.registered_next[i] = reg_next;

    const double trust_rel = r.trust[i] * d.inv_trust_mean;
    bool active = false;
    if (u0 < day.total_rate) active = need_of_the_day(p, day, rng, live, r, d, i, reg, trust_rel, T);
    if (reg && r.crisis[i] && d.targeted.any())
      active = targeted_needs(p, day, rng, r, d.targeted, d.offers_left, d.new_requests, i, T) || active;
    if (reg) active = coproduction(day, r, d, i, u2, u3, trust_rel, T) || active;

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
  c.queue.add(static_cast<int32_t>(day.tick), d.new_requests);
  T[kVolunteerActs] = d.volunteer_acts;
  c.offers = d.new_offers;
  c.booking_demand = d.booking_demand;
  c.bookings = static_cast<uint32_t>(T[kCounsellingWaiting]);
  c.volunteer_capacity = d.volunteer_acts * p.care_per_volunteer_act;
}

}  // namespace govsim::jiaxing::passes
