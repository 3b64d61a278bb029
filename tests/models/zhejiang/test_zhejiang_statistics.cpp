// A statistical test at 1/100 scale: the model runs a fraction of every county with the same
// rates, so confirmed cases per resident must not depend on the scale. Three seeds at 1/100 and
// six at 1/500; the means per 100,000 residents must agree within 4 standard errors of the
// difference (k = 4 stated: a false alarm about once in 16,000 runs under normality).
#include <cmath>
#include <numeric>

#include "zhejiang_test_support.hpp"

using namespace govsim;
using namespace govsim::zhejiang_test;

namespace {

struct Sample {
  double mean = 0, se = 0;
};

Sample per_100k(double scale, int seeds) {
  std::vector<double> v;
  for (int s = 1; s <= seeds; ++s) {
    const RunResult r = run_small({}, scale, uint64_t(100 + s));
    v.push_back(scalar(r, "cum_cases_end") * 1e5 / r.num_residents);
  }
  const double m = std::accumulate(v.begin(), v.end(), 0.0) / v.size();
  double ss = 0;
  for (double x : v) ss += (x - m) * (x - m);
  return {m, std::sqrt(ss / (v.size() - 1) / v.size())};
}

}  // namespace

TEST_CASE("zhejiang: cases per resident at 1/100 scale agree with 1/500 (scale invariance)", "[zhejiang][statistical]") {
  const Sample hundredth = per_100k(0.01, 3);
  const Sample fivehundredth = per_100k(0.002, 6);
  INFO("1/100: " << hundredth.mean << " +- " << hundredth.se << "; 1/500: " << fivehundredth.mean << " +- "
                 << fivehundredth.se);
  REQUIRE(hundredth.mean > 0);
  const double se = std::hypot(hundredth.se, fivehundredth.se);
  CHECK(std::abs(hundredth.mean - fivehundredth.mean) < 4 * se + 1e-9);
}
