#pragma once
// Looking up a run's series and summary scalars by name in tests (a missing name fails the test).
#include <catch2/catch.hpp>
#include <cstring>
#include <string>

#include "sim/engine/run_result.hpp"

namespace govsim::testing {

inline const SeriesData& daily(const RunResult& r, const std::string& name) {
  for (const auto& s : r.daily)
    if (s.spec.name == name) return s;
  FAIL("no daily series " << name);
  throw;
}

inline double scalar(const RunResult& r, const std::string& name) {
  for (const auto& s : r.summary)
    if (s.name == name) return s.value;
  FAIL("no summary scalar " << name);
  throw;
}

inline bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

}  // namespace govsim::testing
