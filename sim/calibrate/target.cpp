#include "sim/calibrate/target.hpp"

#include <cmath>

namespace govsim::calibrate {

const char* to_string(TargetUse u) { return u == TargetUse::Fit ? "fit" : "holdout"; }
const char* to_string(TargetKind k) {
  return k == TargetKind::Point ? "point" : k == TargetKind::Lower ? "lower" : "range";
}

double simulated_value(const Target& t, const ResultTables& r, double population_reference) {
  const MapsTo& m = t.maps_to;
  if (!m.series.empty()) {
    if (const SeriesTable* s = r.find_monthly(m.series))
      for (size_t i = 0; i < r.months.size(); ++i)
        if (r.months[i] == m.month) return s->total(i);
    return NAN;
  }
  if (!m.ratio_a.empty()) {
    const ScalarValue* a = r.find_scalar(m.ratio_a);
    const ScalarValue* b = r.find_scalar(m.ratio_b);
    if (!a || !b || b->value == 0) return NAN;
    return m.reduction ? 1 - a->value / b->value : a->value / b->value;
  }
  const ScalarValue* s = r.find_scalar(m.scalar);
  if (!s) return NAN;
  if (!m.scale_population) return s->value;
  return (population_reference > 0 && r.num_residents > 0) ? s->value * population_reference / r.num_residents : NAN;
}

double count_unit(const Target& t, const ResultTables& r, double population_reference) {
  if (!t.maps_to.scale_population || !(population_reference > 0) || !(r.num_residents > 0)) return 0;
  return population_reference / r.num_residents;
}

double standardised_gap(const Target& t, double sim, double unit) {
  if (std::isnan(sim)) return INFINITY;
  const double lo = t.value, hi = t.kind == TargetKind::Range ? t.upper : t.value;
  if (t.kind == TargetKind::Lower && sim >= lo) return 0;
  if (t.kind == TargetKind::Range && sim >= lo && sim <= hi) return 0;
  const double observed = sim < lo ? lo : hi;
  if (t.factor > 0) {
    if (sim + unit <= 0 || observed + unit <= 0) return INFINITY;
    return std::log((sim + unit) / (observed + unit)) / std::log(t.factor);
  }
  const double error = t.absolute > 0 ? t.absolute : t.relative * std::fabs(observed);
  return (sim - observed) / (error > 0 ? error : 1);
}

double synthetic_log_term(const Target& t, const double* values, size_t stride, uint32_t replicates, double* gap,
                          double unit) {
  const bool log_scale = t.factor > 0;
  double mean = 0;
  for (uint32_t r = 0; r < replicates; ++r) {
    const double x = values[r * stride];
    if (std::isnan(x) || (log_scale && x + unit <= 0)) return *gap = INFINITY, -INFINITY;
    mean += log_scale ? std::log(x + unit) : x;
  }
  mean /= replicates;
  double var = 0;
  for (uint32_t r = 0; r < replicates; ++r) {
    const double d = (log_scale ? std::log(values[r * stride] + unit) : values[r * stride]) - mean;
    var += d * d;
  }
  var = replicates > 1 ? var / (replicates - 1) : 0;
  const double lo = t.value, hi = t.kind == TargetKind::Range ? t.upper : t.value;
  const double sim = log_scale ? std::exp(mean) - unit : mean;
  if ((t.kind == TargetKind::Lower && sim >= lo) || (t.kind == TargetKind::Range && sim >= lo && sim <= hi))
    return *gap = 0, 0.0;
  const double observed = sim < lo ? lo : hi;
  double error = log_scale ? std::log(t.factor) : t.absolute > 0 ? t.absolute : t.relative * std::fabs(observed);
  if (!(error > 0) && !(var > 0)) error = 1;  // as standardised_gap: no stated error, unit scale
  if (log_scale && observed + unit <= 0) return *gap = INFINITY, -INFINITY;
  const double sd = std::sqrt(error * error + var);
  *gap = (mean - (log_scale ? std::log(observed + unit) : observed)) / sd;
  return -0.5 * *gap * *gap - (t.kind == TargetKind::Point ? std::log(sd) : 0.0);
}

bool published_inside(const Target& t, double lo, double hi) {
  switch (t.kind) {
    case TargetKind::Point: return t.value >= lo && t.value <= hi;
    case TargetKind::Lower: return hi >= t.value;              // some of the interval is above the bound
    case TargetKind::Range: return hi >= t.value && lo <= t.upper;  // the intervals overlap
  }
  return false;
}

}  // namespace govsim::calibrate
