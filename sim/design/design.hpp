#pragma once
// Design generators: a design spec -> the list of design points (parameter values), with the
// bookkeeping a sensitivity analysis needs (Saltelli matrix and sample, Morris trajectory/step).
#include <cstdint>
#include <vector>

#include "sim/design/design_spec.hpp"

namespace govsim::design {

struct DesignPoint {
  std::vector<double> values;      // one per varied parameter (bool as 0/1, int as its value)
  int32_t saltelli_matrix = 0;     // -1 = A, -2 = B, j >= 0 = AB_j
  int64_t saltelli_sample = 0;
  int64_t morris_trajectory = 0;
  int32_t morris_step = 0;
  int32_t morris_changed = -1;
};

struct Design {
  DesignKind kind = DesignKind::Grid;
  uint64_t base_samples = 0;  // N (lhs, saltelli), trajectories (morris), points (grid, list)
  std::vector<DesignPoint> points;
};

// Deterministic in the spec alone: the same sweep file gives the same design on every machine.
//  grid:     Cartesian product of each parameter's levels, the first parameter varying slowest.
//  lhs:      N points, one per stratum [k/N, (k+1)/N) in every dimension (McKay et al. 1979).
//  saltelli: N base samples from a 2P-dimensional Sobol sequence (origin skipped); per sample
//            A_i, B_i, then AB_i^j for j = 0..P-1 (Saltelli et al. 2010): N(P+2) points.
//  morris:   `samples` trajectories of P+1 points on a p-level grid, one parameter moved by
//            Delta = p/(2(p-1)) per step, in a random order and direction (Morris 1991).
//  list:     the [[sweep.points]] as written.
Design make_design(const DesignSpec& spec);

// Maps a coordinate u in [0, 1) of a sampled design to a value of `p`: uniform over the range
// (log-uniform with scale = "log"); integers uniform over lower..upper; explicit values chosen
// with equal probability.
double sample_value(const VariedParam& p, double u);

// Maps a level position u in [0, 1] (grid, Morris) to a value: the range's endpoints are hit
// exactly; integers are rounded; explicit values are indexed by round(u * (n - 1)).
double level_value(const VariedParam& p, double u);

// Number of grid points (product of levels), or 0 on overflow beyond `limit`.
uint64_t grid_size(const DesignSpec& spec, uint64_t limit);

// The number of design points make_design(spec) would produce, computed without building them
// (saturating at UINT64_MAX).
uint64_t design_size(const DesignSpec& spec);

}  // namespace govsim::design
