#include "models/collab/reciprocal_exchange.hpp"

#include <algorithm>
#include <cmath>

namespace govsim::collab {

double position_spread(const float* positions, uint32_t members) {
  double lo = 0, hi = 0;
  bool any = false;
  for (int v = 0; members >> v; ++v) {
    if (!(members >> v & 1u)) continue;
    const double x = positions[v];
    lo = any ? std::min(lo, x) : x;
    hi = any ? std::max(hi, x) : x;
    any = true;
  }
  return hi - lo;
}

AdjustmentRound adjust_positions(float* positions, uint32_t members, double rate, double tolerance,
                                 const float* misread) {
  AdjustmentRound r;
  r.spread_before = position_spread(positions, members);
  double sum = 0;
  int n = 0;
  for (int v = 0; members >> v; ++v)
    if (members >> v & 1u) {
      sum += positions[v];
      ++n;
    }
  if (n == 0) {
    r.converged = true;
    return r;
  }
  const double mean = sum / n;
  for (int v = 0; members >> v; ++v)
    if (members >> v & 1u)
      positions[v] = static_cast<float>(positions[v] + rate * (mean + misread[v] - positions[v]));
  r.spread_after = position_spread(positions, members);
  r.converged = r.spread_after <= tolerance;
  if (!r.converged) {
    double after = 0;
    for (int v = 0; members >> v; ++v)
      if (members >> v & 1u) after += positions[v];
    after /= n;
    for (int v = 0; members >> v; ++v)
      if ((members >> v & 1u) && std::abs(positions[v] - after) > 0.5 * tolerance) r.redo |= 1u << v;
    // Rounding could leave both extremes at exactly tolerance / 2: someone must still give way.
    if (r.redo == 0)
      for (int v = 0; members >> v; ++v)
        if (members >> v & 1u) r.redo |= 1u << v;
  }
  return r;
}

}  // namespace govsim::collab
