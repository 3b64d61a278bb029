// `govsim run`: scenario -> simulation -> one HDF5 file, written atomically.
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <optional>

#include <unistd.h>

#include "sim/batch/mpi_work.hpp"
#include "sim/checkpoint/branch.hpp"
#include "sim/checkpoint/checkpoint_plan.hpp"
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
  CheckpointRequest checkpoint;
  std::string stop_after;  // hidden, for crash-recovery tests: stop as if killed after this day
};

// Writes the checkpoint of the day `sim` has just finished (docs/checkpoints.md).
void write_day_checkpoint(const Simulation& sim, const Scenario& sc, const std::vector<std::string>& overrides,
                          const std::string& pattern, bool quiet) {
  const int32_t done = sim.current_tick();
  const Date day = sim.world().calendar().date(done - 1);
  const std::string path = checkpoint_path(pattern, day);
  const auto t0 = std::chrono::steady_clock::now();
  const uint64_t bytes = write_checkpoint(
      path, checkpoint_header(sc, overrides, sim.model_info().name, day.str(), done, command_line()),
      [&](StateWriter& w) { sim.save_state(w); });
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!quiet)
    std::fprintf(stderr, "govsim: checkpoint %s (end of %s): %.1f MB in %.2f s (%.0f MB/s)\n", path.c_str(),
                 day.str().c_str(), bytes / 1e6, s, bytes / 1e6 / std::max(s, 1e-9));
}

void print_summary(const RunResult& r, const std::string& scenario, const std::string& out) {
  const double agent_days = double(r.num_residents) * r.calendar.num_ticks();
  std::printf("govsim: %s: %u residents x %d days (%s to %s), %u threads%s, %.2f s "
              "(%.3g agent-days/s)\n",
              scenario.c_str(), r.num_residents, r.calendar.num_ticks(), r.calendar.start().str().c_str(),
              r.calendar.end().str().c_str(), r.provenance.threads,
              r.provenance.mpi_ranks > 1 ? (" x " + std::to_string(r.provenance.mpi_ranks) + " MPI ranks").c_str() : "",
              r.provenance.wall_time_s, agent_days / r.provenance.wall_time_s);
  std::printf("govsim: wrote %s (inspect with: govsim info %s)\n", out.c_str(), out.c_str());
  // A published case: its key figures beside the published ones (paper_repro/targets/<case>.toml).
  std::fputs(key_figures_for_result(out, scenario).c_str(), stdout);
}

// One run split over the MPI ranks by region (docs/distributed_runs.md): every rank simulates its
// regions, rank 0 writes the one result file.
void run_split(const RunArgs& a, const batch::MpiSession& mpi) {
  const bool root = mpi.rank() == 0;
  std::optional<Scenario> maybe;
  std::string out = a.output;
  std::exception_ptr input_error;
  try {  // every rank reads the same inputs and finds the same mistakes; rank 0 reports them
    maybe = load_scenario_from_args(a.scenario);
    check_partitionable(maybe->params, mpi.size());
    if (!a.checkpoint.path.empty() || !a.checkpoint.dates.empty() || a.checkpoint.every)
      throw UsageError("--checkpoint: a run split over MPI ranks cannot write checkpoints yet (run it as one process "
                       "to checkpoint it; docs/distributed_runs.md)");
    if (!a.stop_after.empty()) throw UsageError("--stop-after-day: not available in a run split over MPI ranks");
  } catch (const GovsimError&) {
    input_error = std::current_exception();
  }
  // All ranks meet here, so none exits before rank 0 has printed the message.
  mpi.report_on_root(input_error);
  if (!maybe) throw QuietFailure();  // (a rank other than 0 that alone failed: cannot happen)
  const Scenario& sc = *maybe;
  mpi.check_on_root([&] {  // the one file rank 0 will write
    std::optional<uint64_t> seed;
    if (a.scenario.seed) seed = static_cast<uint64_t>(sc.params.get_int("run.seed"));
    if (out.empty()) out = default_output_name(a.scenario.path, a.scenario.sets, seed);
    refuse_output_over_input(out, {{"scenario", a.scenario.path}});
    const std::filesystem::path path(out);
    const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
    if (!std::filesystem::is_directory(dir)) throw FileError(out, "directory '" + dir.string() + "' does not exist");
  });

  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  RunOptions opt{command_line(), a.threads, &g_cancel};
  opt.place = {mpi.rank(), mpi.size()};
  ProgressDisplay progress(stderr, double(estimate_memory(sc.params).residents), isatty(fileno(stderr)) != 0);
  if (!a.quiet && root) opt.on_day = [&](int32_t done, int32_t total) { progress.update(done, total); };
  std::optional<RunResult> r;
  try {
    r = run_scenario(sc, opt);
  } catch (const Interrupted&) {
    throw;  // every rank stopped on the same day
  } catch (const std::exception& e) {
    // The other ranks wait in the day's exchange: stop them all.
    std::fprintf(stderr, "govsim: error (MPI rank %d of %d): %s\n", mpi.rank(), mpi.size(), e.what());
    mpi.abort(1);
  }
  if (!root) return;
  progress.finish();
  auto writer = make_hdf5_writer();
  write_result_atomically(*writer, *r, out);
  if (!a.quiet) print_summary(*r, sc.path, out);
}

