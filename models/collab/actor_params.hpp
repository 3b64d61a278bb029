#pragma once
// Parameters of the collab model's actors (issue 16, points 1 and 2): platform adoption and its
// costs (collab.adoption.*, declared in adoption.cpp) and the kinds of participants and their
// thresholds (collab.participants.*, declared in participation.cpp). Plain structs, so params.hpp
// can hold them without depending on the rules.
#include <array>
#include <cstdint>

#include "sim/params/param_registry.hpp"
#include "sim/params/param_set.hpp"

namespace govsim::collab {

struct AdoptionParams {
  bool enabled = false;
  double official_mean_days = 0;   // mean days from the platform's first live day to an official's adoption
  int learning_days = 0;           // days an official works slower after adopting
  double learning_slowdown = 0;    // extra official work time while learning (fraction)
  double share_60_plus = 0;        // residents aged 60 or more
  double online_under_60 = 0;      // share of residents under 60 who can use the platform
  double online_60_plus = 0;       // share of residents aged 60+ who can use it
  double low_literacy_share = 0;   // residents with low literacy (primary schooling or less)
  double resident_mean_days = 0;   // mean days to adoption of a capable resident of ordinary literacy
  double low_literacy_rate = 0;    // adoption rate of a low-literacy resident, relative
  double record_hours = 0;         // official time recording one work item for review (formalism)
  double category_definition = 0;  // share of matters whose category is well defined
  double induced_ratio = 0;        // minor matters per regular task when every resident is on the platform
};

// Kinds of participant (issue 16, point 2). Residents are the reference (motive 1); the others are
// drawn among the residents' records by their shares.
enum class ActorKind : uint8_t { Resident = 0, Volunteer, PartyMember, SocialOrganisation, Firm };
inline constexpr int kNumActorKinds = 5;
inline constexpr const char* kActorKindNames[kNumActorKinds] = {"resident", "volunteer", "party_member",
                                                                "social_organisation", "firm"};

struct ParticipantParams {
  bool enabled = false;
  std::array<double, kNumActorKinds> share{};     // of the population (resident: the rest)
  std::array<double, kNumActorKinds> motive{};    // perceived benefit of contributing
  std::array<int, kNumActorKinds> capacity{};     // contributions per day at most
};

void declare_adoption_parameters(ParamRegistry& reg);
AdoptionParams load_adoption_parameters(const ParamSet& p);
void declare_participant_parameters(ParamRegistry& reg);
// Reads collab.participants.* and, for party members, collab.society.party_member_share and, for
// plain residents, collab.public.daily_limit.
ParticipantParams load_participant_parameters(const ParamSet& p);
void check_participant_parameters(const ParamSet& p);

}  // namespace govsim::collab
