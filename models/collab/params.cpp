#include "models/collab/params.hpp"

#include <cmath>

#include "models/collab/seed002_layers.hpp"
#include "sim/core/errors.hpp"
#include "sim/params/param_table.hpp"

namespace govsim::collab {
namespace {

constexpr const char* kSeed002 = "seed 002 (the participation-interdependence framework of digital collaborative governance)";
constexpr const char* kSeed003 = "seed 003 (Chen, Xu, Song & Lan: two-way activation, Yuexiu)";
// Why the organisational and time constants are what they are: the seeds give no figures for them.
constexpr const char* kOrg = "assumption: the seeds give no figure; a plausible order for a Chinese street's "
                             "grid workers and departments, and the typology results are compared at equal values";
constexpr const char* kHours = "assumption: the seeds give no time budget; an order of magnitude for one "
                               "administrative step, the same with and without a platform";
// The no-platform and platform values of a coordination cost: the seeds (002, 003) say in which
// direction a platform moves each cost, not by how much.
constexpr const char* kCostPair = "assumption: direction from seeds 002/003 (a platform lowers coordination "
                                  "costs); sizes are illustrative and enter the typology sensitivity analysis";

// One coordination cost: its value without a platform and while a platform is live.
struct CostDecl {
  const char* name;
  double CoordinationCosts::*field;
  double without, with, lo, hi;
  const char* unit;
  const char* doc;
};
const CostDecl kCosts[] = {
    {"handoff_hours", &CoordinationCosts::handoff_hours, 8.0, 0.25, 0, 240, "hours",
     "Mean latency before the next actor picks up a hand-over (inbox checked by hand vs pushed)."},
    {"message_hours", &CoordinationCosts::message_hours, 0.10, 0.02, 0, 10, "hours/message",
     "Official time to read and answer one coordination message (phone and paper vs shared channel)."},
    {"misunderstand_prob", &CoordinationCosts::misunderstand_prob, 0.20, 0.05, 0, 0.99, "probability",
     "Misunderstanding (information asymmetry): chance that a receiver misreads what it is given - the "
     "previous desk's output in a chain, the standard a pooled contribution must meet, the others' "
     "positions in a round of mutual adjustment."},
    {"misroute_prob", &CoordinationCosts::misroute_prob, 0.25, 0.10, 0, 0.95, "probability",
     "Chance that a manually routed item reaches the wrong desk and is sent back."},
    {"ask_hours", &CoordinationCosts::ask_hours, 6.0, 1.0, 0, 240, "hours",
     "Mean time until a resident is reached and answers (in person vs app notification)."},
    {"threshold", &CoordinationCosts::threshold, 0.80, 0.40, 0, 0.99, "fraction",
     "Participation threshold: a resident takes part when their willingness (uniform on [0,1]) "
     "exceeds it; a platform lowers registration and travel costs."},
    {"intake_hours", &CoordinationCosts::intake_hours, 0.20, 0.02, 0, 10, "hours",
     "Grid-worker time to take in one public contribution (written up by hand vs self-entered)."},
    {"combine_hours_per_input", &CoordinationCosts::combine_hours_per_input, 0.10, 0.02, 0, 10, "hours/input",
     "Owner's time per input when combining pooled results (ad hoc formats vs standard interfaces)."},
};

const ParamTable<CollabParams>& parameters() {
  using P = CollabParams;
  static const ParamTable<P> t = [] {
    ParamTable<P> table;
    table.real("collab.participation", &P::participation, 0.1, 0, 1, "fraction",
           "Participation axis: each of collab.tasks.max_public_subtasks slots of a task is filled "
           "by a public contribution with this probability (0: officials only; 1: the public at large).",
           kSeed002);
    table.real("collab.interdependence", &P::interdependence, 0.0, 0, 2, "",
           "Interdependence axis (Thompson 1967): 0 pooled, 1 sequential, 2 reciprocal; a value in "
           "between mixes the two neighbouring kinds (1.5: half sequential, half reciprocal).",
           kSeed002);

    table.real("collab.tasks.per_day", &P::tasks_per_day, 2000, 0, 1e7, "tasks/day",
           "Tasks arriving per day across all units (Poisson, split by residents).",
           "assumption: a default load for the typology; the Yuexiu scenario sets its own volume");
    table.integer("collab.tasks.official_subtasks", &P::official_subtasks, 3, 0, 12, "sub-tasks",
              "Official sub-tasks per task, each in a different department.",
              "assumption: a task that needs a few departments, the situation seed 002 describes");
    table.integer("collab.tasks.max_public_subtasks", &P::max_public_subtasks, 8, 0, 12, "sub-tasks",
              "Public contribution slots per task (filled with probability collab.participation).",
              "assumption: enough slots that the participation axis spans officials-only to broad public input");
    table.real("collab.tasks.arrive_start_hour", &P::arrive_start_hour, 7, 0, 24, "hour of day",
           "Tasks arrive uniformly between this hour and collab.tasks.arrive_end_hour.",
           "assumption: residents report during waking hours");
    table.real("collab.tasks.arrive_end_hour", &P::arrive_end_hour, 21, 0, 24, "hour of day",
           "End of the daily arrival window.", "assumption: residents report during waking hours");

    table.integer("collab.units", &P::units, 16, 1, 100000, "units",
              "Service areas (streets); each has its own grid workers, department desks and residents, "
              "and is simulated independently (in parallel).",
              kOrg);
    table.integer("collab.departments", &P::departments, 8, 1, 250, "departments",
              "Functional departments with a desk in every unit.", kOrg);
    table.real("collab.grid_worker_share", &P::grid_worker_share, 0.3, 0, 0.95, "fraction",
           "Share of officials who are grid workers (intake of public contributions); the rest "
           "staff the department desks.",
           kOrg);
    table.real("collab.officials.office_start_hour", &P::office_start_hour, 8, 0, 23, "hour of day",
           "Officials start work at this hour.", "assumption: Chinese civil-service office hours");
    table.real("collab.officials.office_hours", &P::office_hours, 9, 1, 24, "hours/day",
           "Officials' working hours per day.", "assumption: Chinese civil-service office hours");

    table.real("collab.work.official_hours", &P::official_hours, 1.5, 0.001, 100, "hours",
           "Mean official working time of one sub-task (exponential).", kHours);
    table.real("collab.work.public_hours", &P::public_hours, 0.5, 0, 100, "hours",
           "Mean resident time of one contribution.", kHours);
    table.real("collab.work.triage_hours", &P::triage_hours, 0.2, 0, 10, "hours",
           "Time a wrong desk spends on an item before sending it back.", kHours);
    table.integer("collab.coordination.max_rounds", &P::max_rounds, 10, 1, 1000, "rounds",
              "Mutual-adjustment rounds after which a reciprocal task that has not converged is dropped.",
              "assumption: a cap that rarely binds at the default rework probabilities; it only bounds "
              "non-converging reciprocal tasks");
    // Interdependence as exchange (issue 16): models/collab/reciprocal_exchange.hpp.
    constexpr const char* kExchange = "assumption: the seeds describe mutual adjustment but give no figures; "
                                      "the scale is the tolerance (1), and the values put a typical reciprocal "
                                      "task of a few members through a few rounds";
    auto ex = [](auto field) { return [field](P& p) -> double& { return p.exchange.*field; }; };
    table.real("collab.exchange.disagreement_sd", ex(&ExchangeParams::disagreement_sd), 1.0, 0, 1e6, "tolerances",
           "Disagreement: the members of a reciprocal task start from positions drawn from a normal "
           "distribution with this standard deviation (in units of collab.exchange.tolerance); 0: they agree "
           "from the start. A member who misunderstands an exchange misreads the group's mean by as much.",
           kExchange);
    table.real("collab.exchange.adjustment_rate", ex(&ExchangeParams::adjustment_rate), 0.5, 0, 1, "fraction",
           "Share of the distance to the group's mean position a member of a reciprocal task gives way each "
           "round (0: nobody moves, such a task never converges; 1: all meet at the mean at once).",
           "assumption: each side meets the others halfway (split the difference)");
    table.real("collab.exchange.tolerance", ex(&ExchangeParams::tolerance), 1.0, 1e-9, 1e9, "position units",
           "A reciprocal task's members agree when the spread (max - min) of their positions is within this.",
           "assumption: the unit of the position scale (the other exchange parameters are in its units)");
    table.real("collab.exchange.error_detection", ex(&ExchangeParams::error_detection), 0.5, 0, 1, "probability",
           "Chance that the next desk of a sequential chain notices that its input carries an upstream error "
           "(it asks back and the chain is redone from the sub-task that erred); an error nobody notices "
           "passes down the chain and is found when the result is checked at the end.",
           "assumption: half; the seeds give no figure");
    table.real("collab.officials.other_work_share", &P::other_work_share, 0.5, 0, 0.95, "fraction",
           "Share of every official's office hours taken by other work (cases, meetings, reports the model "
           "does not route); it arrives at each desk as items in the same FIFO queue as the tasks' work.",
           "assumption: the simulated tasks are a part of an official's job; half makes utilisation realistic "
           "(seed 003 gives no time budget; issue 16)");
    table.real("collab.officials.other_item_hours", &P::other_item_hours, 1.0, 0.01, 24, "hours",
           "Mean length of one item of other work (exponential).", kHours);
    table.flag("collab.dispatch.table", [](P& p) -> bool& { return p.dispatch_from_table; }, false,
           "The platform dispatches automatically the events whose kind its dispatch table lists "
           "(collab.dispatch.*), instead of a share collab.platform.auto_dispatch.",
           "assumption: off by default (the typology keeps auto_dispatch); the Yuexiu scenario turns it on (issue 16)");
    table.integer("collab.dispatch.categories", [](P& p) -> int& { return p.dispatch_categories; }, 100, 1, 100000,
              "kinds", "Kinds of event (Zipf frequencies with exponent collab.dispatch.zipf_exponent).",
              "assumption: of the order of the event and component sub-classes of China's urban grid-management "
              "standard (GB/T 30428.2, about a hundred); not checked against Yuexiu's own list");
    table.real("collab.dispatch.zipf_exponent", [](P& p) -> double& { return p.dispatch_zipf; }, 1.0, 0, 5, "",
           "Exponent of the kinds' Zipf frequencies (kind k has weight k^-s).",
           "assumption: complaint and incident categories are heavy-tailed; Zipf's exponent 1 as the neutral choice");
    table.integer("collab.dispatch.table_categories", [](P& p) -> int& { return p.dispatch_table_categories; }, 50, 0,
              100000, "kinds",
              "Kinds the dispatch table lists with their department (the most frequent ones).",
              "assumption: the table lists about half the kinds, the common ones a department clearly owns");
    table.integer("collab.coordination.routing_levels", &P::routing_levels, 1, 0, 10, "desks",
              "Intermediate desks (street centre, district centre) a manually routed item passes "
              "through without a platform.",
              kSeed003);
    table.integer("collab.public.daily_limit", &P::public_daily_limit, 1, 1, 100, "contributions/day",
              "Contributions one resident makes per day at most.",
              "assumption: volunteers give one contribution a day; it only matters when participation is high");
    table.real("collab.public.satisfied_hours", &P::satisfied_hours, 72, 0, 10000, "hours",
           "A resident rates a result satisfactory when the task closed within this time.",
           "assumption: three days, the response limit common in Chinese city hotlines (12345)");

    for (const CostDecl& c : kCosts) {
      const auto field = c.field;
      table.real(std::string("collab.coordination.") + c.name,
             [field](P& p) -> double& { return p.without_platform.*field; }, c.without, c.lo, c.hi, c.unit,
             std::string(c.doc) + " Without a platform.", kCostPair);
      table.real(std::string("collab.platform.") + c.name, [field](P& p) -> double& { return p.with_platform.*field; },
             c.with, c.lo, c.hi, c.unit, std::string(c.doc) + " While a platform is live.", kCostPair);
    }
    table.real("collab.platform.auto_dispatch", [](P& p) -> double& { return p.with_platform.auto_dispatch; }, 0.9, 0, 1,
           "fraction",
           "Share of official sub-tasks the platform dispatches straight to the right desk; the "
           "rest are routed by hand.",
           kSeed003);
    table.flag("collab.platform.group_channel", [](P& p) -> bool& { return p.with_platform.group_channel; }, true,
           "Reciprocal rounds use one group channel (one message per member) instead of pairwise messages.",
           "assumption: platforms of the kind seed 003 describes carry group chats (work groups)");
    table.flag("collab.platform.flat_routing", &P::flat_routing, true,
           "Manual routing skips the intermediate desks (the platform links grids and departments directly).",
           kSeed003);
    table.flag("collab.platform.enabled", &P::platform_enabled, true, "Whether a platform is live at all.",
           "assumption: on by default; scenarios and ablations switch it off");
    table.date("collab.platform.launch", &P::platform_launch, Date::from_ymd(1900, 1, 1),
           "Day the platform goes live; before it the no-platform costs apply.",
           "assumption: live from the start unless a scenario gives its sourced launch date");
    table.integer("collab.warmup_days", &P::warmup_days, 14, 0, 3650, "days",
              "Days at the start excluded from summary measures while queues fill.",
              "assumption: two weeks, longer than the slowest queue takes to fill at the defaults");

    // The society layer (seed 003, "activate society"): models/collab/society.hpp.
    auto soc = [](auto field) { return [field](P& p) -> auto& { return p.society.*field; }; };
    using S = SocietyParams;
    table.flag("collab.society.enabled", soc(&S::enabled), false,
           "Simulate the society layer: residents and party members join the residents' platform, raise "
           "matters that their community deliberates and votes on, and party members serve their community.",
           "assumption: off by default, so scenarios without it (the typology) are unchanged; the Yuexiu scenario turns it on");
    table.date("collab.society.launch", [](P& p) -> Date& { return p.society.launch; }, Date::from_ymd(1900, 1, 1),
           "Day the residents' platform goes live; before it nobody joins and party members serve offline only.",
           "assumption: live from the start unless a scenario gives its launch date");
    table.integer("collab.society.communities", soc(&S::communities), 222, 1, 1000000, "communities",
              "Communities (residents' committees) the residents are split into, evenly; matters are raised, "
              "reviewed and deliberated in a community.",
              "seed 003: Yuexiu has 222 communities in 18 streets");
    table.real("collab.society.party_member_share", soc(&S::party_member_share), 0.065, 0, 1, "fraction",
           "Share of residents who are party members (they join when their branch asks and serve their community).",
           "assumption: the national share, 91.9 M members at the end of 2019 (Central Organisation Department "
           "bulletin of 30 Jun 2020) over 1.41 bn residents (2020 census); seed 003 gives no count for Yuexiu");
    table.real("collab.society.outreach_rate", soc(&S::outreach_rate), 0.03 / 365, 0, 0.1, "1/day",
           "Joining hazard from outreach (grid workers, posters, the branch), per day: the Bass innovation "
           "coefficient. A resident of willingness w joins on a day with probability "
           "1 - exp(-(outreach_rate + contact_rate * s) * w), s the registered share of their community.",
           "Bass innovation coefficient p = 0.03 per year, the mean of the meta-analysis of Sultan, Farley & "
           "Lehmann (1990, J. Marketing Research 27:70), per day; the Yuexiu calibration estimates it");
    table.real("collab.society.contact_rate", soc(&S::contact_rate), 0.38 / 365, 0, 0.1, "1/day",
           "Joining hazard per unit of the community's registered share (word of mouth among neighbours), per "
           "day: the Bass imitation coefficient.",
           "Bass imitation coefficient q = 0.38 per year, the mean of the meta-analysis of Sultan, Farley & "
           "Lehmann (1990, J. Marketing Research 27:70), per day");
    table.real("collab.society.raise_rate", soc(&S::raise_rate), 1e-4, 0, 0.1, "matters/(resident day)",
           "Common-area matters a registered resident of willingness 1 raises on the platform per day (a resident "
           "of willingness w raises w times as many).",
           "assumption: an order of magnitude only (one matter per resident in about 30 years); the Yuexiu "
           "calibration estimates it");
    table.integer("collab.society.review_days", soc(&S::review_days), 7, 1, 365, "days",
              "A community's branch reviews the matters raised every this many days; the matters of one review "
              "form one deliberation item, and each of them is put to the community's vote.",
              "seed 003: the grid party branch collects and reviews the topics (审查把关) and the platform "
              "has weekly working meetings (每周的例会)");
    table.real("collab.society.turnout", soc(&S::turnout), 0.05, 0, 1, "probability",
           "Chance that a registered resident of willingness 1 takes part in one deliberation item of their "
           "community (speaks or votes); w times that at willingness w.",
           "assumption: a small share of the registered take part in any one item; the Yuexiu calibration estimates it");
    table.real("collab.society.service_rate", soc(&S::service_rate), 2.0 / 365, 0, 1, "services/(member day)",
           "Community services (person-times) per party member per day when the member is on the platform.",
           "assumption: in-service party members who report to their residential community are commonly asked to "
           "serve there at least twice a year (the 在职党员到社区报到 rules of Chinese cities); seed 003 gives no rate");
    table.real("collab.society.offline_reach", soc(&S::offline_reach), 0.5, 0, 1, "fraction",
           "Service rate of a party member not on the platform (or before its launch), as a fraction of "
           "collab.society.service_rate: without the platform the branch reaches members by phone and notice board.",
           "assumption: half, no source; it sets the growth of party members' service that seed 003 reports");
    // Reporting to the community online (s24): in-service party members and party and social
    // organisations decide by the threshold rule of participation.hpp; models/collab/society.hpp.
    table.real("collab.society.in_service_share", soc(&S::in_service_share), 0.422, 0, 1, "fraction",
           "Share of the party members who are in service (employed in a unit): they are the party members of "
           "the society layer, who may report to their residential community and serve it; the other members "
           "(retired, farmers, students, other occupations) are plain residents there.",
           "Party statistical bulletin, end of 2021 (Central Organisation Department, 30 Jun 2022): workers "
           "6.594 M, professionals 15.487 M, managers 10.948 M of enterprises, institutions and social "
           "organisations and staff of Party and government organs 7.805 M, of 96.712 M members; the nearest "
           "year to 2020 with the occupations found; seed 003 gives no Yuexiu breakdown");
    table.real("collab.society.report_cost", soc(&S::report_cost), 0.4, 0, 3, "",
           "Reach cost of reporting to one's community through the residents' platform: once reached by "
           "outreach (the hazard of collab.society.outreach_rate and contact_rate), an in-service party member "
           "or an organisation of willingness w reports when w > report_cost + 1 - motive (the threshold rule of "
           "collab.participants.*).",
           "assumption: the collab model's declared reach cost through a platform (collab.platform.threshold's "
           "default 0.4); seed 003 gives no figure. Before the launch nobody reports online");
    table.real("collab.society.party_organisation_density", soc(&S::party_org_density), 3.32e-3, 0, 1,
           "organisations/resident",
           "Grassroots party organisations (committees, general branches, branches) per resident; each may "
           "report to its community online (each community has its share of the district's total).",
           "4.681 M grassroots party organisations at the end of 2019 (Central Organisation Department, Party "
           "statistical bulletin of 30 Jun 2020) over 1.41 bn residents (2020 census); the national density, "
           "seed 003 gives no count for Yuexiu");
    table.real("collab.society.party_organisation_motive", soc(&S::party_org_motive), 1.2, 0, 3, "",
           "Perceived benefit of reporting to the community for a party organisation (its higher committee "
           "asks it to).",
           "assumption: as a party member's (collab.participants.party_member_motive 1.2): both are asked "
           "by the Party to report (seed 003: 党组织报到 and 党员报到 modules)");
    return table;
  }();
  return t;
}

}  // namespace

void declare_collab_parameters(ParamRegistry& reg) {
  parameters().declare(reg);
  declare_adoption_parameters(reg);
  declare_participant_parameters(reg);
  declare_seed002_parameters(reg);  // issue 16 point 5: collab.working_window/levels/census.*
}

void check_collab_parameters(const ParamSet& p) {
  const auto& end = p.at("collab.tasks.arrive_end_hour");
  if (p.get_double("collab.tasks.arrive_start_hour") >= p.get_double("collab.tasks.arrive_end_hour"))
    throw InputError(end.loc, "collab.tasks.arrive_end_hour", "expected a value after collab.tasks.arrive_start_hour");
  if (p.get_double("collab.officials.office_hours") < 24 &&
      p.get_double("collab.officials.office_start_hour") + p.get_double("collab.officials.office_hours") > 24)
    throw InputError(p.at("collab.officials.office_hours").loc, "collab.officials.office_hours",
                     "expected office_start_hour + office_hours <= 24 (an office day may not cross midnight; 24 means always open)");
  if (p.get_int("collab.tasks.official_subtasks") + p.get_int("collab.tasks.max_public_subtasks") == 0)
    throw InputError(p.at("collab.tasks.official_subtasks").loc, "collab.tasks.official_subtasks",
                     "a task needs at least one sub-task: official_subtasks + max_public_subtasks >= 1");
  if (p.get_int("collab.tasks.official_subtasks") > p.get_int("collab.departments"))
    throw InputError(p.at("collab.tasks.official_subtasks").loc, "collab.tasks.official_subtasks",
                     "expected at most collab.departments (each official sub-task is in its own department)");
  // The same split as the model's set-up: floor(officials * share) grid workers, the rest at desks.
  const int64_t officials = p.get_int("population.officials");
  const int64_t units = p.get_int("collab.units");
  const int64_t grid = static_cast<int64_t>(std::floor(double(officials) * p.get_double("collab.grid_worker_share")));
  if (grid < units || officials - grid < units * p.get_int("collab.departments"))
    throw InputError(p.at("population.officials").loc, "population.officials",
                     "expected enough officials for one grid worker per unit and one official per department "
                     "desk: at least units / grid_worker_share and units * departments / (1 - grid_worker_share)");
  if (p.get_bool("collab.society.enabled") && p.get_int("population.residents") < p.get_int("collab.society.communities"))
    throw InputError(p.at("collab.society.communities").loc, "collab.society.communities",
                     "expected at most population.residents communities (each needs a resident)");
  if (p.get_int("population.residents") < p.get_int("collab.units"))
    throw InputError(p.at("population.residents").loc, "population.residents",
                     "expected at least one resident per unit (collab.units)");
  check_participant_parameters(p);
  check_seed002_parameters(p);
}

CollabParams load_collab_parameters(const ParamSet& p) {
  CollabParams c = parameters().load(p);
  // Without a platform: no auto-dispatch, pairwise messages, every intermediate desk.
  c.without_platform.routing_levels = c.routing_levels;
  c.without_platform.auto_dispatch = 0.0;
  c.without_platform.group_channel = false;
  c.with_platform.routing_levels = c.flat_routing ? 0 : c.routing_levels;
  c.adoption = load_adoption_parameters(p);
  c.participants = load_participant_parameters(p);
  // The society layer's party members and social organisations decide with the actors' motives.
  c.society.party_member_motive = c.participants.motive[int(ActorKind::PartyMember)];
  c.society.social_org_density = c.participants.share[int(ActorKind::SocialOrganisation)];
  c.society.social_org_motive = c.participants.motive[int(ActorKind::SocialOrganisation)];
  if (c.dispatch_from_table) c.dispatch_table = DispatchTable(c.dispatch_categories, c.dispatch_zipf, c.dispatch_table_categories);
  return c;
}

}  // namespace govsim::collab
