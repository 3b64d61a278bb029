#include "sim/calibrate/calibrate_job.hpp"

#include <exception>
#include <filesystem>

#include "sim/batch/mpi_work.hpp"
#include "sim/batch/part_store.hpp"
#include "sim/calibrate/posterior_file.hpp"
#include "sim/io/file_checks.hpp"

namespace govsim::calibrate {
namespace {

// Checks on the output made before any run (rank 0).
void check_output(const CalSpec& spec, const std::string& output, const CalOptions& options) {
  std::vector<std::pair<std::string, std::string>> inputs = {{"calibration file", spec.path},
                                                             {"base scenario", spec.base_path}};
  if (!spec.targets_path.empty()) inputs.push_back({"targets file", spec.targets_path});
  // A mistyped output directory is reported now, not after the runs.
  const std::filesystem::path out_path(output);
  const std::filesystem::path dir = out_path.has_parent_path() ? out_path.parent_path() : ".";
  if (!std::filesystem::is_directory(dir)) throw FileError(output, "directory '" + dir.string() + "' does not exist");
  if (std::filesystem::is_directory(out_path)) throw FileError(output, "is a directory");
  refuse_output_over_input(output, inputs);
  // A finished posterior is not replaced by accident (a calibration can take hours). Extending a
  // calibration whose parts were kept (--keep-parts, then --resume with a larger budget) rewrites it.
  const bool extending = options.resume && std::filesystem::is_directory(output + ".parts");
  if (std::filesystem::exists(out_path) && !options.force && !extending)
    throw UsageError(output + " already exists (a finished calibration?); use --force to replace it, another -o, "
                              "or --resume if its runs were kept with --keep-parts");
}

}  // namespace

CalOutcome run_calibration(const std::string& calibration_path, const std::string& output, const CalOptions& options) {
  // Started by mpirun, the ranks share the runs of each generation; otherwise one process.
  batch::MpiSession mpi;
  const bool root = mpi.rank() == 0;
  CalOptions o = options;
  o.mpi = &mpi;
  CalSpec spec;
  try {
    spec = load_calibration(calibration_path);
  } catch (const GovsimError&) {
    if (!root) throw QuietFailure();  // every rank finds the same mistake; rank 0 reports it
    throw;
  }
  mpi.check_on_root([&] { check_output(spec, output, options); });
  CalOutcome outcome = run_abc_smc(spec, output, o);
  outcome.rank = mpi.rank(), outcome.ranks = mpi.size();
  if (!root) return outcome;
  write_posterior_file(output, spec, outcome, {options.command_line, options.threads});
  if (!options.keep_parts) batch::PartStore(output, outcome.plan_hash, "calibration").remove();
  return outcome;
}

}  // namespace govsim::calibrate
