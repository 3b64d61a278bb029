#pragma once
// Priors of calibrated parameters. A particle moves in an internal coordinate (log of the value
// for a log-uniform prior, the value itself otherwise) so that the Gaussian perturbation kernel
// is symmetric where the prior is flat.
#include <string>

namespace govsim::calibrate {

enum class PriorKind { Uniform, LogUniform, Normal, Beta };
const char* to_string(PriorKind k);

struct Prior {
  PriorKind kind = PriorKind::Uniform;
  double lower = 0, upper = 1;  // hard bounds (always set: a prior never leaves the parameter's range)
  double mean = 0, sd = 1;      // normal (truncated to the bounds)
  double alpha = 1, beta = 1;   // beta, scaled to [lower, upper]

  double to_internal(double value) const;
  double from_internal(double z) const;
  // Density in the internal coordinate, up to a constant; 0 outside the bounds.
  double density_internal(double z) const;
  // A draw from the prior given two independent uniforms in [0, 1) (inverse CDF where closed-form,
  // otherwise rejection-free transforms).
  double sample(double u1, double u2) const;
  // Prior variance of the value (numerical integration over the bounds: one rule for all kinds).
  double variance() const;
  std::string describe() const;
};

}  // namespace govsim::calibrate
