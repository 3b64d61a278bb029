#pragma once
// Helpers shared by the Zhejiang tests: run the shipped small scenario
// (scenarios/zhejiang_five_colour_small.toml) at a chosen scale with overrides, and read series.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "test_support.hpp"

namespace govsim::zhejiang_test {

inline RunResult run_small(std::vector<std::string> sets, double scale = 0.002, uint64_t seed = 0, uint32_t threads = 2) {
  sets.push_back("population.scale=" + std::to_string(scale));
  if (seed) sets.push_back("run.seed=" + std::to_string(seed));
  const Scenario sc = load_scenario(
      (govsim::testing::source_dir() / "scenarios/zhejiang_five_colour_small.toml").string(), sets);
  RunOptions opt;
  opt.threads = threads;
  return run_scenario(sc, opt);
}

inline const SeriesData& series(const RunResult& r, const std::string& name) {
  for (const auto& s : r.daily)
    if (s.spec.name == name) return s;
  FAIL("no series " << name);
  throw;
}

inline double scalar(const RunResult& r, const std::string& name) {
  for (const auto& s : r.summary)
    if (s.name == name) return s.value;
  FAIL("no summary scalar " << name);
  throw;
}

inline double last(const RunResult& r, const std::string& name) {
  const SeriesData& s = series(r, name);
  return s.at(s.rows - 1);
}

}  // namespace govsim::zhejiang_test
