// The discrepancy of one published figure (sim/calibrate/target.hpp). A count scaled to the
// population and compared on a log scale is compared as ln(1 + count) at the run's own scale, so a
// run too small to see a city's few cases gives a finite gap (it gave ln 0 = -inf, which made every
// particle of the Zhejiang calibration infinitely far; issue 13).
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/calibrate/target.hpp"

using namespace govsim;
using namespace govsim::calibrate;

namespace {

Target scaled_count(double published, double factor) {
  Target t;
  t.id = "cum_cases_city";
  t.value = published;
  t.factor = factor;
  t.maps_to.scalar = "cum_cases_city";
  t.maps_to.scale_population = true;
  return t;
}

ResultTables result_with(double simulated_count, double residents) {
  ResultTables r;
  r.num_residents = residents;
  ScalarValue s;
  s.name = "cum_cases_city";
  s.value = simulated_count;
  r.scalars.push_back(s);
  return r;
}

}  // namespace

TEST_CASE("a count scaled to the population is compared as ln(1 + count) at the run's scale", "[calibrate]") {
  const double reference = 1000000;  // the published population
  const Target t = scaled_count(6, 2.0);

  SECTION("a run at 1/100 without a case is a finite, small gap") {
    const ResultTables r = result_with(0, reference / 100);
    const double sim = simulated_value(t, r, reference);
    const double unit = count_unit(t, r, reference);
    CHECK(sim == 0);
    CHECK(unit == Approx(100));
    const double gap = standardised_gap(t, sim, unit);
    // ln((0 + 100) / (6 + 100)) / ln 2: 6 published cases are 0.06 of one case at this scale.
    CHECK(std::isfinite(gap));
    CHECK(gap == Approx(std::log(100.0 / 106.0) / std::log(2.0)));
    CHECK(std::fabs(gap) < 0.1);
    // Without the unit (a figure that is not a scaled count) a zero is still infinitely far.
    CHECK(std::isinf(standardised_gap(t, sim)));
  }

  SECTION("at full scale one count is one case: ln((1 + simulated) / (1 + published))") {
    const ResultTables r = result_with(23, reference);
    CHECK(count_unit(t, r, reference) == Approx(1));
    CHECK(standardised_gap(t, simulated_value(t, r, reference), 1) == Approx(std::log(24.0 / 7.0) / std::log(2.0)));
  }

  SECTION("one simulated case at 1/100 is far from 6 published, but finite") {
    const ResultTables r = result_with(1, reference / 100);
    const double gap = standardised_gap(t, simulated_value(t, r, reference), count_unit(t, r, reference));
    CHECK(gap == Approx(std::log(200.0 / 106.0) / std::log(2.0)));
  }

  SECTION("a figure not scaled to the population has no unit") {
    Target u = t;
    u.maps_to.scale_population = false;
    CHECK(count_unit(u, result_with(0, reference / 100), reference) == 0);
  }

  SECTION("the synthetic likelihood uses the same scale and is finite for zero replicates") {
    const double unit = 100;
    const double values[3] = {0, 0, 100};  // two replicates without a case, one with one case
    double gap = 0;
    const double ll = synthetic_log_term(t, values, 1, 3, &gap, unit);
    CHECK(std::isfinite(ll));
    CHECK(std::isfinite(gap));
    const double mean = (2 * std::log(100.0) + std::log(200.0)) / 3;
    double var = 0;
    for (double v : values) var += (std::log(v + unit) - mean) * (std::log(v + unit) - mean);
    var /= 2;
    const double sd = std::sqrt(std::log(2.0) * std::log(2.0) + var);
    CHECK(gap == Approx((mean - std::log(106.0)) / sd));
    CHECK(std::isinf(synthetic_log_term(t, values, 1, 3, &gap, 0)));
  }
}
