// `govsim sweep`: a sweep file -> many runs (threads, MPI ranks, or one Slurm shard) -> one
// columnar HDF5 file, resumable after any interruption. Reference: docs/sweeps.md.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>

#include "sim/cli/commands.hpp"
#include "sim/core/errors.hpp"
#include "sim/sweep/sweep_job.hpp"

namespace govsim::cli {
namespace {

std::atomic<bool> g_cancel{false};
extern "C" void on_sweep_signal(int) { g_cancel.store(true); }

struct SweepArgs {
  std::string file, output, shard;
  uint32_t threads = 0, threads_per_run = 0;
  bool resume = false, force = false, quiet = false, keep_parts = false, yes = false;
  bool shard_given = false;  // --shard "" is an error, not "no shard"
};

void sweep_main(const SweepArgs& a) {
  sweep::SweepJob job;
  job.sweep_path = a.file;
  job.output = a.output.empty() ? std::filesystem::path(a.file).stem().string() + ".h5" : a.output;
  job.threads = a.threads;
  if (a.threads_per_run) job.threads_per_run = a.threads_per_run;
  job.resume = a.resume, job.force = a.force, job.quiet = a.quiet, job.keep_parts = a.keep_parts, job.yes = a.yes;
  if (a.shard_given) job.shard = sweep::parse_shard(a.shard);
  job.command_line = command_line();
  job.cancel = &g_cancel;
  // Ctrl-C / SIGTERM (Slurm's time limit) stop between runs; finished runs stay in the parts
  // directory for --resume.
  std::signal(SIGINT, on_sweep_signal);
  std::signal(SIGTERM, on_sweep_signal);
  const sweep::SweepOutcome o = sweep::run_sweep(job);
  if (o.wrote && !a.quiet)
    std::printf("govsim: sweep: %llu runs (%llu run now, %llu resumed) on %d rank(s), %.2f s; wrote %s\n",
                (unsigned long long)o.runs, (unsigned long long)o.executed, (unsigned long long)o.resumed, o.ranks,
                o.wall_time_s, job.output.c_str());
}

}  // namespace

void add_sweep_command(CLI::App& app) {
  auto a = std::make_shared<SweepArgs>();
  CLI::App* cmd = app.add_subcommand(
      "sweep", "Run a parameter sweep (grid, Latin hypercube, Saltelli, Morris or a list of points) and write one "
               "columnar HDF5 file. Under mpirun the runs are spread over the ranks. See docs/sweeps.md.");
  cmd->add_option("sweep_file", a->file, "Sweep file (TOML).")->required();
  cmd->add_option("-o,--output", a->output,
                  "Result file (HDF5). Default: <sweep name>.h5. Finished runs are kept in <output>.parts/ until "
                  "the file is written.");
  cmd->add_option("-t,--threads", a->threads, "Threads of this process (default: all cores).")->check(CLI::Range(1u, 4096u));
  cmd->add_option("--threads-per-run", a->threads_per_run,
                  "Threads inside each run (default: sweep.threads_per_run, else 1); runs at once = threads / this.")
      ->check(CLI::Range(1u, 4096u));
  CLI::Option* shard = cmd->add_option("--shard", a->shard, "Run only the runs with index % n == i and write a shard file (i/n, e.g. a "
                                       "Slurm array task); join the shards with `govsim merge`.")
      ->type_name("I/N");
  cmd->add_flag("--resume", a->resume, "Continue an interrupted sweep: keep its finished runs, run the rest.");
  cmd->add_flag("--force", a->force, "Discard the finished runs of an earlier, unfinished sweep and start again.");
  cmd->add_flag("--keep-parts", a->keep_parts, "Keep <output>.parts/ after writing the result file.");
  cmd->add_flag("-q,--quiet", a->quiet, "No progress and no summary.");
  cmd->add_flag("-y,--yes", a->yes,
                "Start even if the sweep has more than " + std::to_string(sweep::kConfirmRuns) +
                    " runs (without it, such a sweep is refused before it starts).");
  cmd->callback([a, shard] {
    a->shard_given = shard->count() > 0;
    sweep_main(*a);
  });
}

}  // namespace govsim::cli
