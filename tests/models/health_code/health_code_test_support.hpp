#pragma once
// Helpers shared by the health-code tests: the real national scenario
// (scenarios/health_code_china.toml) at a small scale, with extra --set values.
#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "run_result_lookup.hpp"
#include "test_support.hpp"

namespace govsim::health_code_test {

using govsim::testing::daily;
using govsim::testing::same_bits;
using govsim::testing::scalar;

// 1/20,000 of every city's residents: about 70,000 residents over 367 cities.
inline constexpr const char* kSmallScale = "population.scale=0.00005";

inline std::string scenario_path() {
  return (govsim::testing::source_dir() / "scenarios/health_code_china.toml").string();
}

inline RunResult run_small(std::vector<std::string> sets = {}, uint32_t threads = 2,
                           const char* scale = kSmallScale) {
  sets.insert(sets.begin(), scale);
  RunOptions opt;
  opt.threads = threads;
  return run_scenario(load_scenario(scenario_path(), sets), opt);
}

// The scenario with the [[events]] entry of `date` removed (its block up to the next blank line).
inline RunResult run_without_event(const std::string& date, std::vector<std::string> sets = {}) {
  const std::string text = govsim::testing::read_file(scenario_path());
  std::string key = "date  = ";
  key += date;
  const size_t at = text.find(key);
  REQUIRE(at != std::string::npos);
  const size_t begin = text.rfind("[[events]]", at), end = text.find("\n\n", at);
  std::string cut = text.substr(0, begin);
  if (end != std::string::npos) cut += text.substr(end);
  sets.insert(sets.begin(), kSmallScale);
  RunOptions opt;
  opt.threads = 2;
  return run_scenario(parse_scenario(cut, scenario_path(), sets), opt);
}

inline int32_t tick(const RunResult& r, const std::string& date) {
  const auto d = Date::parse(date);
  REQUIRE(d.has_value());
  return r.calendar.tick_of(*d);
}

// Sum of column `col` of a daily series over ticks [from, to) (to < 0: to the end).
inline double sum(const SeriesData& s, size_t col = 0, int32_t from = 0, int32_t to = -1) {
  if (to < 0) to = s.rows;
  double t = 0;
  for (int32_t i = from; i < to; ++i) t += s.at(i, col);
  return t;
}

inline double last(const SeriesData& s, size_t col = 0) { return s.at(s.rows - 1, col); }

}  // namespace govsim::health_code_test
