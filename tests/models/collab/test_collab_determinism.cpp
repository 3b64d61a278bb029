// Determinism: units run in parallel, each on its own counter-based random stream, and their
// tallies are added in unit order, so the thread count cannot change a single bit of the output.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "collab_test_support.hpp"

using namespace govsim;
using namespace govsim::collab_test;

namespace {

void require_identical(const RunResult& a, const RunResult& b) {
  REQUIRE(a.daily.size() == b.daily.size());
  for (size_t i = 0; i < a.daily.size(); ++i) {
    const SeriesData &x = a.daily[i], &y = b.daily[i];
    INFO("daily series " << x.spec.name);
    REQUIRE(x.spec.name == y.spec.name);
    REQUIRE(x.values.size() == y.values.size());
    for (size_t j = 0; j < x.values.size(); ++j) {
      INFO("value " << j << ": " << x.values[j] << " vs " << y.values[j]);
      REQUIRE(same_bits(x.values[j], y.values[j]));
    }
  }
  REQUIRE(a.monthly.size() == b.monthly.size());
  for (size_t i = 0; i < a.monthly.size(); ++i) {
    INFO("monthly series " << a.monthly[i].spec.name);
    REQUIRE(a.monthly[i].values.size() == b.monthly[i].values.size());
    for (size_t j = 0; j < a.monthly[i].values.size(); ++j)
      REQUIRE(same_bits(a.monthly[i].values[j], b.monthly[i].values[j]));
  }
  REQUIRE(a.summary.size() == b.summary.size());
  for (size_t i = 0; i < a.summary.size(); ++i) {
    INFO("summary " << a.summary[i].name << ": " << a.summary[i].value << " vs " << b.summary[i].value);
    REQUIRE(a.summary[i].name == b.summary[i].name);
    REQUIRE(same_bits(a.summary[i].value, b.summary[i].value));
  }
}

}  // namespace

TEST_CASE("collab: results are bit-identical with 1, 2 and 4 threads", "[collab]") {
  // Type IV (all three interdependence kinds, public contributions, drops) with the platform
  // launched mid-run, so both cost sets and the before/after summaries are exercised; 8 units so
  // that 4 threads each get more than one.
  const std::vector<std::string> sets =
      small({"collab.units=8", "population.residents=8000", "population.officials=400", "collab.tasks.per_day=200",
             "collab.platform.launch=2021-03-20",
             // few rounds allowed, so that some reciprocal tasks are dropped unconverged
             "collab.coordination.max_rounds=3"});
  const RunResult one = run("IV", sets, 1);
  REQUIRE(scalar(one, "tasks_closed") > 1000);
  REQUIRE(scalar(one, "tasks_dropped") > 0);
  scalar(one, "mean_close_hours_before_platform");  // the launch falls inside the measured span
  const RunResult two = run("IV", sets, 2);
  const RunResult four = run("IV", sets, 4);
  require_identical(one, two);
  require_identical(one, four);
}
