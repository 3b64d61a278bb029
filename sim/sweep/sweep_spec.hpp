#pragma once
// A sweep file, parsed and checked: the base scenario, fixed overrides, the varied parameters
// with their ranges or values, the design and the replicates. docs/sweeps.md is the reference.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/errors.hpp"
#include "sim/batch/seeds.hpp"
#include "sim/checkpoint/checkpoint_file.hpp"
#include "sim/design/design_spec.hpp"
#include "sim/params/param_spec.hpp"
#include "sim/scenario/scenario.hpp"

namespace govsim::sweep {

using design::DesignKind;
using design::VariedParam;
using batch::SeedMode;

// The design part (seed, design, samples, morris_levels, params, points) is the generators' input.
struct SweepSpec : design::DesignSpec {
  std::string path;              // the sweep file, as given
  std::string source_text;       // exactly as read
  std::string base_path;         // the base scenario, resolved relative to the sweep file
  std::string base_text;
  uint32_t replicates = 1;
  SeedMode seed_mode = SeedMode::PerRun;
  uint32_t threads_per_run = 1;
  std::vector<std::string> fixed;  // "key=value" overrides from [sweep.set], in key order
  // A sweep of futures ([sweep] checkpoint = ...): every run branches from this checkpoint, its
  // [sweep.set] values, point values and seed applied from the day after it, as `govsim branch
  // --set` does. base_text/base_path are then the checkpointed run's scenario.
  std::string checkpoint_path;  // resolved relative to the sweep file; empty: runs start on day 0
  std::optional<CheckpointHeader> checkpoint;
};

// Reads and checks a sweep file. Throws FileError (unreadable sweep or base scenario) or
// InputError with the sweep file's line:col, the key and what was expected.
SweepSpec load_sweep(const std::string& path);

// Same, from text; the base scenario is read from disk relative to `path` unless `base_text`
// is given (merging rebuilds a plan from the texts stored in a result file).
// A sweep of futures rebuilt from a result file passes the checkpoint header stored there.
SweepSpec parse_sweep(std::string_view text, const std::string& path,
                      const std::optional<std::string>& base_text = std::nullopt,
                      const std::optional<std::string>& base_path = std::nullopt,
                      const std::optional<CheckpointHeader>& stored_checkpoint = std::nullopt);

// The base scenario with [sweep.set] applied (from a checkpoint: as a branch applies them).
Scenario base_scenario(const SweepSpec& spec);

using batch::kMaxSeed;

}  // namespace govsim::sweep
