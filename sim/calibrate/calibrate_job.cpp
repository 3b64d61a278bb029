#include "sim/calibrate/calibrate_job.hpp"

#include <filesystem>

#include "sim/batch/part_store.hpp"
#include "sim/calibrate/posterior_file.hpp"
#include "sim/io/file_checks.hpp"

namespace govsim::calibrate {

CalOutcome run_calibration(const std::string& calibration_path, const std::string& output, const CalOptions& options) {
  const CalSpec spec = load_calibration(calibration_path);
  std::vector<std::pair<std::string, std::string>> inputs = {{"calibration file", spec.path},
                                                             {"base scenario", spec.base_path}};
  if (!spec.targets_path.empty()) inputs.push_back({"targets file", spec.targets_path});
  // A mistyped output directory is reported now, not after the runs.
  const std::filesystem::path out_path(output);
  const std::filesystem::path dir = out_path.has_parent_path() ? out_path.parent_path() : ".";
  if (!std::filesystem::is_directory(dir)) throw FileError(output, "directory '" + dir.string() + "' does not exist");
  if (std::filesystem::is_directory(out_path)) throw FileError(output, "is a directory");
  refuse_output_over_input(output, inputs);
  CalOutcome outcome = run_abc_smc(spec, output, options);
  write_posterior_file(output, spec, outcome, {options.command_line, options.threads});
  batch::PartStore(output, outcome.plan_hash).remove();
  return outcome;
}

}  // namespace govsim::calibrate
