#pragma once
// The checkpoint file (docs/checkpoints.md): a self-describing, versioned HDF5 file holding the
// complete state of a run at the end of one day, written atomically, and the checked reader that
// hands that state back to the engine. Every array carries a checksum, so a damaged file is
// refused before a single value of it reaches a model.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/io/hdf5_util.hpp"
#include "sim/model/state_io.hpp"

namespace govsim {

inline constexpr const char* kCheckpointFormat = "govsim-checkpoint";
inline constexpr int64_t kCheckpointFormatVersion = 1;

struct CheckpointHeader {
  std::string govsim_version, git_commit, model;
  std::string date;        // the last day simulated (YYYY-MM-DD)
  int32_t days_done = 0;   // ticks finished; the branch continues with tick days_done
  std::string created_utc, command_line;
  // The scenario exactly as the run read it: the file's path and text, the --set/--seed
  // overrides, the scenario file's directory (absolute, for relative data tables) and the
  // resolved scenario (a consistency check when it is read back).
  std::string scenario_path, scenario_source, scenario_resolved, base_dir;
  std::vector<std::string> overrides;
};

// The header as attributes and datasets of `group`: the checkpoint file's root, or the
// /provenance/checkpoint group of a sweep of futures. read_ throws DataError.
void write_checkpoint_header(hid_t group, const CheckpointHeader& header);
CheckpointHeader read_checkpoint_header(hid_t group);

// Writes `header` and the arrays `state` writes to `path`, atomically (sim/io/atomic_write).
// Returns the file's size in bytes. Throws FileError.
uint64_t write_checkpoint(const std::string& path, const CheckpointHeader& header,
                          const std::function<void(StateWriter&)>& state);

// An open checkpoint. The constructor refuses, with a one-line FileError naming the file, anything
// that is not a complete checkpoint of this format version written by this govsim build.
class CheckpointFile final : public StateReader {
 public:
  explicit CheckpointFile(const std::string& path);
  const std::string& path() const { return path_; }
  const CheckpointHeader& header() const { return header_; }

  size_t count(const std::string& name, ElemType type) const override;
  void read(const std::string& name, ElemType type, void* data, size_t count) const override;
  std::vector<std::string> read_strings(const std::string& name) const override;

 private:
  std::string path_;
  h5::Handle file_;
  CheckpointHeader header_;
};

}  // namespace govsim
