// The five-colour map's scoring rule (models/zhejiang/colour_map.hpp): thresholds are lower
// bounds, a county without cases scores 0 (green), and each indicator moves the score the
// documented way.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/zhejiang/colour_map.hpp"

using namespace govsim::zhejiang;

namespace {
ScoreRule rule() {
  ScoreRule r;
  r.w_cum = 1;
  r.w_local = 1;
  r.w_cluster = 0.5;
  r.w_new = 1;
  r.w_quiet = 2;
  r.quiet_cap = 14;
  r.t_red = 7;
  r.t_orange = 4.5;
  r.t_yellow = 3;
  r.t_blue = 0.5;
  return r;
}
}  // namespace

TEST_CASE("zhejiang: colour thresholds are lower bounds, checked at every boundary", "[zhejiang]") {
  const ScoreRule r = rule();
  CHECK(colour_of(7.0, r) == kRed);
  CHECK(colour_of(std::nextafter(7.0, 0.0), r) == kOrange);
  CHECK(colour_of(4.5, r) == kOrange);
  CHECK(colour_of(std::nextafter(4.5, 0.0), r) == kYellow);
  CHECK(colour_of(3.0, r) == kYellow);
  CHECK(colour_of(std::nextafter(3.0, 0.0), r) == kBlue);
  CHECK(colour_of(0.5, r) == kBlue);
  CHECK(colour_of(std::nextafter(0.5, 0.0), r) == kGreen);
  CHECK(colour_of(0.0, r) == kGreen);
  CHECK(colour_of(1e9, r) == kRed);
}

TEST_CASE("zhejiang: the risk score follows its indicators", "[zhejiang]") {
  const ScoreRule r = rule();
  Indicators none;
  CHECK(risk_score(none, r, true) == 0.0);  // no case at all: green
  Indicators x;
  x.cumulative = std::exp(3.0) - 1;  // ln(1 + cum) = 3
  x.local_share = 0.5;
  x.clusters = 2;
  x.days_without_new = 7;
  x.new_week = std::exp(1.0) - 1;  // ln(1 + new) = 1
  // 3 + 0.5 + 1 - 2 * 7/14 = 3.5 without the new-case indicator, 4.5 with it.
  CHECK(risk_score(x, r, false) == Approx(3.5));
  CHECK(risk_score(x, r, true) == Approx(4.5));
  CHECK(colour_of(risk_score(x, r, false), r) == kYellow);
  x.days_without_new = 100;  // the quiet reduction saturates at quiet_cap
  CHECK(risk_score(x, r, false) == Approx(3.0 + 0.5 + 1.0 - 2.0));
  x.days_without_new = 0;
  x.local_share = 1;
  CHECK(risk_score(x, r, false) == Approx(5.0));
  Indicators one;  // a single imported case, quiet for two weeks: scored to 0, not negative
  one.cumulative = 1;
  one.days_without_new = 30;
  CHECK(risk_score(one, r, true) == 0.0);
}
