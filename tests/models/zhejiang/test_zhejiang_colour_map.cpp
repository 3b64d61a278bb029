// The five-colour map's scoring rule (models/zhejiang/colour_map.hpp): thresholds are lower
// bounds, a county without cases (or clear for a quarantine period) scores 0 (green), and each
// indicator moves the score the documented way, including the quiet-day steps at 3 and 7 days.
#include <catch2/catch.hpp>
#include <cmath>

#include "models/zhejiang/colour_map.hpp"

using namespace govsim::zhejiang;

namespace {
ScoreRule rule() {
  ScoreRule r;
  r.w_cum = 1;
  r.w_local = 1;
  r.w_cluster = 1;
  r.w_new = 1;
  r.w_quiet3 = 1;
  r.w_quiet7 = 1;
  r.clear_days = 14;
  r.t_red = 7;
  r.t_orange = 4.5;
  r.t_yellow = 3;
  return r;
}
}  // namespace

TEST_CASE("zhejiang: colour thresholds are lower bounds, checked at every boundary", "[zhejiang]") {
  const ScoreRule r = rule();
  CHECK(colour_of(7.0, false, r) == kRed);
  CHECK(colour_of(std::nextafter(7.0, 0.0), false, r) == kOrange);
  CHECK(colour_of(4.5, false, r) == kOrange);
  CHECK(colour_of(std::nextafter(4.5, 0.0), false, r) == kYellow);
  CHECK(colour_of(3.0, false, r) == kYellow);
  CHECK(colour_of(std::nextafter(3.0, 0.0), false, r) == kBlue);
  CHECK(colour_of(0.0, false, r) == kBlue);  // a county with a case is at least blue, however quiet
  CHECK(colour_of(1e9, false, r) == kRed);
  // Green is a case-free county (no case, or clear for clear_days), and only that.
  CHECK(colour_of(0.0, true, r) == kGreen);
  CHECK(colour_of(1e9, true, r) == kGreen);
}

TEST_CASE("zhejiang: the risk score follows its indicators", "[zhejiang]") {
  const ScoreRule r = rule();
  Indicators none;
  CHECK(risk_score(none, r, true) == 0.0);  // no case at all: green
  CHECK(case_free(none, r, true));
  Indicators quiet_one;  // one imported case, quiet for 10 days: the score floors at 0, the colour is blue
  quiet_one.cumulative = 1;
  quiet_one.days_without_new = 10;
  CHECK(risk_score(quiet_one, r, true) == 0.0);
  CHECK(!case_free(quiet_one, r, true));
  CHECK(colour_of(risk_score(quiet_one, r, true), case_free(quiet_one, r, true), r) == kBlue);
  Indicators x;
  x.cumulative = std::exp(3.0) - 1;  // ln(1 + cum) = 3
  x.local_share = 0.5;
  x.clusters = std::exp(1.0) - 1;    // ln(1 + clusters) = 1
  x.days_without_new = 0;
  x.new_week = std::exp(1.0) - 1;    // ln(1 + new) = 1
  // 3 + 0.5 + 1 = 4.5 without the new-case indicator, 5.5 with it.
  CHECK(risk_score(x, r, false) == Approx(4.5));
  CHECK(risk_score(x, r, true) == Approx(5.5));
  CHECK(!case_free(x, r, true));
  CHECK(colour_of(risk_score(x, r, false), case_free(x, r, true), r) == kOrange);
  // The quiet-day steps: nothing before 3 days, w_quiet3 from day 3, w_quiet3 + w_quiet7 from day 7.
  x.days_without_new = 2.999;
  CHECK(risk_score(x, r, false) == Approx(4.5));
  x.days_without_new = 3;
  CHECK(risk_score(x, r, false) == Approx(3.5));
  x.days_without_new = 6.999;
  CHECK(risk_score(x, r, false) == Approx(3.5));
  x.days_without_new = 7;
  CHECK(risk_score(x, r, false) == Approx(2.5));
  CHECK(colour_of(risk_score(x, r, false), case_free(x, r, true), r) == kBlue);
  // The clearing rule: at clear_days without a new case the county scores as one without cases, but
  // only in the dynamic assessment (from 12 Feb): on the first map a quiet county with cases is blue.
  x.days_without_new = 13.999;
  CHECK(risk_score(x, r, false) == Approx(2.5));
  CHECK(!case_free(x, r, true));
  x.days_without_new = 14;
  CHECK(risk_score(x, r, false) == Approx(2.5));
  CHECK(!case_free(x, r, false));
  CHECK(colour_of(risk_score(x, r, false), case_free(x, r, false), r) == kBlue);
  CHECK(risk_score(x, r, true) == 0.0);
  CHECK(case_free(x, r, true));
  CHECK(colour_of(risk_score(x, r, true), case_free(x, r, true), r) == kGreen);
  ScoreRule never = r;  // clear_days = 0 switches the clearing rule off
  never.clear_days = 0;
  x.days_without_new = 1000;
  CHECK(risk_score(x, never, false) == Approx(2.5));
  CHECK(!case_free(x, never, true));
  x.days_without_new = 0;
  x.local_share = 1;
  CHECK(risk_score(x, r, false) == Approx(5.0));
  // Counts enter on a log scale: a county with 10x the cases and clusters gains ln(10) per indicator,
  // not ten times the score.
  Indicators big = x;
  big.cumulative = 10 * std::exp(3.0) - 1;
  big.clusters = 10 * std::exp(1.0) - 1;
  CHECK(risk_score(big, r, false) - risk_score(x, r, false) == Approx(2 * std::log(10.0)));
  Indicators one;  // a single imported case, quiet for a week: scored to 0, not negative
  one.cumulative = 1;
  one.days_without_new = 8;
  CHECK(risk_score(one, r, true) == 0.0);
}

TEST_CASE("zhejiang: an assessment lowers a colour by at most max_downgrade levels and never limits a rise",
          "[zhejiang]") {
  // One level (the default): every downgrade the province listed on 12, 18 and 27 Feb 2020.
  CHECK(assessed_colour(kRed, kGreen, 1) == kOrange);
  CHECK(assessed_colour(kOrange, kYellow, 1) == kYellow);  // exactly one level: allowed as scored
  CHECK(assessed_colour(kOrange, kBlue, 1) == kYellow);
  CHECK(assessed_colour(kBlue, kGreen, 1) == kGreen);
  CHECK(assessed_colour(kYellow, kGreen, 1) == kBlue);     // the step the model used to skip
  CHECK(assessed_colour(kRed, kGreen, 2) == kYellow);
  CHECK(assessed_colour(kRed, kGreen, 4) == kGreen);
  CHECK(assessed_colour(kRed, kGreen, 0) == kGreen);       // 0: no limit, the scored colour
  // Rises and unchanged colours are the scored colour whatever the limit.
  CHECK(assessed_colour(kGreen, kRed, 1) == kRed);
  CHECK(assessed_colour(kBlue, kOrange, 1) == kOrange);
  CHECK(assessed_colour(kYellow, kYellow, 1) == kYellow);
}
