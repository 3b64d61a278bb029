// `govsim calibrate`: a calibration file -> ABC-SMC generations of runs (threads) -> one posterior
// file, resumable after any interruption. Reference: docs/calibration.md.
#include <tbb/info.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>

#include "sim/calibrate/calibrate_job.hpp"
#include "sim/cli/commands.hpp"

namespace govsim::cli {
namespace {

std::atomic<bool> g_cancel{false};
extern "C" void on_calibrate_signal(int) { g_cancel.store(true); }

struct CalibrateArgs {
  std::string file, output;
  uint32_t threads = 0;
  uint64_t stop_after_runs = 0;
  bool resume = false, force = false, quiet = false, keep_parts = false;
};

void calibrate_main(const CalibrateArgs& a) {
  calibrate::CalOptions o;
  o.threads = a.threads ? a.threads : uint32_t(tbb::info::default_concurrency());
  o.resume = a.resume, o.force = a.force, o.quiet = a.quiet, o.keep_parts = a.keep_parts;
  o.command_line = command_line();
  o.cancel = &g_cancel;
  o.stop_after_runs = a.stop_after_runs;
  const std::string output = a.output.empty() ? std::filesystem::path(a.file).stem().string() + "_posterior.h5" : a.output;
  // Ctrl-C / SIGTERM stop between runs; finished runs stay in <output>.parts/ for --resume.
  std::signal(SIGINT, on_calibrate_signal);
  std::signal(SIGTERM, on_calibrate_signal);
  const calibrate::CalOutcome out = calibrate::run_calibration(a.file, output, o);
  if (!a.quiet && out.rank == 0)
    std::printf("govsim: calibrate: %zu generations, %llu simulations (%llu run now, %llu resumed), %.2f s "
                "(%.2f runs/s) on %d rank(s); %s; wrote %s\n",
                out.generations.size(), (unsigned long long)out.generations.back().simulations,
                (unsigned long long)out.executed, (unsigned long long)out.resumed, out.wall_time_s,
                out.wall_time_s > 0 ? double(out.executed) / out.wall_time_s : 0.0, out.ranks,
                out.stop_reason.c_str(), output.c_str());
}

}  // namespace

void add_calibrate_command(CLI::App& app) {
  auto a = std::make_shared<CalibrateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "calibrate", "Calibrate parameters to published targets by ABC-SMC and write a posterior file (particles, "
                   "predictive intervals, held-out verdicts). Under mpirun the runs of each generation are spread "
                   "over the ranks. See docs/calibration.md.");
  cmd->add_option("calibration_file", a->file, "Calibration file (TOML).")->required();
  cmd->add_option("-o,--output", a->output,
                  "Posterior file (HDF5). Default: <calibration name>_posterior.h5. Finished runs are kept in "
                  "<output>.parts/ until the file is written.");
  cmd->add_option("-t,--threads", a->threads, "Concurrent runs (default: all cores).")->check(CLI::Range(1u, 4096u));
  cmd->add_flag("--resume", a->resume,
                "Continue an interrupted calibration, or extend one finished with --keep-parts (raise "
                "calibration.stop's budget or generations first): keep its finished runs, run the rest.");
  cmd->add_flag("--keep-parts", a->keep_parts,
                "Keep <output>.parts/ after writing the posterior, so that --resume can extend the calibration later.");
  cmd->add_flag("--force", a->force, "Discard the finished runs of an earlier, unfinished calibration and start again.");
  cmd->add_flag("-q,--quiet", a->quiet, "No progress lines and no summary.");
  cmd->add_option("--stop-after-runs", a->stop_after_runs,
                  "Stop (as if interrupted) after this many runs of this execution; for testing --resume.");
  cmd->callback([a] { calibrate_main(*a); });
}

}  // namespace govsim::cli
