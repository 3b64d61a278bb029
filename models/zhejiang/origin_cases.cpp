#include "models/zhejiang/origin_cases.hpp"

#include <algorithm>
#include <charconv>

#include "sim/core/errors.hpp"
#include "sim/regions/csv_reader.hpp"

namespace govsim::zhejiang {
namespace {

double number(const std::string& path, const CsvRow& row, int col, const char* key) {
  const CsvField& f = row.fields[size_t(col)];
  double v = 0;
  const char* b = f.text.data();
  const auto [ptr, ec] = std::from_chars(b, b + f.text.size(), v);
  if (ec != std::errc() || ptr != b + f.text.size() || v < 0)
    throw InputError(SourceLoc{path, row.line, f.column}, key, "expected a number >= 0");
  return v;
}

}  // namespace

std::vector<double> load_origin_recent_cases(const std::string& path, const Calendar& calendar, int32_t window) {
  const CsvFile f = read_csv(path);
  const char* kExpected = "date,cumulative_confirmed,population";
  const int c_date = f.require_column("date", kExpected), c_cum = f.require_column("cumulative_confirmed", kExpected),
            c_pop = f.require_column("population", kExpected);
  const int32_t ticks = calendar.num_ticks();
  // cum[k] = cumulative cases by the end of day (start - window + k); -1: no row (filled forward).
  std::vector<double> cum(size_t(ticks + window), -1.0);
  double population = 0, before = 0;
  for (const CsvRow& row : f.rows) {
    const CsvField& date = row.fields[size_t(c_date)];
    const auto d = Date::parse(date.text);
    if (!d) throw InputError(SourceLoc{path, row.line, date.column}, "date", "expected a date YYYY-MM-DD");
    const double v = number(path, row, c_cum, "cumulative_confirmed");
    population = number(path, row, c_pop, "population");
    if (population <= 0)
      throw InputError(SourceLoc{path, row.line, row.fields[size_t(c_pop)].column}, "population",
                       "expected a number of residents > 0");
    const int32_t k = (*d - calendar.date(0)) + window;
    if (k < 0)
      before = std::max(before, v);
    else if (k < int32_t(cum.size()))
      cum[size_t(k)] = v;
  }
  if (f.rows.empty()) throw InputError(SourceLoc{path, f.header.line, 1}, "date", "expected at least one row of data");
  double last = before;
  for (double& v : cum) {
    if (v < 0) v = last;
    last = v;
  }
  std::vector<double> recent(size_t(ticks), 0.0);
  // Day t reads the counts by the end of day t - 1 and of day t - 1 - window.
  for (int32_t t = 0; t < ticks; ++t) {
    const double to = cum[size_t(t + window - 1)];
    const double from = t - 1 >= 0 ? cum[size_t(t - 1)] : before;
    recent[size_t(t)] = std::max(0.0, to - from) / population;
  }
  return recent;
}

}  // namespace govsim::zhejiang
