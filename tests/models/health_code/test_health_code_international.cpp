// The international version (14 Mar 2020, seed 004): arrivals from abroad into Zhejiang's cities
// are given a code and quarantined; elsewhere, and before it, the domestic code does not see them.
#include <catch2/catch.hpp>
#include <cmath>

#include "health_code_test_support.hpp"

using namespace govsim;
using namespace govsim::health_code_test;

TEST_CASE("health_code: arrivals from abroad start on 11 Mar and are controlled only from 14 Mar",
          "[health_code][international]") {
  const RunResult r = run_small({}, 2, "population.scale=0.001");
  const SeriesData& a = daily(r, "new_international_arrivals");
  const int32_t arrivals = tick(r, "2020-03-11"), version = tick(r, "2020-03-14");
  CHECK(sum(a, 0, 0, arrivals) + sum(a, 1, 0, arrivals) == 0);  // none before the NIA's figure applies
  CHECK(sum(a, 0, 0, version) == 0);                            // none controlled before the version
  const double controlled = sum(a, 0, version), all = controlled + sum(a, 1, arrivals);
  // 20,000 a day nationally at 1/1000 over 21 days: about 420 arrivals (Poisson sd about 20).
  const double expected = 20000 * 0.001 * (r.calendar.num_ticks() - arrivals);
  INFO("arrivals " << all << " expected " << expected);
  CHECK(std::abs(all - expected) < 5 * std::sqrt(expected));
  // Only Zhejiang's cities (4.6 % of the census residents) run the version: a few percent of arrivals
  // after 14 Mar are controlled, never most of them.
  INFO("controlled " << controlled);
  CHECK(controlled > 0);
  CHECK(controlled < 0.15 * all);
}

TEST_CASE("health_code: the international version quarantines arrivals; without it they pass unseen",
          "[health_code][international]") {
  // Every province runs the version and arrivals are many, so the effect is far above noise.
  const std::vector<std::string> common = {"health_code.international.province=",
                                           "health_code.international.arrivals_per_day=2000000"};
  const RunResult with = run_small(common, 2, "population.scale=0.0002");
  const RunResult without = run_without_event("2020-03-14", common);
  const SeriesData& aw = daily(with, "new_international_arrivals");
  const SeriesData& ao = daily(without, "new_international_arrivals");
  const int32_t version = tick(with, "2020-03-14");
  CHECK(sum(ao, 0) == 0);  // no version: nobody controlled
  CHECK(sum(aw, 0, version) > 0.9 * (sum(aw, 0, version) + sum(aw, 1, version)));  // nearly all cities have a code
  // Arrivals before 14 Mar are the same draws in both runs (the event changes nothing before it).
  CHECK(sum(aw, 1, 0, version) == sum(ao, 1, 0, version));
  // Quarantined arrivals: more yellow codes and fewer at work at the end.
  const double yellow_with = last(daily(with, "n_quarantined_by_code"), 0);
  const double yellow_without = last(daily(without, "n_quarantined_by_code"), 0);
  INFO("yellow with " << yellow_with << " without " << yellow_without);
  // Those controlled in the last 13 days are still in their 14-day quarantine on the last day.
  const double recent = sum(aw, 0, aw.rows - 13);
  INFO("controlled in the last 13 days " << recent);
  REQUIRE(recent > 100);
  CHECK(yellow_with > yellow_without + 0.5 * recent);
  CHECK(last(daily(with, "n_working")) < last(daily(without, "n_working")));
}
