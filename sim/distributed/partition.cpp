#include "sim/distributed/partition.hpp"

#include <stdexcept>

#include "sim/core/errors.hpp"

namespace govsim {

RegionPartition partition_regions(const std::vector<uint32_t>& sizes, int ranks, int rank) {
  const uint32_t n = uint32_t(sizes.size());
  if (ranks < 1 || ranks >= (1 << 20) || rank < 0 || rank >= ranks) throw std::logic_error("partition_regions: bad rank");
  if (uint32_t(ranks) > n)
    throw UsageError("cannot split " + std::to_string(n) + " region(s) over " + std::to_string(ranks) +
                     " MPI ranks: every rank needs at least one region; start fewer ranks");
  RegionPartition p;
  p.rank = rank;
  p.ranks = ranks;
  p.region_offset.assign(1, 0);
  for (uint32_t s : sizes) p.region_offset.push_back(p.region_offset.back() + s);
  const uint64_t total = p.region_offset.back();
  p.first_region.assign(1, 0);
  for (int k = 1; k < ranks; ++k) {
    // Cut before region c, c in [previous cut + 1, n - (ranks - k)]: closest to k/K of the total,
    // compared exactly in integers (K * prefix vs k * total).
    const uint32_t lo = p.first_region.back() + 1, hi = n - uint32_t(ranks - k);
    // No overflow: total < 2^32 (a store holds at most 2^32 residents) and K < 2^20.
    uint32_t best = lo;
    uint64_t best_gap = UINT64_MAX;
    for (uint32_t c = lo; c <= hi; ++c) {
      const uint64_t a = p.region_offset[c] * uint64_t(ranks), b = total * uint64_t(k);
      const uint64_t gap = a > b ? a - b : b - a;
      if (gap < best_gap) best_gap = gap, best = c;
    }
    p.first_region.push_back(best);
  }
  p.first_region.push_back(n);
  return p;
}

std::string describe(const RegionPartition& p) {
  std::string s;
  for (int k = 0; k < p.ranks; ++k) {
    const uint32_t a = p.first_region[k], b = p.first_region[k + 1];
    s += "rank " + std::to_string(k) + ": regions " + std::to_string(a) + "-" + std::to_string(b - 1) + " (" +
         std::to_string(b - a) + " regions), " + std::to_string(p.residents_of_rank(k)) + " residents\n";
  }
  return s;
}

}  // namespace govsim
