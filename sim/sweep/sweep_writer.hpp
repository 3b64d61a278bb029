#pragma once
// Writes the sweep result file (docs/sweep_results_layout.md) atomically: temp file + rename.
// Rows are written in run-index order whatever order they finished in, so the file depends on
// the plan and the results only, never on threads, ranks, shards or interruptions.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/batch/rows.hpp"
#include "sim/sweep/run_plan.hpp"

namespace govsim::sweep {

// How this file was produced; the run-environment fields of /provenance.
struct SweepEnvironment {
  std::string command_line;
  uint32_t threads = 0;
  uint32_t mpi_ranks = 1;
  std::string shard;  // "i/n" or ""
  double wall_time_s = 0;
};

// Writes `runs` (ascending run indices; all of them for a complete file) to `path`.
// `load(index)` returns that run's row. Throws FileError.
void write_sweep_file(const std::string& path, const RunPlan& plan, const batch::RowMeta& meta,
                      const std::vector<uint64_t>& runs, const std::function<batch::RunRow(uint64_t)>& load,
                      const SweepEnvironment& env);


}  // namespace govsim::sweep
