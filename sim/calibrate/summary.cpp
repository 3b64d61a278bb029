#include "sim/calibrate/summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace govsim::calibrate {

double weighted_quantile(const std::vector<double>& v, const std::vector<double>& w, double q) {
  std::vector<size_t> order(v.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return v[a] < v[b]; });
  double total = 0;
  for (double x : w) total += x;
  // Midpoint rule: the i-th sorted value sits at cumulative weight (c_i - w_i / 2) / total.
  double c = 0, prev_pos = 0, prev_val = v.empty() ? NAN : v[order[0]];
  for (size_t k = 0; k < order.size(); ++k) {
    const double pos = (c + 0.5 * w[order[k]]) / total;
    c += w[order[k]];
    if (pos >= q) {
      if (k == 0) return v[order[0]];
      const double f = (q - prev_pos) / (pos - prev_pos);
      return prev_val + f * (v[order[k]] - prev_val);
    }
    prev_pos = pos, prev_val = v[order[k]];
  }
  return prev_val;
}

PosteriorSummary summarise(const CalSpec& spec, const Generation& g) {
  PosteriorSummary s;
  const size_t P = spec.params.size(), N = g.values.size(), T = spec.targets.size(), R = spec.replicates;
  std::vector<double> mean(P, 0.0);
  for (size_t p = 0; p < P; ++p) {
    std::vector<double> col(N);
    for (size_t i = 0; i < N; ++i) col[i] = g.values[i][p], mean[p] += g.weights[i] * col[i];
    double var = 0;
    for (size_t i = 0; i < N; ++i) var += g.weights[i] * (col[i] - mean[p]) * (col[i] - mean[p]);
    ParamSummary ps;
    ps.mean = mean[p];
    ps.sd = std::sqrt(var);
    ps.q05 = weighted_quantile(col, g.weights, 0.05);
    ps.q50 = weighted_quantile(col, g.weights, 0.50);
    ps.q95 = weighted_quantile(col, g.weights, 0.95);
    ps.prior_variance = spec.params[p].prior.variance();
    ps.contraction = ps.prior_variance > 0 ? 1 - var / ps.prior_variance : 0;
    ps.identified = ps.contraction >= kIdentifiedContraction;
    s.params.push_back(ps);
  }
  s.correlation.assign(P * P, 0.0);
  for (size_t a = 0; a < P; ++a)
    for (size_t b = 0; b < P; ++b) {
      double cov = 0;
      for (size_t i = 0; i < N; ++i) cov += g.weights[i] * (g.values[i][a] - mean[a]) * (g.values[i][b] - mean[b]);
      const double den = s.params[a].sd * s.params[b].sd;
      s.correlation[a * P + b] = den > 0 ? cov / den : (a == b ? 1 : 0);
    }
  // Posterior predictive: every replicate of every particle, each with weight w_i / R.
  for (size_t t = 0; t < T; ++t) {
    std::vector<double> v, w;
    for (size_t i = 0; i < N; ++i)
      for (size_t r = 0; r < R; ++r)
        if (!std::isnan(g.simulated[i][r * T + t])) v.push_back(g.simulated[i][r * T + t]), w.push_back(g.weights[i] / R);
    TargetSummary ts;
    if (v.empty()) {
      ts.q05 = ts.q25 = ts.q50 = ts.q75 = ts.q95 = NAN;
    } else {
      ts.q05 = weighted_quantile(v, w, 0.05), ts.q25 = weighted_quantile(v, w, 0.25);
      ts.q50 = weighted_quantile(v, w, 0.50), ts.q75 = weighted_quantile(v, w, 0.75);
      ts.q95 = weighted_quantile(v, w, 0.95);
      ts.inside90 = published_inside(spec.targets[t], ts.q05, ts.q95);
    }
    s.targets.push_back(ts);
  }
  return s;
}

Diagnosis diagnose(const std::string& stop_reason, double last_ess, double particles) {
  Diagnosis d;
  for (const char* criterion : {"acceptance rate below min_acceptance", "tolerance reached min_tolerance",
                                "synthetic likelihood at full weight"})
    if (stop_reason.rfind(criterion, 0) == 0) d.converged = true;
  d.few_particles = last_ess < kFewParticlesEss * particles;
  char line[400];
  d.text = d.converged ? "CONVERGED by its criterion (" + stop_reason + ")\n"
                       : "NOT CONVERGED: stopped by a limit, not by min_acceptance or min_tolerance; extend it with a "
                         "larger budget (docs/calibration.md, \"Extending a calibration\")\n";
  if (d.few_particles) {
    std::snprintf(line, sizeof line,
                  "             FEW EFFECTIVE PARTICLES: ESS %.1f of %g in the last generation (below %.0f %%): its "
                  "intervals, contractions and correlations rest on a few particles and are not reliable\n",
                  last_ess, particles, 100 * kFewParticlesEss);
    d.text += line;
  }
  return d;
}

}  // namespace govsim::calibrate
