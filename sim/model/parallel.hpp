#pragma once
// Parallel loops over agents whose results never depend on the thread count.
//
// Writes are per agent (double-buffered state), so any schedule gives the same state. Sums are
// the only hazard: floating-point addition is not associative, so `deterministic_sum` cuts the
// index range into fixed blocks (independent of threads), sums each block in index order in
// parallel, then adds the block sums in block order. Integer counts are exact in any order.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>

#include <cstdint>
#include <vector>

namespace govsim {

inline constexpr uint32_t kAgentGrain = 4096;  // agents per task: amortises scheduling

// f(i) for every i in [0, n), in parallel.
template <class F>
void parallel_for_agents(uint32_t n, F&& f) {
  tbb::parallel_for(tbb::blocked_range<uint32_t>(0, n, kAgentGrain),
                    [&](const tbb::blocked_range<uint32_t>& r) {
                      for (uint32_t i = r.begin(); i < r.end(); ++i) f(i);
                    });
}

// f(begin, end) for fixed-size blocks covering [0, n), in parallel; for loops that want to keep
// per-block temporaries on the stack.
template <class F>
void parallel_for_blocks(uint32_t n, F&& f) {
  tbb::parallel_for(tbb::blocked_range<uint32_t>(0, n, kAgentGrain),
                    [&](const tbb::blocked_range<uint32_t>& r) { f(r.begin(), r.end()); });
}

// Number of i in [0, n) with pred(i); exact, so any reduction order is fine.
template <class P>
uint64_t parallel_count(uint32_t n, P&& pred) {
  return tbb::parallel_reduce(
      tbb::blocked_range<uint32_t>(0, n, kAgentGrain), uint64_t{0},
      [&](const tbb::blocked_range<uint32_t>& r, uint64_t acc) {
        for (uint32_t i = r.begin(); i < r.end(); ++i) acc += pred(i) ? 1 : 0;
        return acc;
      },
      [](uint64_t a, uint64_t b) { return a + b; });
}

// Sum of value(i) over [0, n), bit-identical for any thread count.
template <class V>
double deterministic_sum(uint32_t n, V&& value) {
  constexpr uint32_t kBlock = 8192;
  const uint32_t blocks = (n + kBlock - 1) / kBlock;
  std::vector<double> partial(blocks, 0.0);
  tbb::parallel_for(uint32_t{0}, blocks, [&](uint32_t b) {
    const uint32_t end = std::min<uint64_t>(uint64_t(b + 1) * kBlock, n);
    double acc = 0.0;
    for (uint32_t i = b * kBlock; i < end; ++i) acc += value(i);
    partial[b] = acc;
  });
  double total = 0.0;
  for (double p : partial) total += p;
  return total;
}

// Counts per group: out[g] = #{i : group(i) == g and pred(i)}; exact.
template <class G, class P>
std::vector<uint64_t> parallel_group_count(uint32_t n, size_t num_groups, G&& group, P&& pred) {
  using Acc = std::vector<uint64_t>;
  return tbb::parallel_reduce(
      tbb::blocked_range<uint32_t>(0, n, kAgentGrain), Acc(num_groups, 0),
      [&](const tbb::blocked_range<uint32_t>& r, Acc acc) {
        for (uint32_t i = r.begin(); i < r.end(); ++i)
          if (pred(i)) ++acc[group(i)];
        return acc;
      },
      [](Acc a, const Acc& b) {
        for (size_t g = 0; g < a.size(); ++g) a[g] += b[g];
        return a;
      });
}

}  // namespace govsim
