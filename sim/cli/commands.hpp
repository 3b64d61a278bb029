#pragma once
// One function per subcommand: each adds itself to the CLI11 app and registers its callback.
// Callbacks throw govsim errors; main() is the only place that prints them.
#include <CLI/CLI.hpp>

#include <string>

namespace govsim::cli {

// The longest command line (shell-quoted) accepted: it is stored as an HDF5 attribute of every
// result file, and HDF5 keeps attributes in a 64 KiB object header. Checked before any work, so a
// run never fails after simulating because its command line cannot be recorded.
inline constexpr size_t kMaxCommandLineLength = 32768;

// The full command line, shell-quoted, for provenance.
const std::string& command_line();
void set_command_line(int argc, char** argv);

void add_run_command(CLI::App& app);
void add_branch_command(CLI::App& app);
void add_validate_command(CLI::App& app);
void add_params_command(CLI::App& app);
void add_outputs_command(CLI::App& app);
void add_info_command(CLI::App& app);
void add_bench_command(CLI::App& app);
void add_diff_command(CLI::App& app);
void add_sweep_command(CLI::App& app);
void add_merge_command(CLI::App& app);
void add_calibrate_command(CLI::App& app);
void add_export_command(CLI::App& app);
void add_report_command(CLI::App& app);
void add_plot_command(CLI::App& app);

}  // namespace govsim::cli
