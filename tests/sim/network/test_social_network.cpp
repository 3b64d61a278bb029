// The community social network: structure, layout, degree and clustering, determinism.
#include <tbb/global_control.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "sim/network/community_graph.hpp"

using namespace govsim;

namespace {

Network build(const CommunityGraphSpec& s, CommunityLayout& l, uint64_t seed = 7) {
  return build_community_graph(s, CounterRng(seed, 0), l);
}

}  // namespace

TEST_CASE("ties are symmetric, sorted, without self-loops or duplicates", "[network]") {
  CommunityGraphSpec s{50000, 2.6, 700, 4, 0.2, 2.0};
  CommunityLayout l;
  const Network net = build(s, l);
  for (uint32_t v = 0; v < net.num_vertices(); ++v) {
    const auto nv = net.neighbours(v);
    REQUIRE(std::is_sorted(nv.begin(), nv.end()));
    REQUIRE(std::adjacent_find(nv.begin(), nv.end()) == nv.end());
    for (uint32_t u : nv) {
      REQUIRE(u != v);
      const auto nu = net.neighbours(u);
      REQUIRE(std::binary_search(nu.begin(), nu.end(), v));
    }
  }
}

TEST_CASE("communities and households are consecutive id blocks, and households are cliques", "[network]") {
  CommunityGraphSpec s{100000, 2.6, 5000, 4, 0.1, 1.0};
  CommunityLayout l;
  const Network net = build(s, l);
  CHECK(l.num_communities == 20);
  std::vector<uint32_t> size(l.num_households, 0);
  for (uint32_t i = 0; i < s.num_agents; ++i) {
    REQUIRE(l.community[i] == i / 5000);
    if (i > 0) REQUIRE((l.household[i] == l.household[i - 1] || l.household[i] == l.household[i - 1] + 1));
    ++size[l.household[i]];
  }
  for (uint32_t h : size) REQUIRE((h >= 1 && h <= kMaxHousehold));
  // Mean size: 1 + Poisson(1.6) has s.d. 1.26; over ~38 000 households the standard error is
  // 0.0065, so 0.05 is a generous bound that still catches a wrong distribution.
  CHECK(std::abs(double(s.num_agents) / l.num_households - 2.6) < 0.05);
  for (uint32_t i = 0; i + 1 < s.num_agents; ++i)
    if (l.household[i] == l.household[i + 1]) {
      const auto n = net.neighbours(i);
      REQUIRE(std::binary_search(n.begin(), n.end(), i + 1));
    }
}

TEST_CASE("without long-range ties or rewiring, no tie leaves its community", "[network]") {
  CommunityGraphSpec s{20000, 3.0, 400, 6, 0.0, 0.0};
  CommunityLayout l;
  const Network net = build(s, l);
  for (uint32_t v = 0; v < net.num_vertices(); ++v)
    for (uint32_t u : net.neighbours(v)) REQUIRE(l.community[u] == l.community[v]);
}

TEST_CASE("a pure ring lattice has degree k and clustering 3(k-2)/(4(k-1))", "[network]") {
  CommunityGraphSpec s{10000, 1.0, 1000, 4, 0.0, 0.0};
  CommunityLayout l;
  const Network net = build(s, l);
  for (uint32_t v = 0; v < net.num_vertices(); ++v) REQUIRE(net.degree(v) == 4);
  const NetworkStats st = compute_network_stats(net, 100000);
  CHECK(st.mean_degree == 4.0);
  CHECK(st.clustering == Approx(0.5).epsilon(1e-12));
  CHECK(st.isolated == 0);
}

TEST_CASE("rewiring lowers clustering, but it stays far above a random graph's", "[network]") {
  double last = 1.0;
  for (double p : {0.0, 0.2, 0.8}) {
    CommunityGraphSpec s{50000, 1.0, 1000, 8, p, 0.0};
    CommunityLayout l;
    const NetworkStats st = compute_network_stats(build(s, l));
    CHECK(st.clustering < last);
    last = st.clustering;
  }
  // Default structure vs an Erdos-Renyi graph of the same mean degree (clustering ~ d / n).
  CommunityGraphSpec s{50000, 2.6, 1000, 4, 0.1, 1.0};
  CommunityLayout l;
  const NetworkStats st = compute_network_stats(build(s, l));
  CHECK(st.clustering > 100 * st.mean_degree / 50000);
  CHECK(st.mean_degree > 4.5);
  CHECK(st.mean_degree < 8.0);
  uint64_t total = 0;
  for (uint64_t c : st.degree_histogram) total += c;
  CHECK(total == 50000);
}

TEST_CASE("long-range ties add about lambda to the mean degree", "[network]") {
  CommunityGraphSpec s{100000, 1.0, 1000, 0, 0.0, 3.0};
  CommunityLayout l;
  const NetworkStats st = compute_network_stats(build(s, l));
  // Poisson(1.5) proposals per agent, symmetrised: mean 3, s.e. ~0.006; duplicates are rare.
  CHECK(st.mean_degree == Approx(3.0).margin(0.05));
}

TEST_CASE("the graph does not depend on the thread count, only on the seed", "[network]") {
  CommunityGraphSpec s{60000, 2.6, 800, 4, 0.1, 1.5};
  std::vector<Network> nets;
  for (int t : {1, 2, 4}) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, t);
    CommunityLayout l;
    nets.push_back(build(s, l));
  }
  for (size_t k = 1; k < nets.size(); ++k) {
    CHECK(nets[k].graph().m_forward.m_rowstart == nets[0].graph().m_forward.m_rowstart);
    CHECK(nets[k].graph().m_forward.m_column == nets[0].graph().m_forward.m_column);
  }
  CommunityLayout l;
  CHECK(build(s, l, 8).graph().m_forward.m_column != nets[0].graph().m_forward.m_column);
}

TEST_CASE("edge cases: one agent, oversized community, no lattice", "[network]") {
  CommunityLayout l;
  CHECK(build({1, 2.6, 1000, 4, 0.1, 1.0}, l).num_entries() == 0);
  const Network small = build({5, 1.0, 1000, 4, 0.0, 0.0}, l);
  CHECK(l.num_communities == 1);
  for (uint32_t v = 0; v < 5; ++v) CHECK(small.degree(v) == 4);  // community of 5 <= k: a clique
  const Network none = build({1000, 1.0, 100, 0, 0.0, 0.0}, l);
  CHECK(none.num_entries() == 0);
  CHECK(compute_network_stats(none).isolated == 1000);
}
