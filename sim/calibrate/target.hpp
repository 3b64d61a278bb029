#pragma once
// A published figure as a calibration sees it: the observed value (point, lower bound or range),
// the simulated quantity it maps onto, and the scale of a discrepancy (from the target's
// tolerance or observation error). Read from paper_repro/targets/<case>.toml or given inline in
// a calibration file (synthetic targets for tests).
#include <string>
#include <vector>

#include "sim/core/errors.hpp"
#include "sim/io/result_tables.hpp"

namespace govsim::calibrate {

enum class TargetKind { Point, Lower, Range };
enum class TargetUse { Fit, Holdout };

struct MapsTo {
  std::string series, month;       // a monthly series in one month
  std::string scalar;              // or a summary scalar
  std::string ratio_a, ratio_b;    // or a / b (ratio) or 1 - a / b (reduction)
  bool reduction = false;
  bool scale_population = false;   // a count at the city's size (x population_reference / residents)
};

struct Target {
  std::string id, label, unit;
  TargetKind kind = TargetKind::Point;
  double value = 0, upper = 0;     // point/lower: value; range: [value, upper]
  MapsTo maps_to;
  // Discrepancy scale: absolute error (same unit), or relative (fraction of the value), or a
  // factor (compared on the log scale).
  double absolute = 0, relative = 0, factor = 0;
  TargetUse use = TargetUse::Fit;
  SourceLoc loc;                   // where the calibration file names it
};

// The simulated value of `t` in one result; NaN when the result lacks the quantity.
double simulated_value(const Target& t, const ResultTables& r, double population_reference);

// One simulated count of `t` in the published unit: population_reference / residents for a count
// scaled to the population (scale = "population"), 0 for anything else. Compared on a log scale
// (factor tolerance), such a count is compared as ln(unit + value), i.e. ln(1 + count) at the
// run's own scale: a run of 1/100 of the population cannot tell 0 from 60 published cases, and
// its 0 is then a finite, small gap instead of ln 0 = -inf (a gap of -inf for every particle
// leaves ABC nothing to rank). At full scale the unit is 1: ln(1 + count).
double count_unit(const Target& t, const ResultTables& r, double population_reference);

// The target's standardised discrepancy: 0 inside a lower bound or range, otherwise
// (simulated - observed) / error, with the error from the tolerance (log scale for a factor, with
// `unit` added to both sides: see count_unit).
double standardised_gap(const Target& t, double simulated, double unit = 0);

// One target's term of the Gaussian synthetic log-likelihood (Wood 2010), up to a constant, from
// `replicates` simulated values (values[r * stride]): the published value is taken as a draw from
// N(mean, error^2 + s^2), where `error` is the target's observation error or tolerance and s^2 the
// replicates' sample variance (on the log scale for a factor tolerance). A point target adds
// -gap^2/2 - log(sd); a lower bound or range adds only -gap^2/2 outside it (0 inside). `gap`
// receives the standardised gap. -inf when a replicate lacks the quantity. `unit` as in
// standardised_gap.
double synthetic_log_term(const Target& t, const double* values, size_t stride, uint32_t replicates, double* gap,
                          double unit = 0);

// Is the published figure consistent with a predictive interval [lo, hi]?
bool published_inside(const Target& t, double lo, double hi);

const char* to_string(TargetUse u);
const char* to_string(TargetKind k);

}  // namespace govsim::calibrate
