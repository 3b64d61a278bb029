#include "models/jiaxing/community_step.hpp"

#include "models/jiaxing/crisis_channels.hpp"
#include "models/jiaxing/deliberation.hpp"
#include "models/jiaxing/passes.hpp"
#include "models/jiaxing/rules.hpp"

namespace govsim::jiaxing {

void step_community(const JiaxingParams& p, const DayContext& day, const CounterRng& rng, const Network& social,
                    uint32_t cid, Community& c, const ResidentView& r, const FirmView& f) {
  Tally& T = c.tally;
  T.fill(0);
  if (day.new_month) c.month_active = {0, 0, 0};
  passes::LiveServices live = passes::live_services(p, day, rng, cid, c);
  T[kServicesLive] = live.count;
  T[kCouncilRounds] = live.council_meetings;
  const std::array<double, 2> firm_capacity = passes::firms_pass(p, day, rng, live, c, f);
  if (live.mask_aid) T[kMasksDelivered] = deliver_masks(p.mask_stock_per_10k, c);
  if (live.expert) live.expert_sessions = c.sessions_granted;
  passes::residents_pass(p, day, rng, social, live, firm_capacity, c, r);
  passes::answers_pass(p, day, c, r);
  T[kMaskStock] = c.mask_stock;
  for (int g = 0; g < 3; ++g) T[kMonthActive0 + g] = c.month_active[g];
}

namespace passes {

LiveServices live_services(const JiaxingParams& p, const DayContext& day, const CounterRng& rng,
                           uint32_t community_id, Community& c) {
  LiveServices live;
  for (size_t s = 0; s < p.services.size(); ++s) {
    if (!((day.launched >> s) & 1u)) continue;
    const Service& sv = p.services[s];
    if (sv.needs_entrepreneur) {
      if (!((c.adopted >> s) & 1u)) {
        const double u = rng.uniform(day.tick, community_id, kAdoptionBase + static_cast<uint32_t>(s));
        if (u >= rules::adoption_hazard(p, c.entrepreneurs)) continue;
        c.adopted |= 1u << s;
      }
    }
    ++live.count;
    // Targeted services (mask aid, experts) serve only their eligible households: crisis_channels.hpp.
    const bool targeted = sv.mask_aid || sv.channel == Channel::Expert;
    if (sv.need >= 0 && !targeted) live.channels[sv.need] |= bit(sv.channel);
    switch (sv.channel) {
      case Channel::Council: {
        const CouncilRound round = council_round(p.councils, day, rng, community_id, static_cast<uint32_t>(s));
        live.council |= round.open;
        live.council_meetings += round.meeting;
        break;
      }
      case Channel::Expert: live.expert = true; break;
      case Channel::VolunteerSignup: live.signup = live.volunteer = true; break;
      case Channel::Volunteer: live.volunteer = true; break;
      case Channel::MutualAid: live.mutual_aid = true; break;
      case Channel::Official: live.mask_aid |= sv.mask_aid; break;
      default: break;
    }
  }
  return live;
}

}  // namespace passes
}  // namespace govsim::jiaxing
