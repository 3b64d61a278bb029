#include "models/collab/params.hpp"

#include <cmath>

#include "sim/core/errors.hpp"
#include "sim/params/declare.hpp"

namespace govsim::collab {
namespace {

constexpr const char* kSeed002 = "seed 002 (the participation-interdependence framework of digital collaborative governance)";
constexpr const char* kSeed003 = "seed 003 (Chen, Xu, Song & Lan: two-way activation, Yuexiu)";
constexpr const char* kAssume = "assumption; see docs/collab_model.md";

// One coordination cost: its value without a platform and while a platform is live.
struct CostDecl {
  const char* name;
  double without, with, lo, hi;
  const char* unit;
  const char* doc;
};
constexpr CostDecl kCosts[] = {
    {"handoff_hours", 8.0, 0.25, 0, 240, "hours",
     "Mean latency before the next actor picks up a hand-over (inbox checked by hand vs pushed)."},
    {"message_hours", 0.10, 0.02, 0, 10, "hours/message",
     "Official time to read and answer one coordination message (phone and paper vs shared channel)."},
    {"rework_prob", 0.20, 0.05, 0, 0.99, "probability",
     "Chance that an input is misunderstood (information asymmetry) and the work must be redone."},
    {"misroute_prob", 0.25, 0.10, 0, 0.95, "probability",
     "Chance that a manually routed item reaches the wrong desk and is sent back."},
    {"ask_hours", 6.0, 1.0, 0, 240, "hours",
     "Mean time until a resident is reached and answers (in person vs app notification)."},
    {"threshold", 0.80, 0.40, 0, 0.99, "fraction",
     "Participation threshold: a resident takes part when their willingness (uniform on [0,1]) "
     "exceeds it; a platform lowers registration and travel costs."},
    {"intake_hours", 0.20, 0.02, 0, 10, "hours",
     "Grid-worker time to take in one public contribution (written up by hand vs self-entered)."},
    {"combine_hours_per_input", 0.10, 0.02, 0, 10, "hours/input",
     "Owner's time per input when combining pooled results (ad hoc formats vs standard interfaces)."},
};

}  // namespace

void declare_collab_parameters(ParamRegistry& reg) {
  add_float(reg, "collab.participation", 0.1, 0, 1, "fraction",
            "Participation axis: each of collab.tasks.max_public_subtasks slots of a task is filled "
            "by a public contribution with this probability (0: officials only; 1: the public at large).",
            kSeed002);
  add_float(reg, "collab.interdependence", 0.0, 0, 2, "",
            "Interdependence axis (Thompson 1967): 0 pooled, 1 sequential, 2 reciprocal; a value in "
            "between mixes the two neighbouring kinds (1.5: half sequential, half reciprocal).",
            kSeed002);

  add_float(reg, "collab.tasks.per_day", 2000, 0, 1e7, "tasks/day",
            "Tasks arriving per day across all units (Poisson, split by residents).");
  add_int(reg, "collab.tasks.official_subtasks", 3, 0, 12, "sub-tasks",
          "Official sub-tasks per task, each in a different department.");
  add_int(reg, "collab.tasks.max_public_subtasks", 8, 0, 12, "sub-tasks",
          "Public contribution slots per task (filled with probability collab.participation).");
  add_float(reg, "collab.tasks.arrive_start_hour", 7, 0, 24, "hour of day",
            "Tasks arrive uniformly between this hour and collab.tasks.arrive_end_hour.");
  add_float(reg, "collab.tasks.arrive_end_hour", 21, 0, 24, "hour of day", "End of the daily arrival window.");

  add_int(reg, "collab.units", 16, 1, 100000, "units",
          "Service areas (streets); each has its own grid workers, department desks and residents, "
          "and is simulated independently (in parallel).");
  add_int(reg, "collab.departments", 8, 1, 250, "departments", "Functional departments with a desk in every unit.");
  add_float(reg, "collab.grid_worker_share", 0.3, 0, 0.95, "fraction",
            "Share of officials who are grid workers (intake of public contributions); the rest "
            "staff the department desks.");
  add_float(reg, "collab.officials.office_start_hour", 8, 0, 23, "hour of day", "Officials start work at this hour.");
  add_float(reg, "collab.officials.office_hours", 9, 1, 24, "hours/day", "Officials' working hours per day.");

  add_float(reg, "collab.work.official_hours", 1.5, 0.001, 100, "hours",
            "Mean official working time of one sub-task (exponential).");
  add_float(reg, "collab.work.public_hours", 0.5, 0, 100, "hours", "Mean resident time of one contribution.");
  add_float(reg, "collab.work.triage_hours", 0.2, 0, 10, "hours",
            "Time a wrong desk spends on an item before sending it back.");
  add_int(reg, "collab.coordination.max_rounds", 10, 1, 1000, "rounds",
          "Mutual-adjustment rounds after which a reciprocal task that has not converged is dropped.");
  add_int(reg, "collab.coordination.routing_levels", 1, 0, 10, "desks",
          "Intermediate desks (street centre, district centre) a manually routed item passes "
          "through without a platform.", kSeed003);
  add_int(reg, "collab.public.daily_limit", 1, 1, 100, "contributions/day",
          "Contributions one resident makes per day at most.");
  add_float(reg, "collab.public.satisfied_hours", 72, 0, 10000, "hours",
            "A resident rates a result satisfactory when the task closed within this time.");

  for (const CostDecl& c : kCosts) {
    add_float(reg, std::string("collab.coordination.") + c.name, c.without, c.lo, c.hi, c.unit,
              std::string(c.doc) + " Without a platform.");
    add_float(reg, std::string("collab.platform.") + c.name, c.with, c.lo, c.hi, c.unit,
              std::string(c.doc) + " While a platform is live.");
  }
  add_float(reg, "collab.platform.auto_dispatch", 0.9, 0, 1, "fraction",
            "Share of official sub-tasks the platform dispatches straight to the right desk; the "
            "rest are routed by hand.", kSeed003);
  add_bool(reg, "collab.platform.group_channel", true,
           "Reciprocal rounds use one group channel (one message per member) instead of pairwise messages.");
  add_bool(reg, "collab.platform.flat_routing", true,
           "Manual routing skips the intermediate desks (the platform links grids and departments directly).",
           kSeed003);
  add_bool(reg, "collab.platform.enabled", true, "Whether a platform is live at all.");
  reg.add({"collab.platform.launch", ParamType::Date, Date::from_ymd(1900, 1, 1), {}, {}, {}, "date",
           "Day the platform goes live; before it the no-platform costs apply.", kAssume});
  add_int(reg, "collab.warmup_days", 14, 0, 3650, "days",
          "Days at the start excluded from summary measures while queues fill.");
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
  if (p.get_int("population.residents") < p.get_int("collab.units"))
    throw InputError(p.at("population.residents").loc, "population.residents",
                     "expected at least one resident per unit (collab.units)");
}

CollabParams load_collab_parameters(const ParamSet& p) {
  CollabParams c;
  c.participation = p.get_double("collab.participation");
  c.interdependence = p.get_double("collab.interdependence");
  c.tasks_per_day = p.get_double("collab.tasks.per_day");
  c.official_subtasks = int(p.get_int("collab.tasks.official_subtasks"));
  c.max_public_subtasks = int(p.get_int("collab.tasks.max_public_subtasks"));
  c.arrive_start_hour = p.get_double("collab.tasks.arrive_start_hour");
  c.arrive_end_hour = p.get_double("collab.tasks.arrive_end_hour");
  c.units = int(p.get_int("collab.units"));
  c.departments = int(p.get_int("collab.departments"));
  c.grid_worker_share = p.get_double("collab.grid_worker_share");
  c.office_start_hour = p.get_double("collab.officials.office_start_hour");
  c.office_hours = p.get_double("collab.officials.office_hours");
  c.official_hours = p.get_double("collab.work.official_hours");
  c.public_hours = p.get_double("collab.work.public_hours");
  c.triage_hours = p.get_double("collab.work.triage_hours");
  c.max_rounds = int(p.get_int("collab.coordination.max_rounds"));
  c.public_daily_limit = int(p.get_int("collab.public.daily_limit"));
  c.satisfied_hours = p.get_double("collab.public.satisfied_hours");

  auto costs = [&](const std::string& prefix, CoordinationCosts& k) {
    k.handoff_hours = p.get_double(prefix + "handoff_hours");
    k.message_hours = p.get_double(prefix + "message_hours");
    k.rework_prob = p.get_double(prefix + "rework_prob");
    k.misroute_prob = p.get_double(prefix + "misroute_prob");
    k.ask_hours = p.get_double(prefix + "ask_hours");
    k.threshold = p.get_double(prefix + "threshold");
    k.intake_hours = p.get_double(prefix + "intake_hours");
    k.combine_hours_per_input = p.get_double(prefix + "combine_hours_per_input");
  };
  costs("collab.coordination.", c.without_platform);
  c.without_platform.routing_levels = int(p.get_int("collab.coordination.routing_levels"));
  c.without_platform.auto_dispatch = 0.0;
  c.without_platform.group_channel = false;
  costs("collab.platform.", c.with_platform);
  c.with_platform.routing_levels =
      p.get_bool("collab.platform.flat_routing") ? 0 : c.without_platform.routing_levels;
  c.with_platform.auto_dispatch = p.get_double("collab.platform.auto_dispatch");
  c.with_platform.group_channel = p.get_bool("collab.platform.group_channel");
  c.platform_enabled = p.get_bool("collab.platform.enabled");
  c.platform_launch = p.get_date("collab.platform.launch");
  c.warmup_days = int(p.get_int("collab.warmup_days"));
  return c;
}

}  // namespace govsim::collab
