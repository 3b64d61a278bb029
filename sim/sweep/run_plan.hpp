#pragma once
// A sweep expanded into runs. Run index = point * replicates + replicate; each run's scenario is
// the base scenario + [sweep.set] + the point's values + its derived seed, loaded through the
// ordinary scenario loader so that every run gets the normal checks.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/design/design.hpp"
#include "sim/sweep/sweep_spec.hpp"

namespace govsim::sweep {

using design::Design;
using design::DesignPoint;

struct RunSpec {
  uint64_t index = 0, point = 0, replicate = 0;
  uint64_t seed = 0;  // run.seed of this run
};

struct RunPlan {
  SweepSpec spec;
  Design design;
  uint64_t num_runs = 0;
  std::string hash;  // hex; identifies the expanded plan (see plan_hash)

  RunSpec run(uint64_t index) const;
  // The run's overrides, in the order they are applied: [sweep.set], the point's values, run.seed.
  std::vector<std::string> overrides(uint64_t index) const;
  Scenario scenario(uint64_t index) const;
};

// Builds the design and the plan. Throws InputError if the design is too large or empty.
RunPlan make_plan(SweepSpec spec);

// Loads the scenario of every design point once (replicate 0) so that a cross-parameter check
// that fails for some point (e.g. a model's own check) is reported before any run starts.
void check_every_point(const RunPlan& plan);

using batch::run_seed;

// The override text of one parameter value (integers without a decimal point, bools as words,
// floats in the shortest form that reads back to the same double).
std::string value_text(const VariedParam& p, double v);

// Upper bound on the number of runs a sweep may expand to.
inline constexpr uint64_t kMaxRuns = 100000000;

}  // namespace govsim::sweep
