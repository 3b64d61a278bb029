#include "sim/sweep/sweep_job.hpp"

#include <tbb/info.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "sim/core/errors.hpp"
#include "sim/io/file_checks.hpp"
#include "sim/io/hdf5_util.hpp"
#include "sim/design/design.hpp"
#include "sim/batch/mpi_work.hpp"
#include "sim/batch/progress.hpp"
#include "sim/batch/runner.hpp"
#include "sim/sweep/sweep_writer.hpp"

namespace govsim::sweep {

using namespace govsim::batch;
namespace {

// Rank 0's state shared between its worker threads and the MPI server: the runs left to do.
struct Queue {
  std::vector<uint64_t> pending;
  std::atomic<size_t> next{0};
  bool pop(uint64_t& index) {
    const size_t k = next.fetch_add(1);
    if (k >= pending.size()) return false;
    index = pending[k];
    return true;
  }
};

// True when `output` already holds exactly these runs of this sweep (a finished sweep resumed).
bool already_written(const std::string& output, const std::string& hash, size_t runs) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(output, ec)) return false;
  std::lock_guard lock(hdf5_mutex());
  h5::silence_errors();
  h5::Handle f(H5Fopen(output.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!f.valid()) return false;
  try {
    h5::Handle prov(H5Gopen2(f, "provenance", H5P_DEFAULT), H5Gclose);
    std::vector<size_t> shape;
    h5::read_dataset_doubles(f, "/runs/index", &shape);
    return h5::read_attr_string(f, "format") == "govsim-sweep" && h5::read_attr_string(prov, "sweep_hash") == hash &&
           shape.size() == 1 && shape[0] == runs;
  } catch (const DataError&) {
    return false;
  }
}

void write_output(const SweepJob& job, const RunPlan& plan, const PartStore& store, const std::vector<uint64_t>& runs,
                  const SweepEnvironment& env) {
  const RowMeta meta = store.load(runs.front()).first;
  write_sweep_file(job.output, plan, meta, runs, [&](uint64_t index) {
    try {
      auto [m, row] = store.load(index);
      if (!same_layout(m, meta)) throw DataError("its series differ from run " + std::to_string(runs.front()));
      return row;
    } catch (const DataError& e) {
      throw FileError(store.part_path(index), std::string(e.what()) + "; run again with --resume to redo it");
    }
  }, env);
}

}  // namespace

Shard parse_shard(const std::string& text) {
  const size_t slash = text.find('/');
  auto bad = [&] { throw UsageError("--shard " + text + ": expected i/n with 0 <= i < n, e.g. --shard 0/4"); };
  if (slash == std::string::npos) bad();
  Shard s;
  try {
    size_t a = 0, b = 0;
    const unsigned long i = std::stoul(text.substr(0, slash), &a);
    const unsigned long n = std::stoul(text.substr(slash + 1), &b);
    if (a != slash || b != text.size() - slash - 1 || n == 0 || i >= n || n > 1000000) bad();
    s.index = uint32_t(i), s.count = uint32_t(n);
  } catch (const std::logic_error&) {
    bad();
  }
  return s;
}

std::vector<uint64_t> shard_runs(uint64_t num_runs, const Shard& shard) {
  std::vector<uint64_t> out;
  for (uint64_t i = shard.index; i < num_runs; i += shard.count) out.push_back(i);
  return out;
}

