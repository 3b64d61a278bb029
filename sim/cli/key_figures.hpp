#pragma once
// The key figures of a published case beside the published values, read from the case's targets
// file (paper_repro/targets/<case>.toml; format in that file and issue 12). Printed at the end of
// `govsim run` and by `govsim info` when the scenario is one a targets file names.
#include <optional>
#include <string>
#include <vector>

#include "sim/io/result_tables.hpp"

namespace govsim::cli {

struct TargetComparison {
  std::string id, label, published, simulated, tolerance;
  bool pass = false, available = false;
  bool input = false;  // role = "input": built into the scenario, shown but never scored
};

struct KeyFigures {
  std::string targets_path, title;
  std::vector<TargetComparison> rows;
};

// The targets file whose `scenarios` list names the scenario file (by file name), searched in
// $GOVSIM_TARGETS_DIR, <scenario dir>/../paper_repro/targets and ./paper_repro/targets; "" if none.
std::string find_targets_file(const std::string& scenario_path);

// Compares the result with the targets marked `key = true` (all targets if `all`). Throws
// GovsimError for a malformed targets file.
KeyFigures compare_with_targets(const std::string& targets_path, const ResultTables& t, bool all = false);

// A small aligned table, one line per target, ending in a newline; "" if there are no rows.
std::string format_key_figures(const KeyFigures& k);

}  // namespace govsim::cli

namespace govsim::cli {
// The key-figures table for a written result file, or "" when its scenario has no targets file or
// anything cannot be read (never an error: the run itself succeeded).
std::string key_figures_for_result(const std::string& result_path, const std::string& scenario_path);
}  // namespace govsim::cli
