// resilience_of (sim/metrics/resilience.hpp) on hand-made series with known answers.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "sim/metrics/resilience.hpp"

using govsim::Resilience;
using govsim::resilience_of;

namespace {

// `pre` days at `level`, then `dip`, then `post` days at `after`.
std::vector<double> series(double level, int pre, std::vector<double> dip, double after, int post) {
  std::vector<double> x(pre, level);
  x.insert(x.end(), dip.begin(), dip.end());
  x.insert(x.end(), post, after);
  return x;
}

}  // namespace

TEST_CASE("jiaxing resilience of a flat series: no loss, recovered at once, bounce-forward 1",
          "[jiaxing]") {
  for (double level : {1.0, 0.5, 0.25, 3.0}) {
    INFO("level " << level);
    const std::vector<double> x(100, level);
    const Resilience r = resilience_of(x, 50, 30, 70, 100);
    CHECK(r.pre_level == level);
    CHECK(r.loss_area == 0.0);
    CHECK(r.recovery_days == 0.0);
    CHECK(r.bounce_forward == 1.0);
  }
}

TEST_CASE("jiaxing resilience of a V-shaped dip: loss area and recovery day", "[jiaxing]") {
  // Pre level 1 over days [0, 30); crisis from day 30: 0.75, 0.5, 0.25, 0.5, 0.75, then 1 again.
  const std::vector<double> x = series(1.0, 30, {0.75, 0.5, 0.25, 0.5, 0.75}, 1.0, 65);
  SECTION("7-day trailing mean") {
    const Resilience r = resilience_of(x, 30, 30, 60, 100, 7);
    CHECK(r.pre_level == 1.0);
    CHECK(r.loss_area == Approx(0.25 + 0.5 + 0.75 + 0.5 + 0.25));
    // Back at 1 from day 35; the 7-day mean first reaches 1 on day 41 (days 35..41).
    CHECK(r.recovery_days == 11.0);
    CHECK(r.bounce_forward == Approx(1.0));
  }
  SECTION("no smoothing") {
    const Resilience r = resilience_of(x, 30, 30, 60, 100, 1);
    CHECK(r.loss_area == Approx(2.25));
    CHECK(r.recovery_days == 5.0);
  }
  SECTION("the loss is measured relative to the pre level") {
    std::vector<double> y = x;
    for (double& v : y) v *= 4;
    const Resilience r = resilience_of(y, 30, 30, 60, 100, 7);
    CHECK(r.pre_level == 4.0);
    CHECK(r.loss_area == Approx(2.25));
    CHECK(r.recovery_days == 11.0);
  }
}

TEST_CASE("jiaxing resilience of a series that never recovers: NaN recovery, loss to the end",
          "[jiaxing]") {
  const std::vector<double> x = series(1.0, 30, {}, 0.5, 70);
  const Resilience r = resilience_of(x, 30, 30, 60, 100);
  CHECK(r.pre_level == 1.0);
  CHECK(std::isnan(r.recovery_days));
  CHECK(r.loss_area == Approx(0.5 * 70));
  CHECK(r.bounce_forward == Approx(0.5));
}

TEST_CASE("jiaxing resilience: a higher post level gives bounce-forward above 1", "[jiaxing]") {
  const std::vector<double> x = series(1.0, 30, {0.5, 0.5}, 1.5, 68);
  const Resilience r = resilience_of(x, 30, 30, 60, 100);
  CHECK(r.bounce_forward == Approx(1.5));
  CHECK(r.bounce_forward > 1.0);
  CHECK(r.loss_area == Approx(1.0));
  // The 7-day mean of (0.5, 0.5, 1.5 x 5) is 8.5/7 >= 1 already on the crisis' 7th day.
  CHECK(r.recovery_days == 6.0);
}

TEST_CASE("jiaxing resilience: a pre window with no level gives NaN metrics", "[jiaxing]") {
  const std::vector<double> x(50, 0.0);
  const Resilience r = resilience_of(x, 20, 10, 30, 50);
  CHECK(r.pre_level == 0.0);
  CHECK(std::isnan(r.recovery_days));
  CHECK(std::isnan(r.bounce_forward));
}

