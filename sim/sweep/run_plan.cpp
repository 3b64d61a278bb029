#include "sim/sweep/run_plan.hpp"

#include <cmath>

#include "sim/batch/fnv_hash.hpp"
#include "sim/checkpoint/branch.hpp"
#include "sim/rng/counter_rng.hpp"

namespace govsim::sweep {
namespace {

// What the results depend on: the base scenario's text, every run's overrides (fixed, varied,
// seed). Paths, thread counts and the sweep file's comments are left out on purpose, so that a
// sweep moved to a cluster keeps its hash.
std::string plan_hash(const RunPlan& plan) {
  batch::Fnv128 h;
  h.add("govsim-sweep-plan 1");
  h.add(plan.spec.base_text);
  if (const auto& ck = plan.spec.checkpoint) {  // a sweep of futures: which saved past (not where the file is)
    h.add("checkpoint");
    for (const std::string* t : {&ck->date, &ck->created_utc, &ck->git_commit, &ck->scenario_resolved}) h.add(*t);
    for (const std::string& o : ck->overrides) h.add(o);
  }
  h.add(to_string(plan.spec.design));
  h.add(std::to_string(plan.num_runs));
  for (const VariedParam& p : plan.spec.params) h.add(p.name);
  for (uint64_t i = 0; i < plan.num_runs; ++i)
    for (const std::string& o : plan.overrides(i)) h.add(o);
  return h.hex();
}

}  // namespace

std::string value_text(const VariedParam& p, double v) {
  if (p.type == ParamType::Bool) return v != 0 ? "true" : "false";
  if (p.type == ParamType::Int) return std::to_string(std::llround(v));
  return to_toml_literal(v);
}

RunSpec RunPlan::run(uint64_t index) const {
  RunSpec r;
  r.index = index;
  r.point = index / spec.replicates;
  r.replicate = index % spec.replicates;
  r.seed = run_seed(spec.seed, spec.seed_mode, index, r.replicate);
  return r;
}

std::vector<std::string> RunPlan::overrides(uint64_t index) const {
  const RunSpec r = run(index);
  std::vector<std::string> out = spec.fixed;
  const DesignPoint& pt = design.points[r.point];
  for (size_t j = 0; j < spec.params.size(); ++j)
    out.push_back(spec.params[j].name + "=" + value_text(spec.params[j], pt.values[j]));
  out.push_back("run.seed=" + std::to_string(r.seed));
  return out;
}

Scenario RunPlan::scenario(uint64_t index) const {
  // A sweep of futures: the run is the checkpoint's branch with the run's values (seed included)
  // set from the day after it, so all runs share the past and differ only from then on.
  if (spec.checkpoint) return branch_from(*spec.checkpoint, spec.checkpoint_path, overrides(index)).scenario;
  return parse_scenario(spec.base_text, spec.base_path, overrides(index));
}

RunPlan make_plan(SweepSpec spec) {
  RunPlan plan;
  if (spec.design == DesignKind::Grid && design::grid_size(spec, kMaxRuns / spec.replicates) == 0)
    throw InputError({spec.path}, "sweep.parameters",
                     "the grid has more than " + std::to_string(kMaxRuns) + " runs; use fewer levels or an lhs design");
  plan.spec = std::move(spec);
  plan.design = design::make_design(plan.spec);
  plan.num_runs = uint64_t(plan.design.points.size()) * plan.spec.replicates;
  if (plan.num_runs == 0) throw InputError({plan.spec.path}, "sweep", "the design has no runs");
  if (plan.num_runs > kMaxRuns)
    throw InputError({plan.spec.path}, "sweep.samples",
                     "the design has " + std::to_string(plan.num_runs) + " runs; at most " + std::to_string(kMaxRuns));
  plan.hash = plan_hash(plan);
  return plan;
}

void check_every_point(const RunPlan& plan) {
  for (uint64_t pt = 0; pt < plan.design.points.size(); ++pt) {
    try {
      (void)plan.scenario(pt * plan.spec.replicates);
    } catch (const InputError& e) {
      std::string values;
      for (size_t j = 0; j < plan.spec.params.size(); ++j)
        values += (j ? ", " : "") + plan.spec.params[j].name + "=" +
                  value_text(plan.spec.params[j], plan.design.points[pt].values[j]);
      throw InputError({plan.spec.path}, "sweep",
                       "design point " + std::to_string(pt) + " (" + values + ") is not a valid scenario: " + e.what());
    }
  }
}

}  // namespace govsim::sweep
