#include "sim/calibrate/kernel.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace govsim::calibrate {

namespace {

// Weighted mean and `factor` x weighted covariance of `pts` (row-major d x d); particles of weight
// 0 do not count. Shared by the global kernel (factor 2) and the OLCM kernels (factor 1).
void weighted_moments(const std::vector<std::vector<double>>& pts, const std::vector<double>& w, double factor,
                      std::vector<double>& mean, std::vector<double>& cov) {
  const size_t d = pts.empty() ? 0 : pts[0].size();
  mean.assign(d, 0.0);
  cov.assign(d * d, 0.0);
  for (size_t i = 0; i < pts.size(); ++i)
    for (size_t a = 0; a < d; ++a) mean[a] += w[i] * pts[i][a];
  for (size_t i = 0; i < pts.size(); ++i)
    for (size_t a = 0; a < d; ++a)
      for (size_t b = 0; b < d; ++b) cov[a * d + b] += factor * w[i] * (pts[i][a] - mean[a]) * (pts[i][b] - mean[b]);
}

}  // namespace

GaussianKernel::GaussianKernel(const std::vector<std::vector<double>>& pts, const std::vector<double>& w)
    : d_(pts.empty() ? 0 : pts[0].size()) {
  std::vector<double> mean, cov;
  weighted_moments(pts, w, 2.0, mean, cov);
  factor(std::move(cov), mean);
}

GaussianKernel GaussianKernel::with_covariance(std::vector<double> cov, const std::vector<double>& scale) {
  GaussianKernel k;
  k.d_ = scale.size();
  k.factor(std::move(cov), scale);
  return k;
}

void GaussianKernel::factor(std::vector<double> cov, const std::vector<double>& scale) {
  chol_.assign(d_ * d_, 0.0);
  // A collapsed dimension (all particles equal) would make the kernel singular: keep a tiny
  // spread relative to the scale so the population can still move.
  for (size_t a = 0; a < d_; ++a) cov[a * d_ + a] += 1e-12 * (1 + scale[a] * scale[a]);
  // Cholesky; a direction that is numerically dependent gets a small positive pivot.
  for (size_t i = 0; i < d_; ++i)
    for (size_t j = 0; j <= i; ++j) {
      double s = cov[i * d_ + j];
      for (size_t k = 0; k < j; ++k) s -= chol_[i * d_ + k] * chol_[j * d_ + k];
      if (i == j) chol_[i * d_ + i] = std::sqrt(std::max(s, 1e-14 * (1 + cov[i * d_ + i])));
      else chol_[i * d_ + j] = s / chol_[j * d_ + j];
    }
  inv_sqrt_det_ = 1;
  for (size_t i = 0; i < d_; ++i) inv_sqrt_det_ /= chol_[i * d_ + i];
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

double GaussianKernel::normalised_density(const std::vector<double>& from, const std::vector<double>& to) const {
  return inv_sqrt_det_ * density(from, to);
}

std::vector<GaussianKernel> local_kernels(const std::vector<std::vector<double>>& pts, const std::vector<double>& w,
                                          const std::vector<double>& distances, double tolerance) {
  const size_t n = pts.size(), d = n ? pts[0].size() : 0;
  // The previous particles already within the next tolerance, their weights renormalised (the
  // others weigh 0); their weighted mean m and covariance C give each ancestor's second moment
  // C + (m - x_i)(m - x_i)^T.
  double total = 0;
  for (size_t k = 0; k < n; ++k)
    if (distances[k] <= tolerance) total += w[k];
  if (!(total > 0)) throw std::logic_error("OLCM kernel: no previous particle within the tolerance");
  std::vector<double> v(n, 0.0), mean, cov;
  for (size_t k = 0; k < n; ++k)
    if (distances[k] <= tolerance) v[k] = w[k] / total;
  weighted_moments(pts, v, 1.0, mean, cov);
  std::vector<GaussianKernel> kernels;
  kernels.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    std::vector<double> c = cov;
    for (size_t a = 0; a < d; ++a)
      for (size_t b = 0; b < d; ++b) c[a * d + b] += (mean[a] - pts[i][a]) * (mean[b] - pts[i][b]);
    kernels.push_back(GaussianKernel::with_covariance(std::move(c), mean));
  }
  return kernels;
}

}  // namespace govsim::calibrate
