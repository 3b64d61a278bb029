// `govsim run`: scenario -> simulation -> one HDF5 file, written atomically.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <optional>

#include <unistd.h>

#include "sim/cli/commands.hpp"
#include "sim/cli/key_figures.hpp"
#include "sim/cli/output_name.hpp"
#include "sim/cli/progress_display.hpp"
#include "sim/cli/scenario_options.hpp"
#include "sim/engine/memory_estimate.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/io/file_checks.hpp"
#include "sim/io/result_writer.hpp"

namespace govsim::cli {
namespace {

std::atomic<bool> g_cancel{false};
extern "C" void on_signal(int) { g_cancel.store(true); }

struct RunArgs {
  ScenarioArgs scenario;
  std::string output;
  uint32_t threads = 0;
  bool quiet = false;
};

void run(const RunArgs& a) {
  const Scenario sc = load_scenario_from_args(a.scenario);
  std::string out = a.output;
  std::optional<uint64_t> seed;
  if (a.scenario.seed) seed = static_cast<uint64_t>(sc.params.get_int("run.seed"));  // checked by the loader
  if (out.empty()) out = default_output_name(a.scenario.path, a.scenario.sets, seed);
  refuse_output_over_input(out, {{"scenario", a.scenario.path}});  // before the run, not after
  check_memory_fits(sc.params);                                     // refuse what cannot fit, up front

  // Ctrl-C / SIGTERM stop the run between two days; nothing is written under `out`.
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  RunOptions opt{command_line(), a.threads, &g_cancel};
  // Progress on stderr for long runs (silent for the first seconds, plain lines when not a terminal).
  ProgressDisplay progress(stderr, double(estimate_memory(sc.params).residents), isatty(fileno(stderr)) != 0);
  if (!a.quiet) opt.on_day = [&](int32_t done, int32_t total) { progress.update(done, total); };
  const RunResult r = run_scenario(sc, opt);
  progress.finish();

  auto writer = make_hdf5_writer();
  write_result_atomically(*writer, r, out);
  if (!a.quiet) {
    const double agent_days = double(r.num_residents) * r.calendar.num_ticks();
    std::printf("govsim: %s: %u residents x %d days (%s to %s), %u threads, %.2f s "
                "(%.3g agent-days/s)\n",
                sc.path.c_str(), r.num_residents, r.calendar.num_ticks(),
                r.calendar.start().str().c_str(), r.calendar.end().str().c_str(),
                r.provenance.threads, r.provenance.wall_time_s, agent_days / r.provenance.wall_time_s);
    std::printf("govsim: wrote %s (inspect with: govsim info %s)\n", out.c_str(), out.c_str());
    // A published case: its key figures beside the published ones (paper_repro/targets/<case>.toml).
    std::fputs(key_figures_for_result(out, sc.path).c_str(), stdout);
  }
}

}  // namespace

void add_run_command(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand("run", "Run a scenario and write one HDF5 result file.");
  add_scenario_options(*cmd, args->scenario);
  cmd->add_option("-o,--output", args->output,
                  "Result file (HDF5). Default: <scenario name>[__KEY=VALUE for each --set][__seed=N].h5 in the current "
                  "directory, so runs with different overrides do not overwrite each other. "
                  "Written atomically: a failed or interrupted run leaves no file under this name.");
  cmd->add_option("-t,--threads", args->threads,
                  "Worker threads (default: all cores). Results are bit-identical for any count.")
      ->check(CLI::Range(1u, 4096u));
  cmd->add_flag("-q,--quiet", args->quiet, "Print nothing on success.");
  cmd->callback([args] { run(*args); });
}

}  // namespace govsim::cli
