// Each mechanism in isolation on the small Zhejiang scenario (1/500 of the census unless stated):
// no importation gives no case at all; perfect data matching gives fewer cases than none
// (replicates, stated tolerance); the resumption gate needs the colour's permission.
#include <numeric>

#include "zhejiang_test_support.hpp"

using namespace govsim;
using namespace govsim::zhejiang_test;

TEST_CASE("zhejiang: no importation gives no infection and no case", "[zhejiang]") {
  const RunResult r = run_small({"zhejiang.hubei.linked=0", "zhejiang.migrants.infected_share=0"});
  const SeriesData& inf = series(r, "new_infections");
  CHECK(std::accumulate(inf.values.begin(), inf.values.end(), 0.0) == 0.0);
  CHECK(last(r, "cum_cases") == 0.0);
  // Every county stays green once the map starts.
  const SeriesData& col = series(r, "n_counties_by_colour");
  CHECK(col.at(col.rows - 1, 4) == 90.0);
}

TEST_CASE("zhejiang: perfect data matching gives fewer cases than none", "[zhejiang]") {
  // Perfect: every present Hubei-linked resident found on the first day of the level-1 response and
  // every contact of a case traced. Off: the mechanism switched off. Four seeds each; the means must
  // differ by more than 3 standard errors of the difference (tolerance), in the stated direction.
  std::vector<double> perfect, off;
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    perfect.push_back(scalar(run_small({"zhejiang.data_matching.find_rate=1", "zhejiang.data_matching.trace_gain=1"}, 0.002,
                                       seed),
                             "cum_cases_end"));
    off.push_back(scalar(run_small({"zhejiang.data_matching.on=false"}, 0.002, seed), "cum_cases_end"));
  }
  auto mean = [](const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / v.size(); };
  auto var = [&](const std::vector<double>& v) {
    const double m = mean(v);
    double s = 0;
    for (double x : v) s += (x - m) * (x - m);
    return s / (v.size() - 1);
  };
  const double se = std::sqrt(var(perfect) / perfect.size() + var(off) / off.size());
  INFO("perfect " << mean(perfect) << " off " << mean(off) << " se " << se);
  CHECK(mean(off) > 0);
  CHECK(mean(off) - mean(perfect) > 3 * se);
}

TEST_CASE("zhejiang: firms resume only where the colour permits it", "[zhejiang]") {
  // With no permission in any colour only essential firms operate after the holiday.
  std::vector<std::string> none;
  for (const char* c : {"red", "orange", "yellow", "blue", "green"})
    none.push_back(std::string("zhejiang.measures.permission_") + c + "=0");
  const RunResult closed = run_small(none);
  const RunResult open = run_small({});
  const double essential = 0.1;  // zhejiang.firms.essential_share default
  CHECK(last(closed, "share_firms_open") < essential + 0.02);
  CHECK(last(open, "share_firms_open") > last(closed, "share_firms_open") + 0.3);
}
