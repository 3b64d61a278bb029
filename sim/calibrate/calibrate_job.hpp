#pragma once
// `govsim calibrate` from start to finish: read and check the calibration file, run ABC-SMC
// through the batch machinery, write the posterior file, remove the parts.
#include <string>

#include "sim/calibrate/abc_smc.hpp"

namespace govsim::calibrate {

// Throws InputError / FileError / UsageError; Interrupted if cancelled or stopped early (the
// finished runs stay in <output>.parts/ for --resume; no posterior file is written).
CalOutcome run_calibration(const std::string& calibration_path, const std::string& output, const CalOptions& options);

}  // namespace govsim::calibrate
