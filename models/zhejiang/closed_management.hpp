#pragma once
// Closed management of residential communities (封闭式管理) by prefecture city, a sourced policy
// event per city: from its start day a city's villages and residential compounds let one person per
// household out every two days (Wenzhou from 2 Feb 2020, the first city in China; Hangzhou, Ningbo
// and Taizhou from 4 Feb). Read from scenarios/data/zhejiang/closed_management.csv
// (city_code,start,source). Until the first map a county of such a city keeps the contacts outside
// the household of a red county (zhejiang.measures.contact_scale_red: the strictest measures the model
// has), instead of the province-wide level-1 scale; from the map on, the colours decide everywhere,
// as in Hangzhou, where the health code replaced closed management on 12 Feb (seed 004).
#include <cstdint>
#include <string>
#include <vector>

#include "sim/calendar/calendar.hpp"

namespace govsim::zhejiang {

// Per city of `city_codes` (in that order): the first tick under closed management, or INT32_MAX if
// the table does not list the city. A start before the calendar counts from tick 0. InputError
// (file, line, column, key) for a missing column, a bad date, a city code not among city_codes, or a
// city listed twice.
std::vector<int32_t> load_closed_management(const std::string& path, const std::vector<std::string>& city_codes,
                                            const Calendar& calendar);

}  // namespace govsim::zhejiang
