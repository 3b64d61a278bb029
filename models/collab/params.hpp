#pragma once
// Parameters of the collaboration model (seed 002's typology, seed 003's Yuexiu dispatch case).
// Declared once in params.cpp (name, type, default, range, unit, meaning, source); this struct is
// the typed copy the rules read, filled from the resolved scenario at setup.
//
// Coordination costs come in pairs: the value without a platform (`collab.coordination.*`,
// `collab.public.*`) and the value while a platform is live (`collab.platform.*`). Each platform
// effect is one parameter, so an ablation can switch off one effect and keep the others.
#include <cstdint>

#include "models/collab/actor_params.hpp"
#include "models/collab/dispatch_table.hpp"
#include "sim/calendar/date.hpp"
#include "sim/params/param_registry.hpp"
#include "sim/params/param_set.hpp"

namespace govsim::collab {

// The coordination costs in force on a given day: either the no-platform set or the platform set.
struct CoordinationCosts {
  double handoff_hours = 0;     // mean latency before the next actor picks up a hand-over
  double message_hours = 0;     // official time per coordination message read and answered
  double misunderstand_prob = 0;  // chance a receiver misreads an input, a standard or an exchange
  double misroute_prob = 0;     // chance a manually routed item reaches the wrong desk
  int routing_levels = 0;       // intermediate desks a manually routed item passes through
  double auto_dispatch = 0;     // share of items dispatched straight to the right desk
  double threshold = 0;         // residents take part when their willingness exceeds this
  double ask_hours = 0;         // mean time until a resident is reached and answers
  double intake_hours = 0;      // official (grid worker) time to take in one public contribution
  double combine_hours_per_input = 0;  // owner's time per input when combining pooled results
  bool group_channel = false;   // reciprocal rounds broadcast in one channel instead of pairwise
};

// The society layer (seed 003's "activate society"): residents and party members who join the
// residents' platform, matters raised and deliberated, votes, party members' community service.
// Rules and equations: models/collab/society.hpp and docs/collab_model.md.
struct SocietyParams {
  bool enabled = false;
  Date launch;                 // the residents' platform goes live
  int communities = 0;         // communities (residents' committees) the residents split into
  double party_member_share = 0;   // share of residents who are party members
  double outreach_rate = 0;    // per day: joining hazard from outreach (Bass innovation)
  double contact_rate = 0;     // per day: joining hazard per unit registered share (Bass imitation)
  double raise_rate = 0;       // matters raised per registered resident per day (at willingness 1)
  int review_days = 0;         // a community's branch reviews the matters raised every this many days
  double turnout = 0;          // chance a registered resident takes part in a deliberation (at willingness 1)
  double service_rate = 0;     // community services per party member per day, with the platform
  double offline_reach = 0;    // service rate without the platform, relative to service_rate
  // Who reports to the community online, decided by the threshold rule of participation.hpp (s24):
  double in_service_share = 0;       // of the party members: the in-service ones, who report and serve
  double report_cost = 0;            // reach cost of reporting to the community through the platform
  double party_member_motive = 0;    // = collab.participants.party_member_motive
  double party_org_density = 0;      // party organisations per resident
  double party_org_motive = 0;       // perceived benefit of reporting for a party organisation
  double social_org_density = 0;     // = collab.participants.social_organisation_share
  double social_org_motive = 0;      // = collab.participants.social_organisation_motive
};

// Interdependence as exchange (issue 16; models/collab/reciprocal_exchange.hpp, docs/collab_model.md):
// disagreement is where the members of a reciprocal task start; misunderstanding (a coordination
// cost, CoordinationCosts::misunderstand_prob) is how often an input is misread.
struct ExchangeParams {
  double disagreement_sd = 0;  // spread (s.d.) of the members' first positions, in tolerance units
  double adjustment_rate = 0;  // share of the distance to the group's mean a member gives way each round
  double tolerance = 0;        // the members agree when their positions are within this of each other
  double error_detection = 0;  // chance the next desk in a chain notices an upstream error
};

struct CollabParams {
  // The two axes of seed 002.
  double participation = 0;    // [0, 1]: expected share of the public sub-task slots filled
  double interdependence = 0;  // [0, 2]: 0 pooled, 1 sequential, 2 reciprocal; mixes in between

  // Tasks.
  double tasks_per_day = 0;
  int official_subtasks = 0;
  int max_public_subtasks = 0;
  double arrive_start_hour = 0, arrive_end_hour = 0;

  // Organisation.
  int units = 0;
  int departments = 0;
  double grid_worker_share = 0;
  double office_start_hour = 0, office_hours = 0;
  double other_work_share = 0;  // share of officials' office hours taken by work the model does not route
  double other_item_hours = 0;  // mean length of one item of that other work

  // Intrinsic work (the same with or without a platform).
  double official_hours = 0;   // mean official time of a sub-task
  double public_hours = 0;     // mean resident time of a contribution
  double triage_hours = 0;     // time a wrong desk spends before sending an item back
  int max_rounds = 0;          // mutual-adjustment rounds before a reciprocal task is dropped
  int public_daily_limit = 0;  // contributions one resident makes per day at most
  double satisfied_hours = 0;  // a resident rates a result satisfactory if closed within this

  ExchangeParams exchange;

  int routing_levels = 0;      // intermediate desks without a platform (copied into the cost sets)
  bool flat_routing = false;   // a live platform skips the intermediate desks

  CoordinationCosts without_platform, with_platform;
  // With collab.dispatch.table, the platform dispatches automatically exactly the events whose
  // kind its dispatch table lists (models/collab/dispatch_table.hpp) instead of a share auto_dispatch.
  bool dispatch_from_table = false;
  int dispatch_categories = 0, dispatch_table_categories = 0;
  double dispatch_zipf = 0;
  DispatchTable dispatch_table;
  bool platform_enabled = false;
  Date platform_launch;
  int warmup_days = 0;

  SocietyParams society;
  AdoptionParams adoption;          // collab.adoption.*: models/collab/adoption.hpp
  ParticipantParams participants;   // collab.participants.*: models/collab/participation.hpp
};

void declare_collab_parameters(ParamRegistry& reg);
void check_collab_parameters(const ParamSet& p);
CollabParams load_collab_parameters(const ParamSet& p);

}  // namespace govsim::collab
