#pragma once
// Everything a model's rules read and write: parameters, calendar, random numbers, agent stores,
// networks and regions. The engine builds what the model declares (ModelInfo::world) from a
// resolved scenario; models and components add columns and series.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/calendar/calendar.hpp"
#include "sim/distributed/partition.hpp"
#include "sim/distributed/region_exchange.hpp"
#include "sim/network/community_graph.hpp"
#include "sim/params/param_set.hpp"
#include "sim/regions/region_table.hpp"
#include "sim/rng/counter_rng.hpp"
#include "sim/store/agent_store.hpp"

namespace govsim {

class World {
 public:
  World(const ParamSet& params, Calendar calendar, CounterRng rng)
      : params_(&params), calendar_(std::move(calendar)), rng_(rng) {}
  World(const World&) = delete;  // exchange_ points at partition_
  World& operator=(const World&) = delete;

  const ParamSet& params() const { return *params_; }
  const Calendar& calendar() const { return calendar_; }
  const CounterRng& rng() const { return rng_; }
  // A dated event that sets run.seed re-keys the draws of the days that follow (the engine).
  void set_rng(CounterRng rng) { rng_ = rng; }

  AgentStore& add_store(const std::string& kind, uint32_t count);
  AgentStore& store(const std::string& kind);
  const AgentStore& store(const std::string& kind) const;
  bool has_store(const std::string& kind) const { return stores_.count(kind) != 0; }
  const std::map<std::string, std::unique_ptr<AgentStore>>& stores() const { return stores_; }

  Network& add_network(const std::string& name, Network net);
  const Network& network(const std::string& name) const;
  const std::map<std::string, Network>& networks() const { return networks_; }

  // The region table, or nullptr when the scenario has none. Residents of region r are the ids
  // [layout().region_offset[r], layout().region_offset[r + 1]) in either case (one region then).
  const RegionTable* regions() const { return regions_.get(); }
  void set_regions(std::shared_ptr<const RegionTable> t) { regions_ = std::move(t); }
  uint32_t num_regions() const { return layout_.num_regions(); }

  // A run split over MPI ranks by region (docs/distributed_runs.md): the regions this rank owns.
  // Its residents store holds only their residents, as local ids 0..n-1; layout().region_offset
  // is in local ids too (other ranks' regions are empty there). Resident i's global id, the one it
  // has in a one-process run and the one every random draw must be keyed by, is resident_base() + i.
  // One rank (every ordinary run): owns every region, resident_base() = 0.
  const RegionPartition& partition() const { return partition_; }
  void set_partition(RegionPartition p) { partition_ = std::move(p); }
  uint32_t resident_base() const { return uint32_t(partition_.resident_base()); }
  // Per-region tables shared by all ranks (a no-op with one rank).
  const RegionExchange& exchange() const { return exchange_; }

  // Household and community of each resident (from the social network's layout).
  CommunityLayout& layout() { return layout_; }
  const CommunityLayout& layout() const { return layout_; }

  void swap_buffers() {
    for (auto& [k, s] : stores_) s->swap_buffers();
  }
  // Bytes held by agent stores, networks and layout: the engine's own per-run state.
  size_t state_bytes() const;

 private:
  const ParamSet* params_;
  Calendar calendar_;
  CounterRng rng_;
  std::map<std::string, std::unique_ptr<AgentStore>> stores_;
  std::map<std::string, Network> networks_;
  CommunityLayout layout_;
  std::shared_ptr<const RegionTable> regions_;
  RegionPartition partition_;
  RegionExchange exchange_{partition_};
};

}  // namespace govsim
