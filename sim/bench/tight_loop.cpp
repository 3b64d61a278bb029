#include "sim/bench/tight_loop.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <chrono>
#include <vector>

namespace govsim {

double run_tight_reference_loop(const Network& net, const uint8_t* age, const CounterRng& rng, const TightRule& rule,
                                int32_t days, int32_t mid_begin, int32_t mid_end, uint64_t& checksum) {
  const uint32_t n = net.num_vertices();
  std::vector<float> a(n, rule.initial), b(n, rule.initial);
  float* cur = a.data();
  float* next = b.data();
  const uint32_t* rowstart = net.graph().m_forward.m_rowstart.data();
  const uint32_t* column = net.graph().m_forward.m_column.data();
  checksum = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (int32_t d = 0; d < days; ++d) {
    const float pull = rule.base + rule.crisis * (d >= mid_begin && d < mid_end ? 1.0f : 0.0f);
    checksum += tbb::parallel_reduce(
        tbb::blocked_range<uint32_t>(0, n, 4096), uint64_t{0},
        [&](const tbb::blocked_range<uint32_t>& r, uint64_t acc) {
          for (uint32_t i = r.begin(); i < r.end(); ++i) {
            float sum = 0.0f;
            const uint32_t e = rowstart[i + 1];
            for (uint32_t k = rowstart[i]; k < e; ++k) sum += cur[column[k]];
            const uint32_t deg = e - rowstart[i];
            const float mean = deg ? sum / float(deg) : 0.0f;
            const float target = std::clamp(pull + rule.social * mean, 0.0f, 1.0f);
            const float x = cur[i] + rule.adapt * (target - cur[i]);
            next[i] = x;
            const float u = CounterRng::to_unit_float(rng.draw4(uint32_t(d), i, 1)[0]);
            acc += u < x * rule.activity[age[i]] ? 1 : 0;
          }
          return acc;
        },
        [](uint64_t x, uint64_t y) { return x + y; });
    std::swap(cur, next);
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace govsim
