#pragma once
// Everything a model's rules read and write: parameters, calendar, random numbers, agent stores
// and networks. The engine builds it from a resolved scenario; models add columns and series.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/calendar/calendar.hpp"
#include "sim/network/community_graph.hpp"
#include "sim/params/param_set.hpp"
#include "sim/rng/counter_rng.hpp"
#include "sim/store/agent_store.hpp"

namespace govsim {

// The agent kinds every scenario sizes under [population]. The engine only allocates their
// stores; what an agent of each kind does is up to the models.
inline constexpr const char* kAgentKinds[] = {"residents", "officials", "firms", "platforms"};

class World {
 public:
  World(const ParamSet& params, Calendar calendar, CounterRng rng)
      : params_(&params), calendar_(std::move(calendar)), rng_(rng) {}

  const ParamSet& params() const { return *params_; }
  const Calendar& calendar() const { return calendar_; }
  const CounterRng& rng() const { return rng_; }

  AgentStore& add_store(const std::string& kind, uint32_t count);
  AgentStore& store(const std::string& kind);
  const AgentStore& store(const std::string& kind) const;
  bool has_store(const std::string& kind) const { return stores_.count(kind) != 0; }
  const std::map<std::string, std::unique_ptr<AgentStore>>& stores() const { return stores_; }

  Network& add_network(const std::string& name, Network net);
  const Network& network(const std::string& name) const;
  const std::map<std::string, Network>& networks() const { return networks_; }

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
};

}  // namespace govsim
