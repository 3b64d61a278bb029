#pragma once
// How results are written. The HDF5 layout is documented in docs/results_layout.md.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "sim/engine/run_result.hpp"

namespace govsim {

class ResultWriter {
 public:
  virtual ~ResultWriter() = default;
  // Writes `result` to `path` (overwriting). Throws FileError on failure.
  virtual void write(const RunResult& result, const std::string& path) = 0;
};

std::unique_ptr<ResultWriter> make_hdf5_writer();

// What make_hdf5_writer()->write does, calling `extra(file)` (an HDF5 file id) on the complete
// file before it is saved: the sweep's part store adds its tags there. Throws FileError.
void write_hdf5_result(const RunResult& result, const std::string& path,
                       const std::function<void(int64_t file)>& extra);

// Writes through a temporary file in the same directory, then renames it over `path`; on any
// failure the temporary is removed and `path` is left untouched. A run killed mid-write leaves
// at most a `*.tmp-*` file, never a partial file under the requested name.
void write_result_atomically(ResultWriter& writer, const RunResult& result, const std::string& path);

// Attribute names under /provenance that describe the execution, not the result; two runs of the
// same scenario, seed and version agree on everything else, byte for byte.
// A branch's provenance (branch_*) counts as run environment: continuing a checkpoint without
// changes gives the same results as the uninterrupted run.
inline constexpr const char* kRunEnvironmentAttributes[] = {"command_line", "threads", "mpi_ranks", "wall_time_s",
                                                            "created_utc", "branch_checkpoint",
                                                            "branch_date", "branch_changes"};

// The same for a sweep file (docs/sweep_results_layout.md): "object@attribute" or a dataset path.
inline constexpr const char* kSweepRunEnvironmentEntries[] = {
    "/provenance@command_line", "/provenance@threads",     "/provenance@mpi_ranks",
    "/provenance@shard",        "/provenance@created_utc", "/provenance@wall_time_s",
    "/runs/wall_time_s"};

}  // namespace govsim
