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

// Below this share of the particles, the last generation's effective sample size (1 / sum w^2)
// says the posterior rests on a few particles, so its intervals, contractions and correlations
// are not reliable (Zhejiang, session 28: ESS 1.3 of 50 printed "contraction 1.00 identified" for
// a parameter sitting on its prior's bound). Assumption: a fifth; population Monte Carlo samplers
// resample below a half (Del Moral, Doucet & Jasra 2012), this flags far worse.
inline constexpr double kFewParticlesEss = 0.2;

// How far a finished calibration can be trusted, from how it stopped and its last ESS.
struct Diagnosis {
  bool converged = false;      // stopped by its criterion (min_acceptance, min_tolerance, SL at full weight), not a limit
  bool few_particles = false;  // last ESS below kFewParticlesEss x particles
  std::string text;            // one or two lines for `govsim info`
};
Diagnosis diagnose(const std::string& stop_reason, double last_ess, double particles);

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
