#pragma once
// One run's results as rows of the sweep file's columns. A column is any dataset with one row
// per run under /series/daily, /series/monthly, /summary/scalars or /summary/phase_means; the
// same code reads a run from a part file (a single-run result file, row shape = dataset shape)
// and from a shard file (row r of an [R, ...] dataset).
#include <hdf5.h>

#include <cstdint>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace govsim::batch {

struct Column {
  std::string group;                 // "series/daily"
  std::string name;                  // "n_active"
  std::vector<hsize_t> row_shape;    // [] scalar, [T], [T, G], [3], [3, G]
  std::vector<std::pair<std::string, std::string>> attrs;  // string attributes, by name order
  size_t row_size() const;
};

struct RowMeta {
  std::vector<Column> columns;
  std::vector<std::string> dates;   // /time/daily/date
  std::vector<std::string> months;  // /time/monthly/month
};

struct RunRow {
  uint64_t index = 0;
  double wall_time_s = 0;
  std::vector<std::vector<double>> values;  // one per column of the RowMeta
};

// The groups whose datasets are per-run columns, in the order they are written.
inline constexpr const char* kColumnGroups[] = {"series/daily", "series/monthly", "summary/scalars",
                                                "summary/phase_means"};

// HDF5 as built by Debian is not thread-safe: every HDF5 call in a sweep holds this mutex
// (recursive: the sweep writer calls row loaders that read part files while holding it).
std::recursive_mutex& hdf5_mutex();

// Reads the columns (names, shapes, attributes) and the time axis. `in_sweep_file`: datasets
// have a leading run dimension that is not part of the row shape. Throws DataError.
RowMeta read_meta(hid_t file, bool in_sweep_file);

// Reads row `row` (0 for a part file) of every column in `meta`. Throws DataError if a
// dataset is missing or its shape differs from the meta's.
std::vector<std::vector<double>> read_row(hid_t file, const RowMeta& meta, bool in_sweep_file, hsize_t row);

// True when two metas describe the same columns and time axis (runs of one sweep must agree).
bool same_layout(const RowMeta& a, const RowMeta& b);

}  // namespace govsim::batch
