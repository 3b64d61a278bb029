#include "models/health_code/case_table.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include "sim/core/errors.hpp"
#include "sim/regions/csv_reader.hpp"

namespace govsim::models::health_code {

CaseTable CaseTable::empty(size_t regions, int32_t ticks) {
  CaseTable t;
  t.ticks_ = ticks;
  t.cum_.assign(regions * size_t(std::max(ticks, 0)), 0.0);
  return t;
}

CaseTable CaseTable::load(const std::string& path, const RegionTable& regions, const Calendar& calendar) {
  const CsvFile f = read_csv(path);
  const int c_code = f.require_column("code"), c_date = f.require_column("date"),
            c_cum = f.require_column("cumulative_confirmed");
  std::map<std::string, uint32_t> index;
  const std::vector<std::string> codes = regions.codes();
  for (uint32_t r = 0; r < codes.size(); ++r) index[codes[r]] = r;

  const int32_t ticks = calendar.num_ticks();
  CaseTable t = empty(codes.size(), ticks);
  // Values at the reported dates; -1 marks a day without a report (filled forward below).
  std::fill(t.cum_.begin(), t.cum_.end(), -1.0);
  std::vector<double> before(codes.size(), 0.0);  // last value reported before the calendar starts
  for (const CsvRow& row : f.rows) {
    const CsvField& code = row.fields[c_code];
    const CsvField& date = row.fields[c_date];
    const CsvField& value = row.fields[c_cum];
    const auto it = index.find(code.text);
    if (it == index.end()) {
      std::string msg = "'";
      msg += code.text;
      msg += "' is not a region of the region table";
      throw InputError(SourceLoc{path, row.line, code.column}, "code", msg);
    }
    const auto d = Date::parse(date.text);
    if (!d) throw InputError(SourceLoc{path, row.line, date.column}, "date", "expected a date YYYY-MM-DD");
    double v = 0;
    const char* b = value.text.data();
    const auto [ptr, ec] = std::from_chars(b, b + value.text.size(), v);
    if (ec != std::errc() || ptr != b + value.text.size() || v < 0)
      throw InputError(SourceLoc{path, row.line, value.column}, "cumulative_confirmed", "expected a number >= 0");
    const int32_t tick = *d - calendar.date(0);
    if (tick < 0)
      before[it->second] = std::max(before[it->second], v);
    else if (tick < ticks)
      t.cum_[size_t(it->second) * ticks + tick] = v;
  }
  for (size_t r = 0; r < codes.size(); ++r) {
    double last = before[r];
    for (int32_t k = 0; k < ticks; ++k) {
      double& v = t.cum_[r * ticks + k];
      if (v < 0) v = last;
      last = v;
    }
  }
  return t;
}

}  // namespace govsim::models::health_code
