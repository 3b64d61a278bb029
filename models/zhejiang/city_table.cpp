#include "models/zhejiang/city_table.hpp"

#include <algorithm>

#include "sim/core/errors.hpp"

namespace govsim::zhejiang {

size_t city_row_index(const std::string& path, const CsvRow& row, const CsvField& city,
                      const std::vector<std::string>& city_codes, std::vector<bool>& seen) {
  const auto it = std::find(city_codes.begin(), city_codes.end(), city.text);
  if (it == city_codes.end())
    throw InputError(SourceLoc{path, row.line, city.column}, "city_code",
                     "expected the code of a prefecture city of the region table, got '" + city.text + "'");
  const size_t k = size_t(it - city_codes.begin());
  seen.resize(city_codes.size(), false);
  if (seen[k]) throw InputError(SourceLoc{path, row.line, city.column}, "city_code", "city " + city.text + " is listed twice");
  seen[k] = true;
  return k;
}

}  // namespace govsim::zhejiang
