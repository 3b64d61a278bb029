#include "sim/batch/seeds.hpp"

#include "sim/rng/counter_rng.hpp"

namespace govsim::batch {

const char* to_string(SeedMode m) { return m == SeedMode::PerRun ? "per_run" : "common"; }

uint64_t run_seed(uint64_t batch_seed, SeedMode mode, uint64_t index, uint64_t replicate) {
  return derive_seed(batch_seed, mode == SeedMode::PerRun ? index : replicate) & kMaxSeed;
}

}  // namespace govsim::batch
