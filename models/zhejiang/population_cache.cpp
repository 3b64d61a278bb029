#include "models/zhejiang/population_cache.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <utility>

namespace govsim::zhejiang {
namespace {

constexpr size_t kKept = 2;  // populations kept (about 1 GB each at full scale)

struct Cache {
  std::mutex mutex;
  std::vector<std::pair<std::string, std::shared_ptr<const BuiltResidents>>>
      entries;  // most recent last
  std::atomic<uint64_t> hits{0};
};

Cache& cache() {
  static Cache c;
  return c;
}

}  // namespace

std::shared_ptr<const BuiltResidents> find_population(const PopulationKey& key) {
  Cache& c = cache();
  std::lock_guard lock(c.mutex);
  auto it = std::find_if(c.entries.begin(), c.entries.end(),
                         [&](const auto& e) { return e.first == key.bytes(); });
  if (it == c.entries.end()) return nullptr;
  std::rotate(it, it + 1, c.entries.end());  // now the most recent
  ++c.hits;
  return c.entries.back().second;
}

void keep_population(const PopulationKey& key, std::shared_ptr<const BuiltResidents> built) {
  Cache& c = cache();
  std::lock_guard lock(c.mutex);
  // Two workers that missed together both build; the second copy is identical and replaces the
  // first.
  std::erase_if(c.entries, [&](const auto& e) { return e.first == key.bytes(); });
  if (c.entries.size() >= kKept) c.entries.erase(c.entries.begin());
  c.entries.emplace_back(key.bytes(), std::move(built));
}

void clear_population_cache() {
  Cache& c = cache();
  std::lock_guard lock(c.mutex);
  c.entries.clear();
  c.hits = 0;
}

uint64_t population_cache_hits() { return cache().hits.load(); }

}  // namespace govsim::zhejiang
