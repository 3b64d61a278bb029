#pragma once
// Hubei-linked residents by prefecture city, where a city published its count (seed 001's province
// total of more than 300,000 is zhejiang.hubei.linked). Read from
// scenarios/data/zhejiang/hubei_linked.csv (city_code,hubei_linked,as_of,source): Wenzhou's and
// Taizhou's counts from their press conferences of 29 Jan and 2 Feb 2020. A listed city's count is
// spread over its counties by census residents; the rest of the province total over the counties of
// the cities not listed, also by residents (build_population).
#include <string>
#include <vector>

namespace govsim::zhejiang {

// Per city of `city_codes` (in that order): the published count, or a negative value if the table
// does not list the city. InputError (file, line, column, key) for a missing column, a count that is
// not a number >= 0, a city code not among city_codes, a city listed twice, or listed counts that
// add up to more than `province_total` (the key zhejiang.hubei.linked).
std::vector<double> load_hubei_linked(const std::string& path, const std::vector<std::string>& city_codes,
                                      double province_total);

}  // namespace govsim::zhejiang
