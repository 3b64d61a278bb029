// The international version (14 Mar 2020, seed 004): arrivals from abroad into Zhejiang's cities
// are given a code and quarantined; elsewhere, and before it, the domestic code does not see them.
#include <catch2/catch.hpp>
#include <cmath>

#include "health_code_test_support.hpp"

using namespace govsim;
using namespace govsim::health_code_test;

TEST_CASE("health_code: arrivals from abroad start on 11 Mar and are controlled only from 14 Mar",
          "[health_code][international][heavy]") {
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
  // Many arrivals from day 0 (until the 11 Mar event sets the published rate) and the version on in
  // every province from day 0, against the same run where no city runs it (a province code no city
  // has): the effect is far above noise.
  const std::vector<std::string> common = {"health_code.international.arrivals_per_day=2000000",
                                           "health_code.international.enabled=true"};
  std::vector<std::string> on = common, off = common;
  on.push_back("health_code.international.province=");
  off.push_back("health_code.international.province=999999");
  const RunResult with = run_small(on, 2, "population.scale=0.0002");
  const RunResult without = run_small(off, 2, "population.scale=0.0002");
  const SeriesData& aw = daily(with, "new_international_arrivals");
  const SeriesData& ao = daily(without, "new_international_arrivals");
  CHECK(sum(ao, 0) == 0);  // no city runs the version: nobody controlled
  // The same residents arrive on the same days in both runs (draws keyed by day and resident).
  for (int32_t t = 0; t < aw.rows; ++t) REQUIRE(aw.at(t, 0) + aw.at(t, 1) == ao.at(t, 1));
  // On 10 Mar, those controlled in the 13 days before are still in their 14-day quarantine:
  // more yellow codes, fewer at work.
  const int32_t t = tick(with, "2020-03-10");
  const double recent = sum(aw, 0, t - 12, t + 1);
  const double yellow_with = daily(with, "n_quarantined_by_code").at(t, 0);
  const double yellow_without = daily(without, "n_quarantined_by_code").at(t, 0);
  INFO("yellow with " << yellow_with << " without " << yellow_without << ", controlled in 13 days " << recent);
  REQUIRE(recent > 1000);
  CHECK(yellow_with > yellow_without + 0.5 * recent);
  CHECK(daily(with, "n_working").at(t) < daily(without, "n_working").at(t));
}
