#pragma once
// `govsim sweep` from start to finish: plan, resume, run (threads, and MPI ranks when launched
// by mpirun), and the final merge of the parts into one result file.
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace govsim::sweep {

struct Shard {
  uint32_t index = 0, count = 1;
  std::string str() const { return std::to_string(index) + "/" + std::to_string(count); }
};

// "i/n" with 0 <= i < n. Throws UsageError.
Shard parse_shard(const std::string& text);
// The runs of a shard: index % n == i, ascending.
std::vector<uint64_t> shard_runs(uint64_t num_runs, const Shard& shard);

struct SweepJob {
  std::string sweep_path, output;
  uint32_t threads = 0;                    // per process; 0 = all cores
  std::optional<uint32_t> threads_per_run; // overrides sweep.threads_per_run
  bool resume = false, force = false, quiet = false, keep_parts = false;
  bool yes = false;                        // start even above kConfirmRuns runs
  std::optional<Shard> shard;
  std::string command_line;
  const std::atomic<bool>* cancel = nullptr;
};

struct SweepOutcome {
  uint64_t runs = 0;       // runs in this file (all, or the shard's)
  uint64_t executed = 0;   // run now
  uint64_t resumed = 0;    // found finished
  int ranks = 1, rank = 0;
  double wall_time_s = 0;
  bool wrote = false;      // this process wrote the output (rank 0)
};

// A sweep with more runs than this only starts with `--yes` (docs/sweeps.md): a typo in a levels
// or samples count should not silently start millions of runs.
inline constexpr uint64_t kConfirmRuns = 100000;

// Throws InputError / FileError / UsageError; Interrupted if cancelled (finished runs are kept).
SweepOutcome run_sweep(const SweepJob& job);

}  // namespace govsim::sweep
