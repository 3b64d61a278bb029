#include "sim/calibrate/kernel.hpp"

#include <algorithm>
#include <cmath>

namespace govsim::calibrate {

GaussianKernel::GaussianKernel(const std::vector<std::vector<double>>& pts, const std::vector<double>& w)
    : d_(pts.empty() ? 0 : pts[0].size()), chol_(d_ * d_, 0.0) {
  std::vector<double> mean(d_, 0.0), cov(d_ * d_, 0.0);
  for (size_t i = 0; i < pts.size(); ++i)
    for (size_t a = 0; a < d_; ++a) mean[a] += w[i] * pts[i][a];
  for (size_t i = 0; i < pts.size(); ++i)
    for (size_t a = 0; a < d_; ++a)
      for (size_t b = 0; b < d_; ++b) cov[a * d_ + b] += 2 * w[i] * (pts[i][a] - mean[a]) * (pts[i][b] - mean[b]);
  // A collapsed dimension (all particles equal) would make the kernel singular: keep a tiny
  // spread relative to the scale so the population can still move.
  for (size_t a = 0; a < d_; ++a) cov[a * d_ + a] += 1e-12 * (1 + mean[a] * mean[a]);
  // Cholesky; a direction that is numerically dependent gets a small positive pivot.
  for (size_t i = 0; i < d_; ++i)
    for (size_t j = 0; j <= i; ++j) {
      double s = cov[i * d_ + j];
      for (size_t k = 0; k < j; ++k) s -= chol_[i * d_ + k] * chol_[j * d_ + k];
      if (i == j) chol_[i * d_ + i] = std::sqrt(std::max(s, 1e-14 * (1 + cov[i * d_ + i])));
      else chol_[i * d_ + j] = s / chol_[j * d_ + j];
    }
}

std::vector<double> GaussianKernel::perturb(const std::vector<double>& c, const std::vector<double>& n) const {
  std::vector<double> x = c;
  for (size_t i = 0; i < d_; ++i)
    for (size_t k = 0; k <= i; ++k) x[i] += chol_[i * d_ + k] * n[k];
  return x;
}

double GaussianKernel::density(const std::vector<double>& from, const std::vector<double>& to) const {
  // Solve L y = (to - from) by forward substitution; density ~ exp(-|y|^2 / 2).
  std::vector<double> y(d_);
  double q = 0;
  for (size_t i = 0; i < d_; ++i) {
    double s = to[i] - from[i];
    for (size_t k = 0; k < i; ++k) s -= chol_[i * d_ + k] * y[k];
    y[i] = s / chol_[i * d_ + i];
    q += y[i] * y[i];
  }
  return std::exp(-0.5 * q);
}

}  // namespace govsim::calibrate