void run(const RunArgs& a) {
  // Started by mpirun with several ranks: one run split over them by region.
  batch::MpiSession mpi;
  if (mpi.size() > 1) return run_split(a, mpi);
  const Scenario sc = load_scenario_from_args(a.scenario);
  std::string out = a.output;
  std::optional<uint64_t> seed;
  if (a.scenario.seed) seed = static_cast<uint64_t>(sc.params.get_int("run.seed"));  // checked by the loader
  if (out.empty()) out = default_output_name(a.scenario.path, a.scenario.sets, seed);
  refuse_output_over_input(out, {{"scenario", a.scenario.path}});  // before the run, not after
  check_memory_fits(sc.params);                                     // refuse what cannot fit, up front
  const Calendar calendar = make_calendar(sc.params);
  const std::vector<int32_t> checkpoint_days = checkpoint_ticks(a.checkpoint, calendar);
  if (!a.checkpoint.path.empty()) {
    refuse_output_over_input(a.checkpoint.path, {{"scenario", a.scenario.path}});
    if (same_file(a.checkpoint.path, out)) throw UsageError("--checkpoint " + a.checkpoint.path + ": the same file as the result (-o)");
  }
  int32_t stop_after = -1;
  if (!a.stop_after.empty()) {
    const auto d = Date::parse(a.stop_after);
    if (!d || *d < calendar.date(0) || calendar.date(calendar.num_ticks() - 1) < *d)
      throw UsageError("--stop-after-day " + a.stop_after + ": not a date of the scenario's calendar");
    stop_after = calendar.tick_of(*d);
  }
  std::vector<std::string> overrides = a.scenario.sets;
  if (a.scenario.seed) overrides.push_back("run.seed=" + *a.scenario.seed);

  // Ctrl-C / SIGTERM stop the run between two days; nothing is written under `out`.
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  RunOptions opt{command_line(), a.threads, &g_cancel};
  // Progress on stderr for long runs (silent for the first seconds, plain lines when not a terminal).
  ProgressDisplay progress(stderr, double(estimate_memory(sc.params).residents), isatty(fileno(stderr)) != 0);
  if (!a.quiet) opt.on_day = [&](int32_t done, int32_t total) { progress.update(done, total); };
  opt.checkpoint_ticks = checkpoint_days;
  opt.checkpoint = [&](const Simulation& sim) { write_day_checkpoint(sim, sc, overrides, a.checkpoint.path, a.quiet); };
  opt.stop_after_tick = stop_after;
  const RunResult r = run_scenario(sc, opt);
  progress.finish();

  auto writer = make_hdf5_writer();
  write_result_atomically(*writer, r, out);
  if (!a.quiet) print_summary(r, sc.path, out);
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
  cmd->add_option("--checkpoint", args->checkpoint.path,
                  "Also write the complete state at the end of the days given by --checkpoint-at/--checkpoint-every, "
                  "for `govsim branch` (docs/checkpoints.md). '%D' in the name becomes the date (one file per day); "
                  "without it each checkpoint replaces the previous one. Written atomically.");
  cmd->add_option("--checkpoint-at", args->checkpoint.dates, "Day (YYYY-MM-DD) to checkpoint, at its end (repeatable).")
      ->type_name("DATE")
      ->allow_extra_args(false);
  cmd->add_option("--checkpoint-every", args->checkpoint.every, "Checkpoint every N days (days N, 2N, ... of the run).")
      ->type_name("DAYS")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--stop-after-day", args->stop_after, "Test hook: stop after this day as if killed.")->group("");
  cmd->callback([args] { run(*args); });
}

}  // namespace govsim::cli
