#pragma once
// A sequence of uniforms for one (day, agent) of a seed-002 figure layer (working_window, admin_levels,
// census): counter-based, each from its own stream above `base`, so a draw is a pure function of
// (seed, run, day, agent, position) and the layers never share a stream with the task simulation.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "sim/rng/counter_rng.hpp"

namespace govsim::collab {

class LayerDraws {
 public:
  LayerDraws(const CounterRng& rng, uint32_t tick, uint32_t agent, uint32_t base)
      : rng_(rng), tick_(tick), agent_(agent), stream_(base) {}
  double uniform() {
    if (have_ == 0) {
      const auto w = rng_.draw4(tick_, agent_, stream_++);
      buf_[0] = CounterRng::to_unit(w[0], w[1]);
      buf_[1] = CounterRng::to_unit(w[2], w[3]);
      have_ = 2;
    }
    return buf_[--have_];
  }
  double normal() {
    const double r = std::sqrt(-2.0 * std::log1p(-uniform()));
    return r * std::cos(6.283185307179586 * uniform());
  }
  uint32_t poisson(double mean) { return CounterRng::poisson_inversion(mean, uniform()); }
  double exponential(double mean) { return mean > 0 ? -mean * std::log1p(-uniform()) : 0.0; }

 private:
  const CounterRng& rng_;
  uint32_t tick_, agent_, stream_;
  double buf_[2] = {0, 0};
  int have_ = 0;
};

// Stream bases of the three layers (far above the task simulation's per-unit draw counters).
inline constexpr uint32_t kStreamWorkingWindow = 0x5EED0000u;
inline constexpr uint32_t kStreamAdminLevels = 0x5EED1000u;
inline constexpr uint32_t kStreamCensus = 0x5EED2000u;

}  // namespace govsim::collab
