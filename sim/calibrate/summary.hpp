#pragma once
// What a posterior says, computed from the last generation: per-parameter posterior moments,
// credible intervals and prior-to-posterior contraction (identifiability), the posterior
// correlations, and the posterior predictive of every target with the held-out verdicts.
#include <string>
#include <vector>

#include "sim/calibrate/abc_smc.hpp"

namespace govsim::calibrate {

// A parameter whose posterior variance is more than this share of its prior variance is
// reported as not identified by the fitted targets (contraction below 1 - this).
inline constexpr double kIdentifiedContraction = 0.5;

struct ParamSummary {
  double mean = 0, sd = 0, q05 = 0, q50 = 0, q95 = 0;
  double prior_variance = 0, contraction = 0;  // 1 - var_post / var_prior
  bool identified = false;
};

struct TargetSummary {
  double q05 = 0, q25 = 0, q50 = 0, q75 = 0, q95 = 0;
  bool inside90 = false;  // the published figure lies inside [q05, q95]
};

struct PosteriorSummary {
  std::vector<ParamSummary> params;
  std::vector<double> correlation;  // P x P, row-major
  std::vector<TargetSummary> targets;
};

PosteriorSummary summarise(const CalSpec& spec, const Generation& posterior);

// The weighted q-quantile (the smallest value whose cumulative weight reaches q, interpolated).
double weighted_quantile(const std::vector<double>& values, const std::vector<double>& weights, double q);

}  // namespace govsim::calibrate
