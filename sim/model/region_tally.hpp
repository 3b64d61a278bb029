#pragma once
// Per-region counts of residents, exact and the same on every rank of a run split by region
// (docs/distributed_runs.md). Each rank counts the residents of its own regions in one parallel
// pass per region (integers: exact for any thread count), the rows are exchanged, and totals are
// sums over regions in region order: the same bytes for 1, 2 or K ranks and for any thread count.
#include <array>
#include <cstdint>
#include <vector>

#include <tbb/blocked_range.h>
#include <tbb/parallel_reduce.h>

#include "sim/distributed/region_exchange.hpp"
#include "sim/model/parallel.hpp"
#include "sim/model/world.hpp"

namespace govsim {

template <size_t F>
class RegionTally {
 public:
  using Row = std::array<int64_t, F>;

  // Counts for this rank's regions: add(i, row) adds resident i's contributions (local store id i)
  // to `row`; then every rank gets every region's row.
  template <class Add>
  void count(const World& w, Add&& add) {
    const uint32_t regions = w.num_regions();
    rows_.assign(size_t(regions) * F, 0);
    const std::vector<uint32_t>& off = w.layout().region_offset;  // local ids; other ranks' regions are empty
    for (uint32_t r = 0; r < regions; ++r) {
      const uint32_t b = off[r], n = off[r + 1] - off[r];
      if (n == 0) continue;
      const Row sum = tbb::parallel_reduce(
          tbb::blocked_range<uint32_t>(0, n, kAgentGrain), Row{},
          [&](const tbb::blocked_range<uint32_t>& rg, Row acc) {
            for (uint32_t k = rg.begin(); k < rg.end(); ++k) add(b + k, acc);
            return acc;
          },
          [](Row a, const Row& c) {
            for (size_t f = 0; f < F; ++f) a[f] += c[f];
            return a;
          });
      for (size_t f = 0; f < F; ++f) rows_[size_t(r) * F + f] = sum[f];
    }
    w.exchange().allgather(std::span<int64_t>(rows_), F);
  }

  size_t num_regions() const { return rows_.size() / F; }
  int64_t at(uint32_t region, size_t field) const { return rows_[size_t(region) * F + field]; }
  // Sum over regions, in region order.
  int64_t total(size_t field) const {
    int64_t s = 0;
    for (size_t r = 0; r < num_regions(); ++r) s += rows_[r * F + field];
    return s;
  }
  // out[r] = at(r, field) for every region.
  void column(size_t field, std::span<double> out) const {
    for (size_t r = 0; r < num_regions(); ++r) out[r] = double(rows_[r * F + field]);
  }

 private:
  std::vector<int64_t> rows_;
};

}  // namespace govsim
