// The firms' day (docs/zhejiang_model.md, "Enterprise resumption"). Through the holiday only
// essential firms operate. Once resumption is allowed a closed firm applies when its county's
// colour permits it (key firms, the county's largest, first: `firm_priority`); an application is approved at the
// offline rate plus the platform's online, rule-based rate; an approved firm opens on a day its
// workers are present (not away, quarantined or isolated) and it secures its inputs. Inputs come
// from the industry and transport firms of its own county, its bordering counties and the
// province (the inter-county supply network); platform matching closes part of any shortfall. A
// firm whose county's colour withdraws the permission closes.
#include <tbb/parallel_for.h>

#include <algorithm>

#include "models/zhejiang/world_state.hpp"

namespace govsim::zhejiang {
namespace {

constexpr int kTransport = 4;

}  // namespace

void firms_day(World& w, ZjWorld& z, uint32_t tick) {
  const ZhejiangParams& p = z.p;
  const size_t nc = z.counties.size();
  // Open shares of the supplying sectors by county and in the province (before today's changes).
  std::vector<double> open_share(nc * kNumSectors, 0.0);
  std::array<uint64_t, kNumSectors> prov_open{}, prov_all{};
  for (size_t c = 0; c < nc; ++c)
    for (int s = 0; s < kNumSectors; ++s) {
      const uint32_t b = z.counties[c].firm_offset[s], e = z.counties[c].firm_offset[s + 1];
      uint64_t open = 0;
      for (uint32_t f = b; f < e; ++f) open += z.firm_state[f] == kOpen;
      open_share[c * kNumSectors + s] = e > b ? double(open) / (e - b) : 1.0;
      prov_open[s] += open;
      prov_all[s] += e - b;
    }
  std::vector<double> supply(nc, 1.0);
  const double rest = 1.0 - p.supply_own - p.supply_neighbours;
  for (size_t c = 0; c < nc; ++c) {
    double acc = 0;
    for (int s : {kIndustry, kTransport}) {
      double nb = 0, wsum = 0;
      for (const auto& [k, wt] : z.neighbours[c]) {
        nb += wt * open_share[k * kNumSectors + s];
        wsum += wt;
      }
      const double prov = prov_all[s] ? double(prov_open[s]) / prov_all[s] : 1.0;
      const double own = open_share[c * kNumSectors + s];
      acc += p.supply_own * own + p.supply_neighbours * (wsum > 0 ? nb / wsum : own) + rest * prov;
    }
    const double raw = acc / 2.0;
    supply[c] = raw + p.platform.level() * p.supply_matching * (1.0 - raw);
  }
  const double approve = std::min(1.0, p.approval_base + p.platform.level() * p.approval_platform);
  const CounterRng& rng = w.rng();
  tbb::parallel_for(uint32_t{0}, z.num_firms, [&](uint32_t f) {
    uint8_t st = z.firm_state[f];
    const uint32_t c = z.firm_county[f];
    const bool essential = z.firm_rank[f] < p.essential_share;
    if (p.holiday && !p.resumption_allowed) {
      z.firm_state[f] = essential ? kOpen : kClosed;
      return;
    }
    if (!p.resumption_allowed) return;
    const bool permitted = essential || z.firm_priority[f] < z.county_permission[c];
    if (!permitted) {
      z.firm_state[f] = kClosed;
      return;
    }
    // The day's two uniforms are made only for the states that read them (keyed by (tick, f): the
    // same values whenever they are made, so results are unchanged; most firms are open).
    switch (st) {
      case kClosed: st = kApplied; break;
      case kApplied:
        if (rng.uniform2(tick, f, kFirmDaily)[0] < approve) st = kApproved;
        break;
      case kApproved: {
        const uint32_t size = z.worker_begin[f + 1] - z.worker_begin[f];
        const bool staffed = z.firm_present[f] >= p.min_workers_present * size;
        const bool inputs =
            p.min_supply <= 0 || rng.uniform2(tick, f, kFirmDaily)[1] < std::min(1.0, supply[c] / p.min_supply);
        if (staffed && inputs) st = kOpen;
        break;
      }
      default: break;
    }
    z.firm_state[f] = st;
  });
}

}  // namespace govsim::zhejiang
