// Each mechanism in isolation on the small Zhejiang scenario (1/500 of the census unless stated):
// no importation gives no case at all; perfect data matching gives fewer cases than none
// (replicates, stated tolerance); the resumption gate needs the colour's permission.
#include <cmath>
#include <numeric>

#include "zhejiang_test_support.hpp"

using namespace govsim;
using namespace govsim::zhejiang_test;

TEST_CASE("zhejiang: no importation gives no infection and no case", "[zhejiang]") {
  const RunResult r = run_small({"zhejiang.hubei.infected_share=0", "zhejiang.migrants.infected_share=0",
                                     "zhejiang.migrants.infections_per_case=0"});
  const SeriesData& inf = series(r, "new_infections");
  CHECK(std::accumulate(inf.values.begin(), inf.values.end(), 0.0) == 0.0);
  CHECK(last(r, "cum_cases") == 0.0);
  // Every county stays green once the map starts.
  const SeriesData& col = series(r, "n_counties_by_colour");
  CHECK(col.at(col.rows - 1, 4) == 90.0);
}

TEST_CASE("zhejiang: perfect data matching gives fewer infections than none", "[zhejiang][statistical]") {
  // Perfect: every present Hubei-linked resident found on the first day of the level-1 response and
  // every contact of a confirmed case traced. Off: the mechanism switched off. The same eight seeds in
  // both arms (arrivals and their infections are the same draws: a paired comparison); the mean
  // paired difference in infections must exceed 3 standard errors (tolerance k = 3), in the stated
  // direction. Infections, not confirmed cases: matching also finds infected people who would
  // never have been confirmed.
  // Enough infected arrivals at 1/200 scale (about 15) that the epidemic is not mostly chance.
  const std::string kImports = "zhejiang.hubei.infected_share=0.01";
  std::vector<double> diff;
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    auto infections = [](const RunResult& r) {
      const SeriesData& s = series(r, "new_infections");
      return std::accumulate(s.values.begin(), s.values.end(), 0.0);
    };
    const double perfect = infections(
        run_small({"zhejiang.data_matching.find_rate=1", "zhejiang.data_matching.trace_gain=1", kImports}, 0.005, seed));
    const double off = infections(run_small({"zhejiang.data_matching.on=false", kImports}, 0.005, seed));
    diff.push_back(off - perfect);
  }
  const double m = std::accumulate(diff.begin(), diff.end(), 0.0) / diff.size();
  double ss = 0;
  for (double x : diff) ss += (x - m) * (x - m);
  const double se = std::sqrt(ss / (diff.size() - 1) / diff.size());
  INFO("mean paired difference (off - perfect) " << m << ", se " << se);
  CHECK(m > 0);
  CHECK(m > 3 * se);
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

TEST_CASE("zhejiang: colours change only at assessments, every assessment_days from the first map, one level down at a time",
          "[zhejiang]") {
  auto check = [](const RunResult& r, int every, int max_down) {
    const SeriesData& col = series(r, "n_colour_by_region");
    const size_t nc = col.spec.width();
    int64_t first = -1;
    int falls = 0, big_falls = 0;
    for (int32_t t = 0; t < col.rows; ++t) {
      if (std::isnan(col.at(t, 0))) continue;
      if (first < 0) {
        first = int64_t(t);
        continue;
      }
      const bool assessment = (int64_t(t) - first) % every == 0;
      for (size_t c = 0; c < nc; ++c) {
        const double before = col.at(t - 1, c), now = col.at(t, c);
        if (!assessment) {
          INFO("day " << t << " county " << c);
          CHECK(now == before);  // the published colour holds between assessments
        }
        if (now > before) ++falls, big_falls += now - before > max_down;
      }
    }
    REQUIRE(first >= 0);
    return std::pair{falls, big_falls};
  };
  // A larger epidemic than the default so that many counties are coloured and later clear.
  const std::vector<std::string> big = {"zhejiang.hubei.infected_share=0.02"};
  const RunResult by_rule = run_small(big, 0.01);
  const auto [falls, big_falls] = check(by_rule, 3, 1);
  CHECK(falls > 0);       // counties did clear...
  CHECK(big_falls == 0);  // ...one level at a time
  // Daily and unlimited (the rule before session 30): some county falls more than one level at once.
  std::vector<std::string> daily = big;
  daily.push_back("zhejiang.map.assessment_days=1");
  daily.push_back("zhejiang.map.max_downgrade=0");
  const auto [daily_falls, daily_big] = check(run_small(daily, 0.01), 1, 1);
  CHECK(daily_falls > 0);
  CHECK(daily_big > 0);
}
