#include "models/zhejiang/firm_sizes.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "models/zhejiang/world_state.hpp"

namespace govsim::zhejiang {

uint32_t firm_index(uint32_t n, double u, bool zipf) {
  if (!zipf) return std::min(n - 1, uint32_t(u * n));
  const double k = std::floor(std::pow(double(n) + 1.0, u)) - 1.0;
  return uint32_t(std::clamp(k, 0.0, double(n - 1)));
}

void rank_firms(ZjWorld& z) {
  z.firm_priority.assign(z.num_firms, 0.0f);
  z.firm_designated.assign(z.num_firms, 0);
  tbb::parallel_for(size_t{0}, z.counties.size(), [&z](size_t c) {
    const County& k = z.counties[c];
    const uint32_t b = k.firm_offset[0], e = k.firm_offset[kNumSectors];
    auto size = [&z](uint32_t f) { return z.worker_begin[f + 1] - z.worker_begin[f]; };
    std::vector<uint32_t> order(e - b);
    for (uint32_t f = b; f < e; ++f) order[f - b] = f;
    std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
      const uint32_t sx = size(x), sy = size(y);
      if (sx != sy) return sx > sy;
      return z.firm_rank[x] != z.firm_rank[y] ? z.firm_rank[x] < z.firm_rank[y] : x < y;
    });
    const double total = double(z.worker_begin[e] - z.worker_begin[b]);
    double before = 0;
    for (uint32_t f : order) {
      z.firm_priority[f] = total > 0 ? float(before / total) : 0.0f;
      before += size(f);
    }
  });
  for (uint32_t f = 0; f < z.num_firms; ++f)
    z.firm_designated[f] =
        z.firm_sector[f] == kIndustry && double(z.worker_begin[f + 1] - z.worker_begin[f]) >= z.p.designated_size;
}

}  // namespace govsim::zhejiang
