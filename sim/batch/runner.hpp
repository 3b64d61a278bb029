#pragma once
// Runs of one process: `workers` threads each take the next run index from `next` (dynamic load
// balancing: whoever is free takes the next run), simulate it inside its own tbb::task_arena of
// `threads_per_run` threads (so concurrent runs never touch the process-wide thread limit), and
// write its part. A run's results do not depend on which worker ran it.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "sim/batch/part_store.hpp"
#include "sim/model/state_io.hpp"
#include "sim/scenario/scenario.hpp"

namespace govsim::batch {

struct RunnerOptions {
  uint32_t workers = 1;
  uint32_t threads_per_run = 1;
  std::string command_line;
  const std::atomic<bool>* cancel = nullptr;
  std::function<void(uint64_t index)> on_done;  // called after the part is written
  // A sweep of futures: every run continues this saved state (a checkpoint) instead of starting
  // on day 0; the two strings go into each run's provenance as a branch's do.
  const StateReader* restore = nullptr;
  std::string branch_checkpoint, branch_date;
};

// The scenario of run `index` (called from several threads; must not depend on which).
using ScenarioOf = std::function<Scenario(uint64_t index)>;

// `next(index)` returns false when no run is left; it is called from several threads.
// Returns false if cancelled; rethrows the first error of any run after stopping the others.
bool run_runs(const ScenarioOf& scenario_of, const PartStore& store, const std::function<bool(uint64_t&)>& next,
              const RunnerOptions& options);

}  // namespace govsim::batch
