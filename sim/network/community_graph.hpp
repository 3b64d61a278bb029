#pragma once
// The resident social network: households, neighbourhood (grid community) ties and long-range ties.
//
// Layout: agents are numbered community by community and, inside a community, household by
// household, so that most of an agent's neighbours have nearby ids (cache-friendly stepping).
// - households: consecutive ids; sizes 1 + Poisson(mean - 1), capped at kMaxHousehold; every
//   pair inside a household is tied (a clique).
// - neighbourhood: a ring lattice inside each community (each agent tied to k/2 successors and
//   k/2 predecessors by id, wrapping inside the community), each lattice tie rewired with
//   probability `neighbour_rewire` to a uniformly chosen member of the same community
//   (Watts-Strogatz within the community: high clustering, short paths).
// - long-range: each agent draws Poisson(long_range_ties / 2) partners uniformly over all agents,
//   giving a mean of `long_range_ties` long-range ties per agent after symmetrisation.
// - regions (optional): agents are numbered region by region; communities never cross a region.
//   A long-range partner is then drawn uniformly inside the agent's own region, except that with
//   probability `travel_share` it is drawn in a linked region (chosen in proportion to the link
//   weights of the region graph), uniformly inside that region.
// Duplicates and self-ties are removed. Generation uses the counter RNG on a reserved tick, so
// the graph depends only on (seed, run, spec), never on thread count.
#include <cstdint>
#include <vector>

#include "sim/network/network.hpp"
#include "sim/rng/counter_rng.hpp"

namespace govsim {

inline constexpr uint32_t kMaxHousehold = 8;
inline constexpr uint32_t kNetworkSetupTick = 0xFFFFFFF0u;  // reserved tick for graph draws

struct CommunityGraphSpec {
  uint32_t num_agents = 0;
  double household_mean_size = 2.6;  // persons per household (>= 1)
  uint32_t community_size = 1000;    // agents per grid community (last one may be smaller)
  uint32_t neighbour_ties = 4;       // k, ring-lattice ties per agent inside its community (even)
  double neighbour_rewire = 0.1;     // probability a lattice tie is rewired inside the community
  double long_range_ties = 1.0;      // mean long-range ties per agent
  // Regions: agents per region, in id order (empty: one region of num_agents), and the region
  // graph as (neighbour, weight) lists per region.
  std::vector<uint32_t> region_sizes;
  std::vector<std::vector<std::pair<uint32_t, double>>> region_links;
  double travel_share = 0.0;         // share of long-range ties that go to a linked region
};

// Group membership produced alongside the graph (ids are dense, 0-based).
struct CommunityLayout {
  std::vector<uint32_t> household;  // per agent
  std::vector<uint32_t> community;  // per agent
  uint32_t num_households = 0;
  uint32_t num_communities = 0;
  // Agents of region r are ids [region_offset[r], region_offset[r + 1]); one region without a
  // region table. Communities of region r are [community_offset[r], community_offset[r + 1]).
  std::vector<uint32_t> region_offset;
  std::vector<uint32_t> community_offset;
  uint32_t num_regions() const { return region_offset.empty() ? 0 : uint32_t(region_offset.size() - 1); }
};

Network build_community_graph(const CommunityGraphSpec& spec, const CounterRng& rng,
                              CommunityLayout& layout);

struct NetworkStats {
  double mean_degree = 0;
  uint32_t max_degree = 0;
  uint32_t isolated = 0;                    // vertices of degree 0
  double clustering = 0;                    // mean local clustering coefficient
  std::vector<uint64_t> degree_histogram;   // count of vertices by degree (index = degree)
};

// Exact degree statistics; clustering averaged over `clustering_sample` vertices chosen evenly
// by id (all vertices when the graph is smaller), so it is cheap on 10^6 agents.
NetworkStats compute_network_stats(const Network& net, uint32_t clustering_sample = 20000);

}  // namespace govsim
