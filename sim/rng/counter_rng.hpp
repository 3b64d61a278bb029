#pragma once
// Counter-based random numbers (Random123 Philox4x32-10).
//
// A draw is a pure function of (seed, run, tick, agent, stream): there is no generator state to
// share between threads, so results do not depend on how TBB schedules work, and any draw can be
// recomputed in isolation (which the tests do). The key holds the 64-bit seed; the 128-bit
// counter holds run, tick, agent and stream, one 32-bit word each. A model that needs several
// independent numbers for the same agent on the same day uses several streams, or the four
// words of one `draw4`.
#include <Random123/philox.h>

#include <array>
#include <cmath>
#include <cstdint>

namespace govsim {

class CounterRng {
 public:
  CounterRng() = default;
  CounterRng(uint64_t seed, uint32_t run) : run_(run) {
    key_ = {{static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32)}};
  }

  uint64_t seed() const { return uint64_t(key_.v[0]) | (uint64_t(key_.v[1]) << 32); }
  uint32_t run() const { return run_; }

  // Four independent 32-bit words.
  std::array<uint32_t, 4> draw4(uint32_t tick, uint32_t agent, uint32_t stream) const {
    r123::Philox4x32::ctr_type ctr = {{run_, tick, agent, stream}};
    const auto out = r123::Philox4x32()(ctr, key_);
    return {out.v[0], out.v[1], out.v[2], out.v[3]};
  }

  // Uniform double in [0, 1) with 53 random bits.
  double uniform(uint32_t tick, uint32_t agent, uint32_t stream) const {
    const auto w = draw4(tick, agent, stream);
    return to_unit(w[0], w[1]);
  }

  // Two uniforms in [0, 1) from one Philox call.
  std::array<double, 2> uniform2(uint32_t tick, uint32_t agent, uint32_t stream) const {
    const auto w = draw4(tick, agent, stream);
    return {to_unit(w[0], w[1]), to_unit(w[2], w[3])};
  }

  // Uniform float in [0, 1) with 24 random bits: cheap, for hot loops where that suffices.
  static float to_unit_float(uint32_t w) { return static_cast<float>(w >> 8) * 0x1.0p-24f; }
  static double to_unit(uint32_t hi, uint32_t lo) {
    const uint64_t bits = (uint64_t(hi) << 21) ^ (uint64_t(lo) >> 11);  // 53 bits
    return static_cast<double>(bits & ((uint64_t(1) << 53) - 1)) * 0x1.0p-53;
  }

  // Integer in [0, n) without modulo bias worth speaking of (Lemire's multiply-shift, 32-bit).
  static uint32_t below(uint32_t w, uint32_t n) {
    return static_cast<uint32_t>((uint64_t(w) * n) >> 32);
  }

  // Poisson variate with the given mean from one uniform u in [0, 1), by inversion of the CDF:
  // exact, and cheap for the small means it is used with (capped at 10000 terms).
  static uint32_t poisson_inversion(double mean, double u) {
    if (mean <= 0) return 0;
    double p = std::exp(-mean), cdf = p;
    uint32_t k = 0;
    while (u > cdf && k < 10000) {
      ++k;
      p *= mean / k;
      cdf += p;
    }
    return k;
  }

  // Standard normal by Box-Muller from one Philox call.
  double normal(uint32_t tick, uint32_t agent, uint32_t stream) const {
    const auto u = uniform2(tick, agent, stream);
    const double r = std::sqrt(-2.0 * std::log1p(-u[0]));  // 1-u in (0,1]
    return r * std::cos(6.283185307179586 * u[1]);
  }

 private:
  r123::Philox4x32::key_type key_ = {{0, 0}};
  uint32_t run_ = 0;
};

// Derives an independent 64-bit seed from a base seed and an index (SplitMix64 finaliser); used
// for per-run seeds of replicates and sweeps.
inline uint64_t derive_seed(uint64_t base, uint64_t index) {
  uint64_t z = base + 0x9E3779B97F4A7C15ull * (index + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace govsim
