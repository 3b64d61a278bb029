#pragma once
// Eight consecutive agents' `CounterRng::draw4` words at once, bit-identical to eight scalar calls.
//
// Philox4x32-10 (the generator behind CounterRng) is a bijection of the counter {run, tick,
// agent, stream}; agents i .. i+7 differ only in the third word, so eight counters run through the
// ten rounds side by side in the lanes of AVX2 registers (a 32x32 -> 64-bit multiply per pair of
// lanes). Per agent that is about a sixth of the instructions of the scalar call. The AVX2 path is
// chosen at run time (the binary stays baseline x86-64); elsewhere the scalar call fills the batch.
// tests/sim/test_counter_rng_batch.cpp checks the words against draw4 for many counters and keys.
#include <array>
#include <cstdint>

#include "sim/rng/counter_rng.hpp"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define GOVSIM_DRAW8_AVX2 1
#endif

namespace govsim {

// words[x][l] is word x of draw4(tick, agent0 + l, stream).
struct Draw8 {
  alignas(32) uint32_t words[4][8];
};

namespace detail {

inline void draw8_scalar(const CounterRng& rng, uint32_t tick, uint32_t agent0, uint32_t stream, Draw8& out) {
  for (uint32_t l = 0; l < 8; ++l) {
    const auto d = rng.draw4(tick, agent0 + l, stream);
    for (int x = 0; x < 4; ++x) out.words[x][l] = d[x];
  }
}

#ifdef GOVSIM_DRAW8_AVX2
// (hi, lo) of m * a for each 32-bit lane of a.
__attribute__((target("avx2"))) inline void mulhilo8(__m256i a, __m256i m, __m256i& hi, __m256i& lo) {
  const __m256i even = _mm256_mul_epu32(a, m);                         // lanes 0, 2, 4, 6 as 64 bits
  const __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(a, 32), m);  // lanes 1, 3, 5, 7
  lo = _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xAA);
  hi = _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
}

__attribute__((target("avx2"))) inline void draw8_avx2(const CounterRng& rng, uint32_t tick, uint32_t agent0,
                                                       uint32_t stream, Draw8& out) {
  const uint64_t seed = rng.seed();
  uint32_t k0 = uint32_t(seed), k1 = uint32_t(seed >> 32);
  __m256i x0 = _mm256_set1_epi32(int(rng.run()));
  __m256i x1 = _mm256_set1_epi32(int(tick));
  __m256i x2 = _mm256_add_epi32(_mm256_set1_epi32(int(agent0)), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
  __m256i x3 = _mm256_set1_epi32(int(stream));
  const __m256i m0 = _mm256_set1_epi32(int(0xD2511F53u)), m1 = _mm256_set1_epi32(int(0xCD9E8D57u));
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {  // the key is bumped before every round but the first
      k0 += 0x9E3779B9u;
      k1 += 0xBB67AE85u;
    }
    __m256i hi0, lo0, hi1, lo1;
    mulhilo8(x0, m0, hi0, lo0);
    mulhilo8(x2, m1, hi1, lo1);
    const __m256i y0 = _mm256_xor_si256(_mm256_xor_si256(hi1, x1), _mm256_set1_epi32(int(k0)));
    const __m256i y2 = _mm256_xor_si256(_mm256_xor_si256(hi0, x3), _mm256_set1_epi32(int(k1)));
    x0 = y0;
    x1 = lo1;
    x2 = y2;
    x3 = lo0;
  }
  _mm256_store_si256(reinterpret_cast<__m256i*>(out.words[0]), x0);
  _mm256_store_si256(reinterpret_cast<__m256i*>(out.words[1]), x1);
  _mm256_store_si256(reinterpret_cast<__m256i*>(out.words[2]), x2);
  _mm256_store_si256(reinterpret_cast<__m256i*>(out.words[3]), x3);
}

inline bool cpu_has_avx2() {
  static const bool has = __builtin_cpu_supports("avx2");
  return has;
}
#endif

}  // namespace detail

// Fills `out` with the draw4 words of agents agent0 .. agent0 + 7 (agent ids wrap like uint32_t).
inline void draw4x8(const CounterRng& rng, uint32_t tick, uint32_t agent0, uint32_t stream, Draw8& out,
                    bool allow_simd = true) {
#ifdef GOVSIM_DRAW8_AVX2
  if (allow_simd && detail::cpu_has_avx2()) return detail::draw8_avx2(rng, tick, agent0, stream, out);
#endif
  (void)allow_simd;
  detail::draw8_scalar(rng, tick, agent0, stream, out);
}

}  // namespace govsim
