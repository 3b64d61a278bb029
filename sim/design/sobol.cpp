#include "sim/design/sobol.hpp"

#include <stdexcept>
#include <string>

namespace govsim::design {
namespace {

constexpr int kBits = 32;

// Direction integers v_1..v_32 of one dimension, scaled to 32 bits.
std::vector<uint32_t> directions_of(uint32_t dim) {
  std::vector<uint32_t> v(kBits + 1, 0);
  if (dim == 0) {
    for (int k = 1; k <= kBits; ++k) v[k] = 1u << (kBits - k);
    return v;
  }
  const SobolDirection& d = joe_kuo_directions()[dim - 1];
  const uint32_t s = d.degree;
  for (uint32_t k = 1; k <= s && k <= kBits; ++k) v[k] = d.m[k - 1] << (kBits - k);
  for (uint32_t k = s + 1; k <= kBits; ++k) {
    v[k] = v[k - s] ^ (v[k - s] >> s);
    for (uint32_t i = 1; i < s; ++i)
      if ((d.coefficients >> (s - 1 - i)) & 1u) v[k] ^= v[k - i];
  }
  return v;
}

}  // namespace

uint32_t sobol_max_dimensions() { return static_cast<uint32_t>(joe_kuo_directions().size()) + 1; }

std::vector<double> sobol_points(uint32_t dims, uint64_t n) {
  if (dims > sobol_max_dimensions())
    throw std::invalid_argument("Sobol sequence supports at most " + std::to_string(sobol_max_dimensions()) +
                                " dimensions");
  if (n > (uint64_t(1) << kBits)) throw std::invalid_argument("too many Sobol points");
  std::vector<std::vector<uint32_t>> v(dims);
  for (uint32_t j = 0; j < dims; ++j) v[j] = directions_of(j);
  std::vector<double> out(n * dims);
  std::vector<uint32_t> x(dims, 0);
  for (uint64_t i = 0; i < n; ++i) {
    if (i > 0) {
      // Gray code: point i differs from point i-1 in the direction of the lowest zero bit of i-1.
      int c = 1;
      for (uint64_t value = i - 1; value & 1; value >>= 1) ++c;
      for (uint32_t j = 0; j < dims; ++j) x[j] ^= v[j][c];
    }
    for (uint32_t j = 0; j < dims; ++j) out[i * dims + j] = double(x[j]) * 0x1.0p-32;
  }
  return out;
}

}  // namespace govsim::design
