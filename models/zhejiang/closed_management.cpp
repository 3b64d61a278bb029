#include "models/zhejiang/closed_management.hpp"

#include <algorithm>
#include <climits>

#include "sim/core/errors.hpp"
#include "sim/regions/csv_reader.hpp"

namespace govsim::zhejiang {

std::vector<int32_t> load_closed_management(const std::string& path, const std::vector<std::string>& city_codes,
                                            const Calendar& calendar) {
  const CsvFile f = read_csv(path);
  const int c_city = f.require_column("city_code", "city_code,start,source"),
            c_start = f.require_column("start", "city_code,start,source");
  std::vector<int32_t> start(city_codes.size(), INT32_MAX);
  for (const CsvRow& row : f.rows) {
    const CsvField& city = row.fields[size_t(c_city)];
    const CsvField& date = row.fields[size_t(c_start)];
    const auto it = std::find(city_codes.begin(), city_codes.end(), city.text);
    if (it == city_codes.end())
      throw InputError(SourceLoc{path, row.line, city.column}, "city_code",
                       "expected the code of a prefecture city of the region table, got '" + city.text + "'");
    const size_t k = size_t(it - city_codes.begin());
    if (start[k] != INT32_MAX)
      throw InputError(SourceLoc{path, row.line, city.column}, "city_code", "city " + city.text + " is listed twice");
    const auto d = Date::parse(date.text);
    if (!d) throw InputError(SourceLoc{path, row.line, date.column}, "start", "expected a date YYYY-MM-DD");
    start[k] = std::max<int32_t>(0, *d - calendar.date(0));
  }
  return start;
}

}  // namespace govsim::zhejiang
