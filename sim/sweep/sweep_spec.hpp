#pragma once
// A sweep file, parsed and checked: the base scenario, fixed overrides, the varied parameters
// with their ranges or values, the design and the replicates. docs/sweeps.md is the reference.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/errors.hpp"
#include "sim/params/param_spec.hpp"

namespace govsim::sweep {

enum class DesignKind { Grid, Lhs, Saltelli, Morris, List };
const char* to_string(DesignKind k);

enum class SeedMode { PerRun, Common };
const char* to_string(SeedMode m);

// One varied parameter. Either `values` (explicit levels) or [lower, upper] (+ levels for a grid).
struct VariedParam {
  std::string name;             // dotted path, declared in the parameter registry
  ParamType type = ParamType::Float;  // Int, Float or Bool
  std::vector<double> values;   // explicit values (bool as 0/1); empty when given by a range
  double lower = 0, upper = 0;  // the range (unused when `values` is given)
  uint32_t levels = 0;          // grid levels over the range
  bool log_scale = false;
  SourceLoc loc;                // of the [[sweep.parameters]] entry
  bool has_range() const { return values.empty(); }
};

struct SweepSpec {
  std::string path;              // the sweep file, as given
  std::string source_text;       // exactly as read
  std::string base_path;         // the base scenario, resolved relative to the sweep file
  std::string base_text;
  uint64_t seed = 0;
  uint32_t replicates = 1;
  DesignKind design = DesignKind::Grid;
  uint32_t samples = 0;          // N for lhs/saltelli, trajectories for morris
  uint32_t morris_levels = 4;
  SeedMode seed_mode = SeedMode::PerRun;
  uint32_t threads_per_run = 1;
  std::vector<std::string> fixed;  // "key=value" overrides from [sweep.set], in key order
  std::vector<VariedParam> params;
  std::vector<std::vector<double>> points;  // design = "list": one row per [[sweep.points]]
};

// Reads and checks a sweep file. Throws FileError (unreadable sweep or base scenario) or
// InputError with the sweep file's line:col, the key and what was expected.
SweepSpec load_sweep(const std::string& path);

// Same, from text; the base scenario is read from disk relative to `path` unless `base_text`
// is given (merging rebuilds a plan from the texts stored in a result file).
SweepSpec parse_sweep(std::string_view text, const std::string& path,
                      const std::optional<std::string>& base_text = std::nullopt,
                      const std::optional<std::string>& base_path = std::nullopt);

// Largest value a seed may take: run.seed is declared up to 2^53 - 1 (exact in a double).
inline constexpr uint64_t kMaxSeed = (uint64_t(1) << 53) - 1;

}  // namespace govsim::sweep
