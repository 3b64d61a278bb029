#pragma once
// One function per subcommand: each adds itself to the CLI11 app and registers its callback.
// Callbacks throw govsim errors; main() is the only place that prints them.
#include <CLI/CLI.hpp>

#include <string>

namespace govsim::cli {

// The full command line, shell-quoted, for provenance.
const std::string& command_line();
void set_command_line(int argc, char** argv);

void add_run_command(CLI::App& app);
void add_validate_command(CLI::App& app);
void add_params_command(CLI::App& app);
void add_info_command(CLI::App& app);
void add_bench_command(CLI::App& app);
void add_diff_command(CLI::App& app);
void add_sweep_command(CLI::App& app);
void add_merge_command(CLI::App& app);
void add_export_command(CLI::App& app);
void add_report_command(CLI::App& app);
void add_plot_command(CLI::App& app);

}  // namespace govsim::cli
