#include "models/zhejiang/hubei_linked.hpp"

#include <cmath>
#include <cstdlib>

#include "models/zhejiang/city_table.hpp"
#include "sim/core/errors.hpp"

namespace govsim::zhejiang {

std::vector<double> load_hubei_linked(const std::string& path, const std::vector<std::string>& city_codes,
                                      double province_total) {
  const char* expected = "city_code,hubei_linked,as_of,source";
  const CsvFile f = read_csv(path);
  const int c_city = f.require_column("city_code", expected), c_count = f.require_column("hubei_linked", expected);
  std::vector<double> count(city_codes.size(), -1.0);
  std::vector<bool> seen;
  double listed = 0;
  for (const CsvRow& row : f.rows) {
    const CsvField& n = row.fields[size_t(c_count)];
    const size_t k = city_row_index(path, row, row.fields[size_t(c_city)], city_codes, seen);
    char* end = nullptr;
    const double v = n.text.empty() ? NAN : std::strtod(n.text.c_str(), &end);
    if (!(v >= 0) || !std::isfinite(v) || (end && *end != '\0'))
      throw InputError(SourceLoc{path, row.line, n.column}, "hubei_linked",
                       "expected a count of residents >= 0, got '" + n.text + "'");
    count[k] = v;
    listed += v;
    if (listed > province_total)
      throw InputError(SourceLoc{path, row.line, n.column}, "hubei_linked",
                       "the listed cities add up to " + std::to_string(std::llround(listed)) +
                           ", more than the province total zhejiang.hubei.linked = " +
                           std::to_string(std::llround(province_total)));
  }
  return count;
}

}  // namespace govsim::zhejiang
