#include "sim/network/community_graph.hpp"

#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace govsim {
namespace {

enum Layer : uint32_t { kHouseholds = 0, kLattice = 1, kLongRange = 2 };

// A sequence of uniforms for one agent in one layer: each Philox call yields two doubles.
class Uniforms {
 public:
  Uniforms(const CounterRng& rng, uint32_t layer, uint32_t agent)
      : rng_(rng), tick_(kNetworkSetupTick + layer), agent_(agent) {}
  double next() {
    if (k_ == 2) {
      buf_ = rng_.uniform2(tick_, agent_, stream_++);
      k_ = 0;
    }
    return buf_[k_++];
  }
  uint32_t below(uint32_t n) { return std::min<uint32_t>(n - 1, uint32_t(next() * n)); }
  uint32_t poisson(double mean) { return mean > 0 ? CounterRng::poisson_inversion(mean, next()) : 0; }

 private:
  const CounterRng& rng_;
  uint32_t tick_, agent_, stream_ = 0;
  std::array<double, 2> buf_{};
  int k_ = 2;
};

inline uint64_t key(uint32_t a, uint32_t b) { return (uint64_t(a) << 32) | b; }

}  // namespace

Network build_community_graph(const CommunityGraphSpec& spec, const CounterRng& rng,
                              CommunityLayout& layout) {
  const uint32_t n = spec.num_agents;
  const uint32_t csize = std::max<uint32_t>(1, std::min(spec.community_size, std::max<uint32_t>(n, 1)));
  const uint32_t half_k = spec.neighbour_ties / 2;
  // Regions (one without a table) and the communities inside each: consecutive id blocks.
  const std::vector<uint32_t> sizes = spec.region_sizes.empty() ? std::vector<uint32_t>{n} : spec.region_sizes;
  layout.region_offset.assign(1, 0);
  layout.community_offset.assign(1, 0);
  std::vector<uint32_t> comm_base, comm_region;  // first agent and region of each community
  for (uint32_t r = 0; r < sizes.size(); ++r) {
    const uint32_t begin = layout.region_offset.back(), end = begin + sizes[r];
    for (uint32_t b = begin; b < end; b += csize) {
      comm_base.push_back(b);
      comm_region.push_back(r);
    }
    layout.region_offset.push_back(end);
    layout.community_offset.push_back(uint32_t(comm_base.size()));
  }
  if (layout.region_offset.back() != n) throw std::logic_error("region sizes do not add up to num_agents");
  const uint32_t ncomm = uint32_t(comm_base.size());
  comm_base.push_back(n);
  layout.community.assign(n, 0);
  layout.household.assign(n, 0);
  layout.num_communities = ncomm;
  const bool regional = !spec.region_sizes.empty();
  // Cumulative link weights per region, for choosing the destination of a travelling tie.
  std::vector<std::vector<double>> link_cdf(sizes.size());
  if (regional)
    for (uint32_t r = 0; r < sizes.size() && r < spec.region_links.size(); ++r) {
      double acc = 0;
      for (const auto& [to, w] : spec.region_links[r]) link_cdf[r].push_back(acc += sizes[to] > 0 ? w : 0.0);
    }
  auto long_range_partner = [&](uint32_t region, Uniforms& u) -> uint32_t {
    if (!regional) return u.below(n);
    uint32_t r = region;
    const std::vector<double>& cdf = link_cdf[r];
    if (!cdf.empty() && cdf.back() > 0 && u.next() < spec.travel_share) {
      const double x = u.next() * cdf.back();
      const size_t k = std::min<size_t>(cdf.size() - 1, std::upper_bound(cdf.begin(), cdf.end(), x) - cdf.begin());
      r = spec.region_links[region][k].first;
    }
    return layout.region_offset[r] + u.below(sizes[r]);
  };

  // Households are drawn community by community (sequentially inside one, in parallel across),
  // then numbered globally in id order.
  std::vector<uint32_t> hh_count(ncomm, 0);
  std::vector<std::vector<uint64_t>> edges(ncomm);
  tbb::parallel_for(uint32_t{0}, ncomm, [&](uint32_t c) {
    const uint32_t base = comm_base[c];
    const uint32_t end = std::min(comm_base[c + 1], layout.region_offset[comm_region[c] + 1]);
    const uint32_t size = end - base;
    std::vector<uint64_t>& e = edges[c];
    auto tie = [&](uint32_t a, uint32_t b) {
      if (a == b) return;
      e.push_back(key(a, b));
      e.push_back(key(b, a));
    };
    uint32_t h = 0;
    for (uint32_t i = base; i < end;) {
      Uniforms u(rng, kHouseholds, i);
      const uint32_t hs = std::min({1 + u.poisson(spec.household_mean_size - 1.0), kMaxHousehold, end - i});
      for (uint32_t a = i; a < i + hs; ++a) {
        layout.community[a] = c;
        layout.household[a] = h;  // local index for now
        for (uint32_t b = a + 1; b < i + hs; ++b) tie(a, b);
      }
      i += hs;
      ++h;
    }
    hh_count[c] = h;
    for (uint32_t i = base; i < end; ++i) {
      Uniforms u(rng, kLattice, i);
      if (size <= 2 * half_k) {  // too small for a lattice: everyone knows everyone
        for (uint32_t b = i + 1; b < end && half_k > 0; ++b) tie(i, b);
      } else {
        for (uint32_t j = 1; j <= half_k; ++j) {
          uint32_t t = base + (i - base + j) % size;
          if (u.next() < spec.neighbour_rewire) t = base + u.below(size);
          tie(i, t);
        }
      }
      Uniforms lr(rng, kLongRange, i);
      const uint32_t m = lr.poisson(spec.long_range_ties / 2.0);
      for (uint32_t j = 0; j < m; ++j) tie(i, long_range_partner(comm_region[c], lr));
    }
  });
  // Global household ids.
  std::vector<uint32_t> hh_offset(ncomm + 1, 0);
  for (uint32_t c = 0; c < ncomm; ++c) hh_offset[c + 1] = hh_offset[c] + hh_count[c];
  layout.num_households = hh_offset[ncomm];
  tbb::parallel_for(uint32_t{0}, n, [&](uint32_t a) { layout.household[a] += hh_offset[layout.community[a]]; });

  // Concatenate in community order, sort, de-duplicate: the result is independent of threads.
  size_t total = 0;
  for (const auto& e : edges) total += e.size();
  std::vector<uint64_t> all;
  all.reserve(total);
  for (auto& e : edges) {
    all.insert(all.end(), e.begin(), e.end());
    std::vector<uint64_t>().swap(e);
  }
  tbb::parallel_sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());

  Network::Graph g;
  auto& rowstart = g.m_forward.m_rowstart;
  auto& column = g.m_forward.m_column;
  rowstart.assign(size_t(n) + 1, 0);
  column.resize(all.size());
  for (size_t k = 0; k < all.size(); ++k) {
    ++rowstart[(all[k] >> 32) + 1];
    column[k] = uint32_t(all[k]);
  }
  for (uint32_t v = 0; v < n; ++v) rowstart[v + 1] += rowstart[v];
  return Network(std::move(g));
}

