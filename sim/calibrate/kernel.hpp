#pragma once
// The perturbation kernels of ABC-SMC, multivariate Gaussians in internal coordinates: one global
// kernel whose covariance is twice the weighted covariance of the previous population (Beaumont
// et al. 2009), or one per ancestor with the optimal local covariance matrix (OLCM, Filippi,
// Barnes, Cornebise & Stumpf 2013).
#include <cstddef>
#include <vector>

namespace govsim::calibrate {

class GaussianKernel {
 public:
  // The global kernel: `points` [n][d], `weights` normalised; covariance 2 x their weighted covariance.
  GaussianKernel(const std::vector<std::vector<double>>& points, const std::vector<double>& weights);
  // A kernel with the given covariance (row-major d x d, d = scale.size()); `scale` (typical
  // magnitudes per dimension) sizes the tiny spread added to keep it positive definite.
  static GaussianKernel with_covariance(std::vector<double> covariance, const std::vector<double>& scale);
  // x = centre + L n for standard normals `n` (L L^T = covariance).
  std::vector<double> perturb(const std::vector<double>& centre, const std::vector<double>& normals) const;
  // Unnormalised density of moving from `from` to `to` (the constant cancels in the weights when
  // every ancestor has this kernel).
  double density(const std::vector<double>& from, const std::vector<double>& to) const;
  // The density up to a constant common to all kernels of dimension d: density / sqrt(det
  // covariance), for a mixture of kernels with different covariances (OLCM).
  double normalised_density(const std::vector<double>& from, const std::vector<double>& to) const;

 private:
  GaussianKernel() = default;
  void factor(std::vector<double> cov, const std::vector<double>& scale);  // Cholesky, regularised
  size_t d_ = 0;
  std::vector<double> chol_;  // lower triangular, row-major d x d
  double inv_sqrt_det_ = 1;   // 1 / prod diag(L)
};

// The OLCM kernels, one per previous particle i: covariance sum_k v_k (x_k - x_i)(x_k - x_i)^T over
// the previous particles k whose distance is at most `tolerance` (the next generation's), v their
// weights renormalised; a particle within the tolerance is required (the adaptive tolerance is a
// quantile of the distances, so there always is one).
std::vector<GaussianKernel> local_kernels(const std::vector<std::vector<double>>& points, const std::vector<double>& weights,
                                          const std::vector<double>& distances, double tolerance);

}  // namespace govsim::calibrate