TEST_CASE("jiaxing resilience of a flat series at a level that is not exact in binary: no dip",
          "[jiaxing]") {
  // The 30-day mean of 0.8 rounds to 0.8000000000000004 > 0.8; the tolerance band keeps such a
  // series from counting as a dip that never recovers.
  for (double level : {0.1, 0.2, 0.4, 0.7, 0.8}) {
    INFO("level " << level);
    const std::vector<double> x(100, level);
    const Resilience r = resilience_of(x, 50, 30, 70, 100);
    CHECK(r.pre_level == Approx(level));
    CHECK(r.recovery_days == 0.0);
    CHECK(r.loss_area == Approx(0.0).margin(1e-12));
    CHECK(r.bounce_forward == Approx(1.0));
  }
}

TEST_CASE(
    "jiaxing resilience: a series back at exactly its pre level after an inexact dip is recovered",
    "[jiaxing]") {
  // The trailing mean is a running sum; after the dip 0.2, 0.4 the window of seven 1s sums to
  // 6.999999999999999, not 7. Recovery must still be found (days 12..18 are the first seven 1s).
  const std::vector<double> x = series(1.0, 10, {0.2, 0.4}, 1.0, 20);
  for (double tol : {0.01, 1e-9}) {
    INFO("tolerance " << tol);
    const Resilience r = resilience_of(x, 10, 10, 20, 32, 7, tol);
    CHECK(r.pre_level == 1.0);
    CHECK(r.recovery_days == 8.0);
    CHECK(r.loss_area == Approx(0.8 + 0.6));
  }
}

TEST_CASE("jiaxing resilience: the tolerance band decides what counts as a dip and as recovery",
          "[jiaxing]") {
  // Pre level 1; a crisis dip to 0.5 for 3 days, then back to 0.995 (within 1% of the pre level).
  const std::vector<double> x = series(1.0, 30, {0.5, 0.5, 0.5}, 0.995, 67);
  const Resilience loose = resilience_of(x, 30, 30, 60, 100, 1, 0.01);
  CHECK(loose.recovery_days == 3.0);
  CHECK(loose.loss_area == Approx(1.5 + 0.005));  // the loss includes the recovery day's shortfall
  const Resilience strict = resilience_of(x, 30, 30, 60, 100, 1, 0.001);
  CHECK(std::isnan(strict.recovery_days));
  CHECK(strict.loss_area == Approx(1.5 + 0.005 * 67));
  // A wobble inside the band is no dip at all.
  const std::vector<double> y = series(1.0, 30, {0.995, 0.993}, 1.0, 68);
  const Resilience w = resilience_of(y, 30, 30, 60, 100, 7, 0.01);
  CHECK(w.recovery_days == 0.0);
  // band 0.9989: the 7-day mean of (0.993, 1 x 6) = 0.999 is inside it on day 37.
  CHECK(resilience_of(y, 30, 30, 60, 100, 7, 0.0011).recovery_days == 7.0);
}

// The trailing mean is summed afresh for each day: a running sum (add the new value, subtract the
// one leaving) drifts by rounding, and with tolerance 0 a series back at exactly its pre level
// was once reported as never recovering.
TEST_CASE(
    "jiaxing resilience with zero tolerance: a series back at exactly its pre level is recovered",
    "[jiaxing]") {
  const std::vector<double> y = series(1.0, 30, {0.995, 0.993}, 1.0, 68);
  const Resilience r = resilience_of(y, 30, 30, 60, 100, 7, 0.0);
  CHECK(r.recovery_days == 8.0);  // days 32..38 are the first seven 1s
  const std::vector<double> x = series(1.0, 10, {0.2, 0.4}, 1.0, 20);
  CHECK(resilience_of(x, 10, 10, 20, 32, 7, 0.0).recovery_days == 8.0);
}
