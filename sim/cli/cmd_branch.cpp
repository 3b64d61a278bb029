// `govsim branch`: continue a checkpoint to the scenario's end, unchanged or with --set changes
// from the day after it (docs/checkpoints.md).
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <optional>

#include <unistd.h>

#include "sim/checkpoint/branch.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/progress_display.hpp"
#include "sim/engine/memory_estimate.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/io/file_checks.hpp"
#include "sim/io/result_writer.hpp"

namespace govsim::cli {
namespace {

std::atomic<bool> g_cancel{false};
extern "C" void on_branch_signal(int) { g_cancel.store(true); }

struct BranchArgs {
  std::string checkpoint, output, events;
  std::vector<std::string> sets;
  uint32_t threads = 0;
  bool quiet = false;
};

void branch(const BranchArgs& a) {
  refuse_output_over_input(a.output, {{"checkpoint", a.checkpoint}, {"events file", a.events}});
  const auto t0 = std::chrono::steady_clock::now();
  const CheckpointFile ck(a.checkpoint);
  const Branch b = branch_from(ck, a.sets, a.events);
  check_memory_fits(b.scenario.params);

  std::signal(SIGINT, on_branch_signal);
  std::signal(SIGTERM, on_branch_signal);
  RunOptions opt{command_line(), a.threads, &g_cancel};
  opt.restore = &ck;
  opt.branch_checkpoint = a.checkpoint;
  opt.branch_date = ck.header().date;
  opt.branch_changes = b.changes;
  double start_s = -1;
  ProgressDisplay progress(stderr, double(estimate_memory(b.scenario.params).residents), isatty(fileno(stderr)) != 0);
  opt.on_day = [&](int32_t done, int32_t total) {
    if (start_s < 0) start_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!a.quiet) progress.update(done, total);
  };
  std::optional<RunResult> result;
  try {
    result.emplace(run_scenario(b.scenario, opt));
  } catch (const DataError& e) {  // the state does not fit the scenario: damaged or forged
    throw FileError(a.checkpoint, std::string("damaged checkpoint: ") + e.what());
  }
  progress.finish();
  const RunResult& r = *result;
  auto writer = make_hdf5_writer();
  write_result_atomically(*writer, r, a.output);
  if (!a.quiet) {
    std::printf("govsim: branched %s (end of %s) to %s: restored and first day done in %.2f s, %.2f s in all\n",
                a.checkpoint.c_str(), ck.header().date.c_str(), r.calendar.end().str().c_str(), start_s,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    for (const std::string& c : b.changes) std::printf("govsim: changed: %s\n", c.c_str());
    std::printf("govsim: wrote %s (inspect with: govsim info %s)\n", a.output.c_str(), a.output.c_str());
  }
}

}  // namespace

void add_branch_command(CLI::App& app) {
  auto args = std::make_shared<BranchArgs>();
  CLI::App* cmd = app.add_subcommand(
      "branch", "Continue a checkpoint to the scenario's end, optionally with changed parameters (docs/checkpoints.md).");
  cmd->add_option("checkpoint", args->checkpoint, "Checkpoint file written by `govsim run --checkpoint`.")->required();
  cmd->add_option("-o,--output", args->output, "Result file (HDF5), written atomically.")->required();
  cmd->add_option("--set", args->sets,
                  "Change one parameter from the day after the checkpoint, KEY=VALUE (repeatable): the same as an "
                  "[[events]] entry on that day. Only keys [[events]] may set (`govsim params`).")
      ->allow_extra_args(false)
      ->type_name("KEY=VALUE");
  cmd->add_option("--events", args->events,
                  "TOML file of [[events]] tables (as in a scenario), all dated after the checkpoint: the same as "
                  "appending them to the scenario file.")
      ->type_name("FILE");
  cmd->add_option("-t,--threads", args->threads,
                  "Worker threads (default: all cores). Results are bit-identical for any count.")
      ->check(CLI::Range(1u, 4096u));
  cmd->add_flag("-q,--quiet", args->quiet, "Print nothing on success.");
  cmd->callback([args] { branch(*args); });
}

}  // namespace govsim::cli
