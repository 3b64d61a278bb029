#pragma once
// Seed derivation for a batch of runs: every run's run.seed comes from the batch seed and the
// run's index (or its replicate), so a run's result does not depend on which thread, rank or
// execution ran it.
#include <cstdint>

namespace govsim::batch {

enum class SeedMode { PerRun, Common };
const char* to_string(SeedMode m);

// per_run: derive_seed(batch seed, run index); common: derive_seed(batch seed, replicate);
// masked to 53 bits, the range of run.seed.
uint64_t run_seed(uint64_t batch_seed, SeedMode mode, uint64_t index, uint64_t replicate);

// Largest value a seed may take: run.seed is declared up to 2^53 - 1 (exact in a double).
inline constexpr uint64_t kMaxSeed = (uint64_t(1) << 53) - 1;

}  // namespace govsim::batch
