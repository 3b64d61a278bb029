// `govsim info` and `govsim diff`: read result files back.
#include <cstdio>

#include "sim/cli/commands.hpp"
#include "sim/cli/key_figures.hpp"
#include "sim/core/errors.hpp"
#include "sim/io/result_compare.hpp"
#include "sim/io/result_info.hpp"
#include "sim/io/result_tables.hpp"
#include "sim/calibrate/posterior_file.hpp"
#include "sim/sweep/sweep_info.hpp"

namespace govsim::cli {
namespace {

// Monthly series as values: one block per series, `per_line` months per line (groups summed).
std::string monthly_values_text(const ResultTables& t, size_t per_line = 6) {
  std::string out = "monthly series (value per month; grouped series summed over groups):\n";
  char cell[96];
  for (const auto& s : t.monthly) {
    std::string how = s.monthly_aggregation;
    if (how == "sum" || how == "mean" || how == "last") how = "monthly " + how + " of daily values";
    else if (how == "explicit") how = "computed per month";
    std::string bracket = s.unit;
    if (!how.empty()) bracket += (bracket.empty() ? "" : "; ") + how;
    out += "  " + s.name + (bracket.empty() ? "" : " [" + bracket + "]") +
           (s.description.empty() ? "" : ": " + s.description) +
           (s.groups.empty() ? "" : " (totals over " + (s.group_by.empty() ? std::string("groups") : s.group_by) + ")") + "\n";
    for (size_t i = 0; i < s.rows; ++i) {
      if (i % per_line == 0) out += "   ";
      std::snprintf(cell, sizeof cell, " %s %-10.4g", t.months[i].c_str(), s.total(i));
      out += cell;
      if (i % per_line == per_line - 1 || i + 1 == s.rows) {
        while (!out.empty() && out.back() == ' ') out.pop_back();
        out += "\n";
      }
    }
  }
  return out;
}

std::string describe_with_monthly_values(const std::string& path) {
  std::string text = describe_result_file(path);
  const ResultTables t = read_result_tables(path);
  // Replace the "monthly series: a b c" line of the summary by the values.
  const std::string marker = "monthly series: ";
  const size_t at = text.find(marker);
  const std::string values = monthly_values_text(t);
  if (at != std::string::npos) {
    const size_t eol = text.find('\n', at);
    text.replace(at, (eol == std::string::npos ? text.size() : eol + 1) - at, values);
  } else {
    text += values;
  }
  const std::string key = key_figures_for_result(path, t.scenario_path);
  if (!key.empty()) text += key;
  return text;
}

}  // namespace

void add_info_command(CLI::App& app) {
  auto path = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "info", "Summarise a result file: provenance, calendar, daily series, monthly series with their values, "
              "summary scalars; for a published case, its key figures beside the published ones.");
  cmd->add_option("file", *path, "Result file written by `govsim run`, `govsim sweep` or `govsim merge`.")->required();
  cmd->callback([path] {
    const std::string text =
        sweep::is_sweep_file(*path)                ? sweep::describe_sweep_file(*path)
        : calibrate::is_posterior_file(*path) ? calibrate::describe_posterior_file(*path)
                                              : describe_with_monthly_values(*path);
    std::fwrite(text.data(), 1, text.size(), stdout);
  });
}

void add_diff_command(CLI::App& app) {
  auto a = std::make_shared<std::string>();
  auto b = std::make_shared<std::string>();
  auto strict = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand(
      "diff", "Compare two result files; exit 0 if their results are identical, 1 otherwise. "
              "Run-environment provenance (threads, wall time, command line, creation time) is "
              "ignored unless --strict.");
  cmd->add_option("a", *a, "First result file (single run or sweep).")->required();
  cmd->add_option("b", *b, "Second result file.")->required();
  cmd->add_flag("--strict", *strict, "Also compare run-environment provenance.");
  cmd->callback([a, b, strict] {
    const auto diffs = compare_result_files(*a, *b, !*strict);
    if (diffs.empty()) {
      std::printf("identical results: %s %s\n", a->c_str(), b->c_str());
      return;
    }
    for (const auto& d : diffs) std::printf("%s\n", d.c_str());
    throw GovsimError(std::to_string(diffs.size()) + " difference(s) between " + *a + " and " + *b);
  });
}

}  // namespace govsim::cli
