#pragma once
// The posterior file (docs/calibration.md, "Posterior file layout"): particles, weights, the
// per-generation history, the posterior predictive of every target with the held-out verdicts,
// contraction and correlations, and provenance. Written atomically.
#include <string>

#include "sim/calibrate/abc_smc.hpp"

namespace govsim::calibrate {

struct CalEnvironment {
  std::string command_line;
  uint32_t threads = 1;
};

// Throws FileError.
void write_posterior_file(const std::string& path, const CalSpec& spec, const CalOutcome& outcome,
                          const CalEnvironment& env);

// True for an HDF5 file with format = "govsim-calibration".
bool is_posterior_file(const std::string& path);

// `govsim info` of a posterior file. Throws FileError for a damaged file.
std::string describe_posterior_file(const std::string& path);

}  // namespace govsim::calibrate
