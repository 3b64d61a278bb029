#pragma once
// Helpers shared by the Zhejiang tests: run the shipped small scenario
// (scenarios/zhejiang_five_colour_small.toml) at a chosen scale with overrides, and read series.
#include <catch2/catch.hpp>
#include <functional>
#include <string>
#include <vector>

#include "sim/core/errors.hpp"
#include "sim/engine/simulation.hpp"
#include "run_result_lookup.hpp"
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

// The shared look-ups (tests/run_result_lookup.hpp) under the names these tests use.
inline const SeriesData& series(const RunResult& r, const std::string& name) { return testing::daily(r, name); }
using testing::scalar;

inline double last(const RunResult& r, const std::string& name) {
  const SeriesData& s = series(r, name);
  return s.at(s.rows - 1);
}

// Writes `text` to a temporary `name` and returns the InputError message of load(path), or "(no
// error)": for the tests of a data table's bad inputs.
inline std::string table_error(const std::string& name, const std::string& text,
                               const std::function<void(const std::string&)>& load) {
  testing::TempDir dir;
  testing::write_file(dir / name, text);
  try {
    load((dir / name).string());
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace govsim::zhejiang_test
