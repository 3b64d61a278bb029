#pragma once
// Where Zhejiang's returning workers came from: cases per resident in the rest of mainland China
// (outside Hubei and Zhejiang), read from scenarios/data/zhejiang/origin_cases.csv
// (analysis/make_origin_cases.py). A returning worker is infected on arrival with probability
// zhejiang.migrants.infections_per_case times the cases reported per resident there over the
// window before the arrival day (docs/zhejiang_model.md, "Importation").
#include <cstdint>
#include <string>
#include <vector>

#include "sim/calendar/calendar.hpp"

namespace govsim::zhejiang {

// Per tick of the calendar: confirmed cases reported per resident in the origin over the `window`
// days before that day (days t - window .. t - 1). Days before the table's first row count 0
// cases; days after its last row repeat the last count. InputError (file, line, column, key) for
// a missing column, a bad date or number, or a population that is not positive.
std::vector<double> load_origin_recent_cases(const std::string& path, const Calendar& calendar, int32_t window);

}  // namespace govsim::zhejiang
