#include "models/collab/participation.hpp"

#include <string>

#include "sim/core/errors.hpp"
#include "sim/params/param_table.hpp"

namespace govsim::collab {
namespace {

constexpr uint32_t kSetupTick = 0xFFFFFF00u;  // the set-up tick of collab_model.cpp
constexpr uint32_t kStreamKind = 23;

// Kinds other than the plain resident and the party member (whose share is the society layer's).
struct KindDecl {
  ActorKind kind;
  const char* key;
  double share, motive;
  int capacity;
  const char* share_source;
  const char* what;
};
const KindDecl kKinds[] = {
    {ActorKind::Volunteer, "volunteer", 0.13, 1.3, 2,
     "about 0.19 bn registered volunteers in China at the end of 2020 (China Volunteer Service Network, as "
     "reported by the Ministry of Civil Affairs) over 1.41 bn residents; registration overstates the active, "
     "which the thresholds decide",
     "volunteers (registered community volunteers)"},
    {ActorKind::SocialOrganisation, "social_organisation", 6.3e-4, 1.2, 5,
     "894 000 registered social organisations at the end of 2020 (Ministry of Civil Affairs, 2020 statistical "
     "bulletin) over 1.41 bn residents",
     "social organisations (each record one organisation)"},
    {ActorKind::Firm, "firm", 0.031, 0.9, 3,
     "43.3 M enterprises at the end of 2020 (State Administration for Market Regulation) over 1.41 bn residents",
     "firms (each record one firm; property-management companies, shops)"},
};
constexpr const char* kMotiveSource =
    "assumption: relative to a plain resident's 1; volunteers and social organisations contribute for its own "
    "sake or their mission (above 1), firms for reputation and business (below 1). Varied in the typology "
    "sensitivity analysis";
constexpr const char* kCapacitySource =
    "assumption: an organisation or firm has staff to answer several requests a day, a volunteer two, a "
    "resident or party member one";

const ParamTable<ParticipantParams>& table() {
  using P = ParticipantParams;
  static const ParamTable<P> t = [] {
    ParamTable<P> tb;
    tb.flag("collab.participants.enabled", &P::enabled, false,
            "Actors of several kinds (residents, volunteers, party members, social organisations, firms) with "
            "their own motive, capacity and threshold decide whether to take part (docs/collab_model.md, \"Who "
            "takes part\"); false: every record is a plain resident.",
            "assumption: off by default so that scenarios written before issue 16 are unchanged; the typology "
            "scenarios turn it on");
    for (const KindDecl& k : kKinds) {
      const int i = static_cast<int>(k.kind);
      tb.real(std::string("collab.participants.") + k.key + "_share",
              [i](P& p) -> double& { return p.share[i]; }, k.share, 0, 1, "fraction",
              std::string("Share of the residents' records that are ") + k.what + ".", k.share_source);
      tb.real(std::string("collab.participants.") + k.key + "_motive",
              [i](P& p) -> double& { return p.motive[i]; }, k.motive, 0, 3, "",
              std::string("Perceived benefit of contributing for ") + k.what +
                  ": they join when motive - reach cost > their own threshold (1 - willingness).",
              kMotiveSource);
      tb.integer(std::string("collab.participants.") + k.key + "_capacity",
                 [i](P& p) -> int& { return p.capacity[i]; }, k.capacity, 1, 100, "contributions/day",
                 std::string("Contributions per day at most, for ") + k.what + ".", kCapacitySource);
    }
    tb.real("collab.participants.party_member_motive",
            [](P& p) -> double& { return p.motive[int(ActorKind::PartyMember)]; }, 1.2, 0, 3, "",
            "Perceived benefit of contributing for party members (their branch asks them to serve; their share is "
            "collab.society.party_member_share, the society layer's).",
            "assumption: above a plain resident's 1 (party members are asked by their branch to serve their "
            "community, seed 003); varied in the typology sensitivity analysis");
    return tb;
  }();
  return t;
}

}  // namespace

void declare_participant_parameters(ParamRegistry& reg) { table().declare(reg); }

ParticipantParams load_participant_parameters(const ParamSet& set) {
  ParticipantParams p = table().load(set);
  const int R = static_cast<int>(ActorKind::Resident), M = static_cast<int>(ActorKind::PartyMember);
  p.motive[R] = 1.0;
  p.capacity[R] = static_cast<int>(set.get_int("collab.public.daily_limit"));
  p.capacity[M] = p.capacity[R];
  p.share[M] = set.get_double("collab.society.party_member_share");
  double others = 0;
  for (int k = 1; k < kNumActorKinds; ++k) others += p.share[k];
  p.share[R] = 1.0 - others;
  return p;
}

void check_participant_parameters(const ParamSet& set) {
  if (!set.get_bool("collab.participants.enabled")) return;
  double others = set.get_double("collab.society.party_member_share");
  for (const KindDecl& k : kKinds) others += set.get_double(std::string("collab.participants.") + k.key + "_share");
  if (others > 1.0)
    throw InputError(set.at("collab.participants.volunteer_share").loc, "collab.participants.volunteer_share",
                     "expected the shares of volunteers, social organisations, firms and party members "
                     "(collab.society.party_member_share) to add up to at most 1 (the rest are plain residents)");
}

ActorKind draw_actor_kind(const ParticipantParams& p, const CounterRng& rng, uint32_t resident) {
  if (!p.enabled) return ActorKind::Resident;
  double u = rng.uniform(kSetupTick, resident, kStreamKind);
  for (int k = 1; k < kNumActorKinds; ++k) {
    if (u < p.share[k]) return static_cast<ActorKind>(k);
    u -= p.share[k];
  }
  return ActorKind::Resident;
}

}  // namespace govsim::collab
