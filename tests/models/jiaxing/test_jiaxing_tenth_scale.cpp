// Statistical test of the calibrated curve at 1/10 scale (450 000 residents, the shipped
// scenarios/jiaxing_weijiayuan_tenth.toml), 3 replicates (run.index 0..2):
// - shape, as published: rise (Feb > Nov), crash below the crisis peak (Mar < Feb), rebound above
//   it (May > Feb), each difference larger than 4 standard errors and in every replicate;
// - level: the replicate mean of each published month within 2 percentage points (the published
//   tolerance) plus 3 standard errors of that mean of the published value.
// The calibration fits 2 % scale; this also checks that the fit carries over to a larger scale.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "jiaxing_test_support.hpp"

using namespace govsim;
using namespace govsim::jiaxing_test;

TEST_CASE("jiaxing 1/10 scale: the calibrated curve has the published shape and levels", "[jiaxing][statistical]") {
  const std::string path = std::string(GOVSIM_SOURCE_DIR) + "/scenarios/jiaxing_weijiayuan_tenth.toml";
  const std::map<std::string, double> published = {
      {"2019-11", 0.03}, {"2020-02", 0.21}, {"2020-03", 0.06}, {"2020-05", 0.30}};
  const int kReps = 3;
  std::map<std::string, std::vector<double>> rate;
  for (int i = 0; i < kReps; ++i) {
    RunOptions opt;
    opt.threads = 2;
    const RunResult r = run_scenario(load_scenario(path, {"run.index=" + std::to_string(i)}), opt);
    const SeriesData& m = monthly(r, "rate_active_monthly");
    for (const auto& [month_label, _] : published) rate[month_label].push_back(m.at(month(r, month_label)));
  }
  auto mean_se = [&](const std::vector<double>& x) {
    double m = 0, v = 0;
    for (double a : x) m += a / kReps;
    for (double a : x) v += (a - m) * (a - m) / (kReps - 1);
    return std::pair<double, double>{m, std::sqrt(v / kReps)};
  };
  auto diff = [&](const std::string& a, const std::string& b) {
    std::vector<double> d;
    for (int i = 0; i < kReps; ++i) d.push_back(rate[a][i] - rate[b][i]);
    return mean_se(d);
  };
  for (const auto& [a, b] : std::vector<std::pair<std::string, std::string>>{
           {"2020-02", "2019-11"}, {"2020-02", "2020-03"}, {"2020-05", "2020-02"}}) {
    const auto [d, se] = diff(a, b);
    INFO(a << " - " << b << " = " << d << " (s.e. " << se << ")");
    CHECK(d > 4 * se);
    for (int i = 0; i < kReps; ++i) CHECK(rate[a][i] > rate[b][i]);
  }
  for (const auto& [m, pub] : published) {
    const auto [mean, se] = mean_se(rate[m]);
    INFO(m << ": simulated " << mean << " (s.e. " << se << "), published " << pub);
    CHECK(std::abs(mean - pub) <= 0.02 + 3 * se);
  }
}
