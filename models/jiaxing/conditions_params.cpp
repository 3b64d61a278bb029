// Declarations of the four conditions' levels and of the parameters of the behaviours they act on
// (conditions.hpp). One declaration per parameter: the loader, --set, docs and error messages read
// these.
#include "models/jiaxing/params.hpp"
#include "sim/params/param_table.hpp"

namespace govsim::jiaxing {

void add_condition_parameters(ParamTable<JiaxingParams>& table) {
  using P = JiaxingParams;
  const char* level_source = "seed 000 (Shen, Cheng & Yu 2022) names the condition; 1 is the scenario as "
                             "calibrated, 0 the condition absent (its mechanism off); levels between are "
                             "for the factorial and sensitivity analyses (paper_repro/jiaxing_conditions.py)";
  // Levels, 0...1. They were switches (true/false) before issue 15: 1 is the old true, 0 the old
  // false except where the old switch's coding differed (docs/jiaxing_model.md).
  table.real("jiaxing.conditions.public_entrepreneurs", [](P& p) -> double& { return p.conditions.entrepreneurs; }, 1,
             0, 1, "level",
             "Public entrepreneurship, 0...1: a share level x officials.entrepreneur_share of officials are "
             "public entrepreneurs (they speed up their community's roll-out), and the city converts crisis "
             "services after platform.convert_days / level days and builds everyday ones as the demand it sees, "
             "weighted by the level, reaches platform.develop_evidence (0: never).",
             level_source)
      .changeable();
  table.real("jiaxing.conditions.critical_mass", [](P& p) -> double& { return p.conditions.critical_mass; }, 1, 0, 1,
             "level",
             "Critical mass, 0...1: registration driven by social neighbours already registered (weight level x "
             "registration.network_weight) and a usefulness of co-production that grows with the community's "
             "registered share (1 - level x (1 - Hill factor)); 0: neither (the Hill factor is not used). The "
             "grid workers' registration push is not part of it.",
             level_source)
      .changeable();
  table.real("jiaxing.conditions.coproduction_incentives", [](P& p) -> double& { return p.conditions.incentives; }, 1,
             0, 1, "level",
             "Co-production incentives (points and time bank), 0...1: the share of their value residents, "
             "volunteers and firms get for taking part (incentives.points_value, time_bank_value, "
             "listing_subsidy; coproduction.incentive_appeal for sign-up).",
             level_source)
      .changeable();
  table.real("jiaxing.conditions.accountability", [](P& p) -> double& { return p.conditions.accountability; }, 1, 0, 1,
             "level",
             "Accountability (response limits and public review), 0...1: officials' effort moves from "
             "officials.effort_unaccountable to effort_accountable, the share of requests taken up from "
             "officials.responsiveness_unaccountable to 1, and the review's overdue boost is level x "
             "officials.overdue_boost.",
             level_source)
      .changeable();

  // Incentives: what points and the time bank are worth to those who take part.
  table.real("jiaxing.incentives.points_value", [](P& p) -> double& { return p.incentives.points_value; }, 1, 0, 100,
             "x civic motive",
             "Value of the points residents earn for deliberating, relative to their civic motive; "
             "deliberation is scaled by (1 + level x value) / (1 + value).",
             "assumption: seed 000 credits the points with much of residents' participation but gives no "
             "number; points as strong a motive as civic duty (without them deliberation halves). Replaces "
             "the hand-chosen no_incentive_factor; paper_repro/jiaxing_conditions.py reports its Morris effect")
      .changeable();
  table.real("jiaxing.incentives.time_bank_value", [](P& p) -> double& { return p.incentives.time_bank_value; }, 1, 0,
             100, "x altruism",
             "Value of time-bank credit to a volunteer, relative to altruism outside the crisis; a volunteer "
             "serves with volunteer_activity x (I + (1 - I) x (1 + level x value) / (1 + value)) at crisis "
             "intensity I.",
             "assumption: seed 000 says volunteer hours are recorded in the time bank to be drawn on later, "
             "without a number; credit as strong a motive as altruism once the crisis is over")
      .changeable();
  table.real("jiaxing.incentives.listing_subsidy", [](P& p) -> double& { return p.incentives.listing_subsidy; }, 0.5, 0,
             100, "x full bookings",
             "The platform's incentive for a listed firm (points, free listing), in units of the margin of a "
             "fully booked capacity; a firm lists with firms.list_rate x min(1, (expected utilisation + level "
             "x subsidy) / (1 + subsidy)).",
             "assumption: no firm data in seed 000; listing free of charge with promotion worth half of a "
             "full order book")
      .changeable();

  // Officials' time: platform work competes with their other duties.
  table.real("jiaxing.officials.duty_share", [](P& p) -> double& { return p.officials_time.duty_share; }, 0.5, 0, 1,
             "fraction",
             "Share of officials' time taken by duties other than platform requests in normal times "
             "(officials.capacity_mean is a working day spent on requests).",
             "assumption: grid workers' other duties (inspections, registers, mediation) take about half "
             "their day; seed 000 gives no workload figures")
      .changeable();
  table.real("jiaxing.officials.crisis_duty", [](P& p) -> double& { return p.officials_time.crisis_duty; }, 0.45, 0, 1,
             "fraction",
             "Extra share of officials' time taken by crisis duties at crisis intensity 1 (capped so that "
             "duties take at most all of it).",
             "assumption: in the level-1 response grid workers staffed community entrances and screened door "
             "to door nearly full time (seed 000: volunteers helped them at the entrances); 5 % of their day "
             "left for the platform at intensity 1")
      .changeable();
}

}  // namespace govsim::jiaxing
