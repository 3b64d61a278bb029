// The reference rule: exact cases, bounds, consistency between outputs, monotonicity.
#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>

#include "sim/engine/simulation.hpp"

using namespace govsim;

namespace {

std::string scenario(bool crisis, const std::string& extra = "") {
  std::string s = R"(
[run]
model = "reference"
seed = 3
[calendar]
start = 2020-01-01
end = 2020-06-30
[population]
residents = 20000
)";
  if (crisis)
    s += "[[crisis.phases]]\nkind = \"mid\"\nstart = 2020-02-01\nend = 2020-03-31\nintensity = 1.0\n";
  return s + extra;
}

const SeriesData& series(const RunResult& r, const std::string& name) {
  for (const auto& s : r.daily)
    if (s.spec.name == name) return s;
  FAIL("no series " << name);
  throw;
}

RunResult run(const std::string& text, std::vector<std::string> sets = {}) {
  RunOptions opt;
  opt.threads = 2;
  return run_scenario(parse_scenario(text, "ref.toml", sets), opt);
}

double mean_over(const SeriesData& s, int32_t from, int32_t to) {
  double acc = 0;
  for (int32_t t = from; t < to; ++t) acc += s.at(t);
  return acc / (to - from);
}

}  // namespace

TEST_CASE("no crisis: engagement converges to the no-crisis target and stays there", "[reference]") {
  // With intensity 0 everywhere, the only fixed point of the rule is e* = base / (1 - social).
  const RunResult r = run(scenario(false));
  const SeriesData& e = series(r, "mean_engagement");
  const double expected = 0.05 / (1.0 - 0.3);
  CHECK(e.at(r.calendar.num_ticks() - 1) == Approx(expected).margin(0.004));
  // No spike: the active rate in "February-March" is no higher than in "May-June" by more than
  // sampling noise (20 000 Bernoulli draws a day, averaged over 59 days: s.e. < 0.0003).
  const SeriesData& a = series(r, "rate_active");
  CHECK(std::abs(mean_over(a, 31, 90) - mean_over(a, 121, 181)) < 0.003);
}

TEST_CASE("a crisis raises activity during the mid phase and it relaxes afterwards", "[reference]") {
  const RunResult r = run(scenario(true));
  const SeriesData& a = series(r, "rate_active");
  const double pre = mean_over(a, 0, 31), mid = mean_over(a, 45, 91), post = mean_over(a, 150, 182);
  CHECK(mid > 3 * pre);
  CHECK(post < mid / 2);
}

TEST_CASE("states and rates stay in bounds and outputs agree with each other", "[reference]") {
  const RunResult r = run(scenario(true));
  const SeriesData& rate = series(r, "rate_active");
  const SeriesData& n = series(r, "n_active");
  const SeriesData& e = series(r, "mean_engagement");
  REQUIRE(n.spec.width() == 3);
  for (int32_t t = 0; t < r.calendar.num_ticks(); ++t) {
    const double total = n.at(t, 0) + n.at(t, 1) + n.at(t, 2);
    CHECK(total == Approx(rate.at(t) * r.num_residents).margin(1e-6));
    CHECK(rate.at(t) >= 0.0);
    CHECK(rate.at(t) <= 1.0);
    CHECK(e.at(t) >= 0.0);
    CHECK(e.at(t) <= 1.0);
  }
}

TEST_CASE("elderly residents with an activity factor of 0 are never active", "[reference]") {
  const RunResult r = run(scenario(true), {"reference.elderly_activity_factor=0"});
  const SeriesData& n = series(r, "n_active");
  for (int32_t t = 0; t < r.calendar.num_ticks(); ++t) CHECK(n.at(t, 2) == 0.0);
}

TEST_CASE("higher crisis sensitivity gives higher mid-phase activity (same seed)", "[reference]") {
  double last = -1;
  for (const char* s : {"0.1", "0.4", "0.8"}) {
    const RunResult r = run(scenario(true), {std::string("reference.crisis_sensitivity=") + s});
    const double mid = mean_over(series(r, "rate_active"), 45, 91);
    CHECK(mid > last);
    last = mid;
  }
}

TEST_CASE("monthly rate is the mean of daily rates over real month lengths", "[reference]") {
  const RunResult r = run(scenario(true));
  const SeriesData* m = nullptr;
  for (const auto& s : r.monthly)
    if (s.spec.name == "rate_active") m = &s;
  REQUIRE(m != nullptr);
  REQUIRE(m->rows == 6);
  const SeriesData& d = series(r, "rate_active");
  CHECK(m->at(1) == Approx(mean_over(d, 31, 31 + 29)).epsilon(1e-12));  // February 2020: 29 days
}
