#pragma once
// The directory of finished runs next to the output (`sweep.h5.parts/`): one single-run result
// file per finished run, written atomically (temp file + rename), tagged with the sweep hash
// and the run index. It is what makes a sweep resumable after any kill, SIGKILL included: a
// part exists under its final name only once it is complete, and a resumed sweep re-checks
// every part and reruns what it cannot read.
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "sim/engine/run_result.hpp"
#include "sim/batch/rows.hpp"

namespace govsim::batch {

class PartStore {
 public:
  // `job` names the batch in messages: "sweep" or "calibration".
  PartStore(const std::string& output_path, std::string sweep_hash, std::string job = "sweep");
  ~PartStore();
  PartStore(const PartStore&) = delete;
  PartStore& operator=(const PartStore&) = delete;

  const std::string& dir() const { return dir_; }

  // The coordinating process prepares the directory: a fresh one, or with `resume` the existing
  // one (which must belong to the same sweep). An existing directory without --resume is an
  // error unless `force`, which discards it. Takes an exclusive lock (flock) so that two sweeps
  // cannot share it, before anything else: --force never deletes a running sweep's parts.
  // Throws UsageError / FileError.
  void prepare(bool resume, bool force);

  // Finished runs among 0..num_runs-1: every part is opened and read back in full; unreadable
  // parts, parts of another sweep or another govsim build, and temp files are deleted (and their
  // runs run again). `rejected` receives one line per deleted part.
  std::vector<bool> finished(uint64_t num_runs, std::vector<std::string>* rejected);

  // Writes one finished run (thread-safe).
  void write(uint64_t index, const RunResult& result) const;

  // Reads one part back (under the HDF5 mutex). Throws DataError if it is not a valid
  // part of this sweep for `index`.
  std::pair<RowMeta, RunRow> load(uint64_t index) const;

  // Removes the directory once the final file is written.
  void remove();

  std::string part_path(uint64_t index) const;

 private:
  void lock(const std::filesystem::path& dir);  // flock dir/.lock or throw UsageError
  std::string dir_, hash_, job_;
  int lock_fd_ = -1;
};

}  // namespace govsim::batch
