#pragma once
// The perturbation kernel of ABC-SMC: a multivariate Gaussian whose covariance is twice the
// weighted covariance of the previous population (Beaumont et al. 2009), in internal coordinates.
#include <cstddef>
#include <vector>

namespace govsim::calibrate {

class GaussianKernel {
 public:
  // `points` [n][d], `weights` normalised.
  GaussianKernel(const std::vector<std::vector<double>>& points, const std::vector<double>& weights);
  // x = centre + L n for standard normals `n` (L L^T = covariance).
  std::vector<double> perturb(const std::vector<double>& centre, const std::vector<double>& normals) const;
  // Unnormalised density of moving from `from` to `to` (the constant cancels in the weights).
  double density(const std::vector<double>& from, const std::vector<double>& to) const;

 private:
  size_t d_;
  std::vector<double> chol_;  // lower triangular, row-major d x d
};

}  // namespace govsim::calibrate
