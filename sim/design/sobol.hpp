#pragma once
// The Sobol low-discrepancy sequence (Bratley & Fox's Gray-code construction) with Joe & Kuo
// direction numbers, for Saltelli designs. Unscrambled, so a design is reproducible from the
// sweep file alone and the first points match published tables.
#include <cstdint>
#include <vector>

namespace govsim::design {

struct SobolDirection {
  uint32_t degree;             // s
  uint32_t coefficients;       // a: the inner coefficients of the primitive polynomial
  std::vector<uint32_t> m;     // m_1..m_s
};

// Dimensions 2.. of the Joe-Kuo table (sobol_directions.cpp).
const std::vector<SobolDirection>& joe_kuo_directions();

// Largest dimension the table supports.
uint32_t sobol_max_dimensions();

// Points 0..n-1 of the `dims`-dimensional Sobol sequence, row-major (n x dims), in [0, 1).
// Point 0 is the origin. Throws std::invalid_argument if dims exceeds sobol_max_dimensions().
std::vector<double> sobol_points(uint32_t dims, uint64_t n);

}  // namespace govsim::design
