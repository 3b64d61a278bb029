#pragma once
// Series recorded per region: a [days x regions] dataset whose `groups` attribute holds the region
// codes and `group_names` the names. Without a region table there is one region, "all".
#include <cstdint>
#include <string>
#include <vector>

#include "sim/model/parallel.hpp"
#include "sim/model/world.hpp"
#include "sim/metrics/metric_registry.hpp"

namespace govsim {

// `spec` with group_by = "region" and one column per region.
inline SeriesSpec per_region(SeriesSpec spec, const World& w) {
  spec.group_by = "region";
  if (const RegionTable* t = w.regions()) {
    spec.groups = t->codes();
    spec.group_names = t->names();
  } else {
    spec.groups = {"all"};
    spec.group_names = {"all residents"};
  }
  if (spec.name.size() < 10 || spec.name.compare(spec.name.size() - 10, 10, "_by_region") != 0)
    spec.name += "_by_region";
  return spec;
}

// out[r] = #{ residents i of region r : pred(i) }; exact, thread-independent.
template <class P>
void count_by_region(const World& w, std::span<double> out, P&& pred) {
  const std::vector<uint32_t>& off = w.layout().region_offset;
  for (size_t r = 0; r + 1 < off.size(); ++r) {
    const uint32_t b = off[r], n = off[r + 1] - off[r];
    out[r] = double(parallel_count(n, [&](uint32_t k) { return pred(b + k); }));
  }
}

}  // namespace govsim
