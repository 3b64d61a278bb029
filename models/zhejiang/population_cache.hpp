#pragma once
// Reuse of a built population across the runs of one process. With zhejiang.population_seed set,
// the residents' places (households, workplaces, Hubei links, away workers) and the firms' ranks
// depend only on that seed and the inputs the build reads, not on the run: a calibration's or a
// sweep's workers then build the population once and copy it for every later run (at full scale
// the build is most of a run's set-up). The key is every input of the build, byte for byte, so a
// copy is exactly what a fresh build would give. A population is kept only when more runs follow
// in this process (sim/model/more_runs.hpp: inside a batch), never for a single run;
// tests/models/zhejiang/test_zhejiang_population_cache.cpp checks that on the bytes of whole runs.
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

namespace govsim::zhejiang {

// What the expensive part of the build produces (population.cpp, `build_residents`).
struct BuiltResidents {
  std::vector<uint32_t> household, firm;
  std::vector<uint16_t> arrival;
  std::vector<uint8_t> county, flags;
  uint32_t num_households = 0;
  std::vector<uint32_t> worker_begin, workers;
  std::vector<float> firm_rank;
};

// A cache key: the raw bytes of every value appended (trivially copyable values only).
class PopulationKey {
 public:
  template <class T>
  PopulationKey& add(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    const size_t at = bytes_.size();
    bytes_.resize(at + sizeof(T));
    std::memcpy(bytes_.data() + at, &v, sizeof(T));
    return *this;
  }
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

// The process's cache: the two most recently built populations (two scenarios alternating, e.g. a
// sweep over a population input, still hit). Safe to call from several worker threads.
std::shared_ptr<const BuiltResidents> find_population(const PopulationKey& key);
void keep_population(const PopulationKey& key, std::shared_ptr<const BuiltResidents> built);
// For tests: forget every population and count hits from zero.
void clear_population_cache();
uint64_t population_cache_hits();

}  // namespace govsim::zhejiang