SweepOutcome run_sweep(const SweepJob& job) {
  const auto t0 = std::chrono::steady_clock::now();
  MpiSession mpi;
  SweepOutcome out;
  out.rank = mpi.rank(), out.ranks = mpi.size();
  const bool root = mpi.rank() == 0;

  // Every rank expands the plan itself: it is a pure function of the sweep file.
  std::optional<RunPlan> maybe_plan;
  try {
    SweepSpec spec = load_sweep(job.sweep_path);
    // Said (and, above kConfirmRuns, confirmed) before the design is even expanded.
    const uint64_t points = design::design_size(spec);
    const uint64_t total = points > UINT64_MAX / spec.replicates ? UINT64_MAX : points * spec.replicates;
    if (total > kConfirmRuns && !job.yes)
      throw UsageError(job.sweep_path + ": the sweep has " + std::to_string(total) + " runs, more than " +
                       std::to_string(kConfirmRuns) + ": add --yes to start it (see docs/sweeps.md)");
    maybe_plan = make_plan(std::move(spec));
  } catch (const GovsimError&) {
    if (!root) throw QuietFailure();  // every rank finds the same mistake; rank 0 reports it
    throw;
  }
  const RunPlan& plan = *maybe_plan;
  const std::vector<uint64_t> runs = job.shard ? shard_runs(plan.num_runs, *job.shard) : shard_runs(plan.num_runs, {});
  if (runs.empty())
    throw UsageError("--shard " + job.shard->str() + " has no runs: the sweep has only " + std::to_string(plan.num_runs));
  out.runs = runs.size();
  if (root && !job.quiet)
    std::fprintf(stderr, "govsim: sweep: %s: %llu runs%s\n", job.sweep_path.c_str(), (unsigned long long)runs.size(),
                 job.shard ? (" (shard " + job.shard->str() + " of " + std::to_string(plan.num_runs) + ")").c_str() : "");
  const uint32_t threads = job.threads ? job.threads : uint32_t(tbb::info::default_concurrency());
  const uint32_t per_run = job.threads_per_run.value_or(plan.spec.threads_per_run);

  PartStore store(job.output, plan.hash);
  Queue queue;
  int status = 0;  // rank 0 tells the others whether to go on: 0 go, 1 nothing to do, 2 failed
  std::exception_ptr setup_error;
  if (root) {
    try {
      // A mistyped output directory is reported now, not after hours of runs.
      const std::filesystem::path out_path(job.output);
      const std::filesystem::path dir = out_path.has_parent_path() ? out_path.parent_path() : ".";
      if (!std::filesystem::is_directory(dir)) throw FileError(job.output, "directory '" + dir.string() + "' does not exist");
      if (std::filesystem::is_directory(out_path)) throw FileError(job.output, "is a directory");
      // The output must not be the sweep file or its base scenario: it would be overwritten.
      refuse_output_over_input(job.output, {{"sweep file", job.sweep_path},
                                            {plan.spec.checkpoint ? "checkpoint" : "base scenario",
                                             plan.spec.checkpoint ? plan.spec.checkpoint_path : plan.spec.base_path}});
      check_every_point(plan);
      if (job.resume && !std::filesystem::exists(store.dir()) && already_written(job.output, plan.hash, runs.size())) {
        status = 1;
      } else {
        store.prepare(job.resume, job.force);
        std::vector<std::string> rejected;
        const std::vector<bool> done = store.finished(plan.num_runs, &rejected);
        if (!job.quiet)
          for (const auto& r : rejected) std::fprintf(stderr, "govsim: sweep: %s\n", r.c_str());
        for (uint64_t i : runs) (done[i] ? out.resumed : out.executed) += 1;
        for (uint64_t i : runs)
          if (!done[i]) queue.pending.push_back(i);
      }
    } catch (...) {
      setup_error = std::current_exception();
      status = 2;
    }
  }
  mpi.broadcast(status);
  if (setup_error) std::rethrow_exception(setup_error);
  if (status == 2) throw QuietFailure();
  if (status == 1) {
    if (root && !job.quiet) std::fprintf(stderr, "govsim: sweep: %s already holds every run; nothing to do\n", job.output.c_str());
    return out;
  }

  Progress progress(runs.size(), out.resumed, job.quiet || !root);
  RunnerOptions ro;
  ro.workers = std::max<uint32_t>(1, threads / per_run);
  ro.threads_per_run = per_run;
  ro.command_line = job.command_line;
  ro.cancel = job.cancel;
  if (root) ro.on_done = [&](uint64_t) { progress.run_done(); };
  // A sweep of futures: every rank reads the one saved past its runs continue.
  std::optional<CheckpointFile> past;
  if (plan.spec.checkpoint) {
    past.emplace(plan.spec.checkpoint_path);
    if (past->header().created_utc != plan.spec.checkpoint->created_utc)
      throw FileError(plan.spec.checkpoint_path, "was rewritten while the sweep was being set up; start again");
    ro.restore = &*past;
    ro.branch_checkpoint = plan.spec.checkpoint_path;
    ro.branch_date = plan.spec.checkpoint->date;
  }

  bool completed = true;
  if (root) {
    std::exception_ptr local_error;
    std::atomic<bool> failed{false};
    std::thread local([&] {
      try {
        completed = run_runs([&plan](uint64_t i) { return plan.scenario(i); }, store, [&](uint64_t& i) { return queue.pop(i); }, ro);
      } catch (...) {
        local_error = std::current_exception();
        failed = true;
      }
    });
    mpi.serve(
        [&](uint64_t& i) { return !failed && !(job.cancel && job.cancel->load()) && queue.pop(i); },
        [&] { progress.run_done(); });
    local.join();
    mpi.barrier();
    if (local_error) std::rethrow_exception(local_error);
  } else {
    try {
      completed = run_runs([&plan](uint64_t i) { return plan.scenario(i); }, store, [&](uint64_t& i) { return mpi.request_run(i); }, ro);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "govsim: error (rank %d): %s\n", mpi.rank(), e.what());
      mpi.abort(1);  // rank 0 would otherwise wait for this rank forever
    }
    mpi.send_done();
    mpi.barrier();
    return out;
  }
  if (!completed || (job.cancel && job.cancel->load()))
    throw Interrupted("interrupted; finished runs are kept in " + store.dir() + "; run the same command with --resume to continue");
  progress.finish();

  SweepEnvironment env;
  env.command_line = job.command_line;
  env.threads = threads;
  env.mpi_ranks = uint32_t(mpi.size());
  env.shard = job.shard ? job.shard->str() : "";
  env.wall_time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  write_output(job, plan, store, runs, env);
  if (!job.keep_parts) store.remove();
  out.wrote = true;
  out.wall_time_s = env.wall_time_s;
  return out;
}

}  // namespace govsim::sweep
