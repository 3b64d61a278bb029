#pragma once
// The row check shared by the per-city data tables (closed management, Hubei-linked counts): a row's
// city_code must be one of the region table's prefecture cities, and each city appears once.
#include <string>
#include <vector>

#include "sim/regions/csv_reader.hpp"

namespace govsim::zhejiang {

// Index of `city` in `city_codes`; marks it in `seen`. InputError (file, line, column, key city_code)
// for a code that is not among city_codes or a city already seen.
size_t city_row_index(const std::string& path, const CsvRow& row, const CsvField& city,
                      const std::vector<std::string>& city_codes, std::vector<bool>& seen);

}  // namespace govsim::zhejiang
