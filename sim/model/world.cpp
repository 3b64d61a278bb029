#include "sim/model/world.hpp"

#include <stdexcept>

namespace govsim {

AgentStore& World::add_store(const std::string& kind, uint32_t count) {
  auto [it, inserted] = stores_.emplace(kind, std::make_unique<AgentStore>(kind, count));
  if (!inserted) throw std::logic_error("agent store '" + kind + "' created twice");
  return *it->second;
}

AgentStore& World::store(const std::string& kind) {
  auto it = stores_.find(kind);
  if (it == stores_.end()) throw std::logic_error("no agent store '" + kind + "'");
  return *it->second;
}

const AgentStore& World::store(const std::string& kind) const {
  auto it = stores_.find(kind);
  if (it == stores_.end()) throw std::logic_error("no agent store '" + kind + "'");
  return *it->second;
}

Network& World::add_network(const std::string& name, Network net) {
  auto [it, inserted] = networks_.emplace(name, std::move(net));
  if (!inserted) throw std::logic_error("network '" + name + "' created twice");
  return it->second;
}

const Network& World::network(const std::string& name) const {
  auto it = networks_.find(name);
  if (it == networks_.end()) throw std::logic_error("no network '" + name + "'");
  return it->second;
}

size_t World::state_bytes() const {
  size_t b = 0;
  for (const auto& [k, s] : stores_) b += s->bytes();
  for (const auto& [k, n] : networks_) b += n.bytes();
  b += (layout_.household.capacity() + layout_.community.capacity()) * sizeof(uint32_t);
  return b;
}

}  // namespace govsim