NetworkStats compute_network_stats(const Network& net, uint32_t clustering_sample) {
  NetworkStats s;
  const uint32_t n = net.num_vertices();
  if (n == 0) return s;
  for (uint32_t v = 0; v < n; ++v) {
    const uint32_t d = net.degree(v);
    s.max_degree = std::max(s.max_degree, d);
    if (d == 0) ++s.isolated;
    if (s.degree_histogram.size() <= d) s.degree_histogram.resize(d + 1, 0);
    ++s.degree_histogram[d];
  }
  s.mean_degree = double(net.num_entries()) / n;
  const uint32_t m = std::min(n, std::max<uint32_t>(1, clustering_sample));
  std::vector<double> local(m, 0.0);
  tbb::parallel_for(uint32_t{0}, m, [&](uint32_t k) {
    const uint32_t v = uint32_t(uint64_t(k) * n / m);
    const auto nv = net.neighbours(v);
    if (nv.size() < 2) return;
    uint64_t links = 0;
    for (uint32_t u : nv) {
      const auto nu = net.neighbours(u);
      auto a = nv.begin(), b = nu.begin();
      while (a != nv.end() && b != nu.end()) {
        if (*a < *b) ++a;
        else if (*b < *a) ++b;
        else { ++links; ++a; ++b; }
      }
    }
    local[k] = double(links) / (double(nv.size()) * (nv.size() - 1));
  });
  double acc = 0;
  for (double c : local) acc += c;  // fixed order
  s.clustering = acc / m;
  return s;
}

}  // namespace govsim
