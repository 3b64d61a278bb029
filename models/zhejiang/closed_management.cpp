#include "models/zhejiang/closed_management.hpp"

#include <algorithm>
#include <climits>

#include "models/zhejiang/city_table.hpp"
#include "sim/core/errors.hpp"

namespace govsim::zhejiang {

std::vector<int32_t> load_closed_management(const std::string& path, const std::vector<std::string>& city_codes,
                                            const Calendar& calendar) {
  const CsvFile f = read_csv(path);
  const int c_city = f.require_column("city_code", "city_code,start,source"),
            c_start = f.require_column("start", "city_code,start,source");
  std::vector<int32_t> start(city_codes.size(), INT32_MAX);
  std::vector<bool> seen;
  for (const CsvRow& row : f.rows) {
    const CsvField& date = row.fields[size_t(c_start)];
    const size_t k = city_row_index(path, row, row.fields[size_t(c_city)], city_codes, seen);
    const auto d = Date::parse(date.text);
    if (!d) throw InputError(SourceLoc{path, row.line, date.column}, "start", "expected a date YYYY-MM-DD");
    start[k] = std::max<int32_t>(0, *d - calendar.date(0));
  }
  return start;
}

}  // namespace govsim::zhejiang
