#pragma once
// Reading a single-run result file back as tables (read-only; used by `govsim export`,
// `govsim info` and the key figures printed after a run). Layout: docs/results_layout.md.
#include <iosfwd>
#include <string>
#include <vector>

namespace govsim {

struct SeriesTable {
  std::string name, unit, description, kind, group_by, monthly_aggregation;
  std::vector<std::string> groups;  // empty for an ungrouped series
  size_t rows = 0;                  // days or months
  std::vector<double> values;       // rows x max(1, groups.size()), row-major
  size_t width() const { return groups.empty() ? 1 : groups.size(); }
  double total(size_t row) const;   // sum over groups on one row
};

struct ScalarValue {
  std::string name, unit, description;
  double value = 0;
};

struct ResultTables {
  std::string model, scenario_path;
  double num_residents = 0;
  std::vector<std::string> dates, months;
  std::vector<std::string> phase_labels;  // per day: pre / mid / post
  std::vector<SeriesTable> daily, monthly;
  std::vector<ScalarValue> scalars;
  const SeriesTable* find_monthly(const std::string& name) const;
  const ScalarValue* find_scalar(const std::string& name) const;
};

// Throws FileError for anything that is not a readable single-run govsim result (a sweep file
// gets a message pointing to analysis/sweep_results.py).
ResultTables read_result_tables(const std::string& path);

// Tidy ("long") CSV: one row per date x series x group. Columns date,series,group,value,unit;
// with `with_frequency` a first column frequency (daily / monthly). Ungrouped series have group
// "all". Values are written with 17 significant digits (exact round trip); NaN as NaN.
// `only` restricts to the named series (empty: all).
void write_long_csv(std::ostream& out, const ResultTables& t, bool daily, bool monthly, bool with_frequency,
                    const std::vector<std::string>& only = {});
// name,value,unit,description
void write_scalars_csv(std::ostream& out, const ResultTables& t);
// date,month,phase: the calendar of the run
void write_calendar_csv(std::ostream& out, const ResultTables& t);

std::string csv_field(const std::string& s);
std::string csv_number(double v);

}  // namespace govsim
