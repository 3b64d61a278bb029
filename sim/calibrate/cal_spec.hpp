#pragma once
// A calibration file, parsed and checked (docs/calibration.md is the reference): the base
// scenario, the calibrated parameters with their priors, the targets (by id from a targets file,
// or inline) each used to fit or held out, the ABC settings and the stopping rule.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/calibrate/prior.hpp"
#include "sim/calibrate/target.hpp"
#include "sim/core/errors.hpp"
#include "sim/params/param_spec.hpp"

namespace govsim::calibrate {

struct CalParam {
  std::string name;   // dotted path, declared in the parameter registry (a float)
  Prior prior;
  SourceLoc loc;
};

struct StopRule {
  double min_tolerance = 0;       // stop once the tolerance falls to this
  double min_acceptance = 0.02;   // ... or the acceptance rate of a generation falls below this
  uint32_t max_generations = 10;
  uint64_t max_simulations = 20000;  // particles x replicates, over all generations
};

// How simulated and published figures are compared (docs/calibration.md):
//   AbcDistance: ABC-SMC with an adaptive tolerance on the RMS of the standardised gaps;
//   SyntheticLikelihood: a Gaussian synthetic likelihood (Wood 2010) whose variance is the target's
//     error squared plus the replicates' variance, sampled by tempered population Monte Carlo.
enum class Discrepancy { AbcDistance, SyntheticLikelihood };
const char* to_string(Discrepancy d);

// The perturbation kernel of generations > 0 (docs/calibration.md, "Kernel"):
//   Global: one Gaussian with twice the weighted covariance of the previous population
//     (Beaumont et al. 2009), the default;
//   Olcm: one Gaussian per ancestor, the "optimal local covariance matrix" of Filippi, Barnes,
//     Cornebise & Stumpf 2013 (the weighted second moment about the ancestor of the previous
//     particles already within the new tolerance): tighter where the population has contracted,
//     so more proposals are accepted when there are many parameters. ABC distance only.
enum class KernelKind { Global, Olcm };
const char* to_string(KernelKind k);

struct CalSpec {
  std::string path, source_text;
  std::string base_path, base_text;
  std::vector<std::string> fixed;  // "key=value" overrides of the base scenario (calibration.set)
  std::string targets_path;       // "" when every target is inline
  double population_reference = 0;
  uint64_t seed = 0;
  uint32_t particles = 100, replicates = 1, threads_per_run = 1;
  double quantile = 0.5;          // next tolerance = this quantile of the accepted distances
  Discrepancy discrepancy = Discrepancy::AbcDistance;
  KernelKind kernel = KernelKind::Global;
  StopRule stop;
  std::vector<CalParam> params;
  std::vector<Target> targets;    // fit and holdout, in file order
};

// Throws FileError (unreadable file, scenario or targets file) or InputError at file:line:col.
CalSpec load_calibration(const std::string& path);
CalSpec parse_calibration(std::string_view text, const std::string& path);

}  // namespace govsim::calibrate
