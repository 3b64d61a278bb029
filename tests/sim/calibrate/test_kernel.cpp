// The perturbation kernels of ABC-SMC: the OLCM kernel of each ancestor is the weighted second
// moment about that ancestor of the previous particles within the next tolerance (Filippi et al.
// 2013), and its normalised density carries 1 / sqrt(det covariance).
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "sim/calibrate/kernel.hpp"

using govsim::calibrate::GaussianKernel;
using govsim::calibrate::local_kernels;

namespace {

// L L^T of a kernel, read back through perturb() with unit vectors (column k of L = perturb(0, e_k)).
std::vector<double> covariance_of(const GaussianKernel& k, size_t d) {
  std::vector<std::vector<double>> cols;
  for (size_t c = 0; c < d; ++c) {
    std::vector<double> e(d, 0.0);
    e[c] = 1;
    cols.push_back(k.perturb(std::vector<double>(d, 0.0), e));
  }
  std::vector<double> cov(d * d, 0.0);
  for (size_t a = 0; a < d; ++a)
    for (size_t b = 0; b < d; ++b)
      for (size_t c = 0; c < d; ++c) cov[a * d + b] += cols[c][a] * cols[c][b];
  return cov;
}

}  // namespace

TEST_CASE("an OLCM kernel is the second moment about its ancestor of the particles within the tolerance",
          "[calibrate]") {
  // One dimension, two particles 0 and 2 of equal weight, both within the tolerance: each
  // ancestor's variance is 0.5 * 0 + 0.5 * 4 = 2.
  auto both = local_kernels({{0.0}, {2.0}}, {0.5, 0.5}, {1.0, 1.0}, 1.0);
  REQUIRE(both.size() == 2);
  CHECK(covariance_of(both[0], 1)[0] == Approx(2.0).epsilon(1e-9));
  CHECK(covariance_of(both[1], 1)[0] == Approx(2.0).epsilon(1e-9));
  // The particle at 2 is beyond the tolerance (distance 5 > 1): only 0 counts. Around 0 the kernel
  // collapses to the tiny regularising spread; around 2 its variance is (2 - 0)^2 = 4.
  auto one = local_kernels({{0.0}, {2.0}}, {0.5, 0.5}, {1.0, 5.0}, 1.0);
  CHECK(covariance_of(one[0], 1)[0] < 1e-9);
  CHECK(covariance_of(one[1], 1)[0] == Approx(4.0).epsilon(1e-9));
  // Boundary: a distance equal to the tolerance is within it.
  auto edge = local_kernels({{0.0}, {2.0}}, {0.5, 0.5}, {1.0, 1.0 + 0.0}, 1.0);
  CHECK(covariance_of(edge[1], 1)[0] == Approx(2.0).epsilon(1e-9));
}

TEST_CASE("OLCM kernels in three dimensions match the brute-force weighted sum", "[calibrate]") {
  const std::vector<std::vector<double>> x = {{0.1, -1.0, 2.0}, {0.5, 0.3, 1.0}, {-0.4, 0.9, 1.5}, {1.2, -0.2, 0.4},
                                              {0.0, 0.0, 0.0}};
  const std::vector<double> w = {0.1, 0.3, 0.2, 0.25, 0.15};
  const std::vector<double> dist = {0.5, 1.5, 0.9, 1.0, 3.0};  // the last is beyond the tolerance 1.0
  const auto kernels = local_kernels(x, w, dist, 1.0);
  double total = 0;
  for (size_t k = 0; k < x.size(); ++k)
    if (dist[k] <= 1.0) total += w[k];
  for (size_t i = 0; i < x.size(); ++i) {
    const std::vector<double> got = covariance_of(kernels[i], 3);
    for (size_t a = 0; a < 3; ++a)
      for (size_t b = 0; b < 3; ++b) {
        double want = 0;
        for (size_t k = 0; k < x.size(); ++k)
          if (dist[k] <= 1.0) want += w[k] / total * (x[k][a] - x[i][a]) * (x[k][b] - x[i][b]);
        INFO("ancestor " << i << ", entry " << a << "," << b);
        CHECK(got[a * 3 + b] == Approx(want).margin(1e-9));
      }
  }
}

TEST_CASE("a kernel's normalised density divides by sqrt(det covariance); the unnormalised one does not",
          "[calibrate]") {
  const GaussianKernel narrow = GaussianKernel::with_covariance({1.0, 0.0, 0.0, 1.0}, {0.0, 0.0});
  const GaussianKernel wide = GaussianKernel::with_covariance({4.0, 0.0, 0.0, 9.0}, {0.0, 0.0});
  const std::vector<double> o = {0.0, 0.0};
  CHECK(narrow.density(o, o) == Approx(1.0));
  CHECK(wide.density(o, o) == Approx(1.0));
  CHECK(wide.normalised_density(o, o) / narrow.normalised_density(o, o) == Approx(1.0 / 6.0).epsilon(1e-9));
  // One standard deviation along the second axis of the wide kernel.
  CHECK(wide.density(o, {0.0, 3.0}) == Approx(std::exp(-0.5)).epsilon(1e-12));
}
