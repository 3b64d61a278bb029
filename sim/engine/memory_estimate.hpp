#pragma once
// An up-front estimate of a run's peak memory, so that a scenario asking for more than the machine
// has is refused with the figure before any allocation (instead of "out of memory" minutes later).
// The per-resident figures are calibrated on `govsim bench` (136 B/resident peak at mean degree
// 5.5 for the reference rule, 45 B of engine state); models with heavier state stay within 2x.
#include <cstdint>
#include <string>

#include "sim/params/param_set.hpp"

namespace govsim {

struct MemoryEstimate {
  uint64_t residents = 0;
  uint64_t other_agents = 0;
  uint64_t bytes = 0;  // estimated peak
};

MemoryEstimate estimate_memory(const ParamSet& params);
uint64_t physical_memory_bytes();
// Throws InputError naming the estimate and the machine's memory when the run cannot fit.
void check_memory_fits(const ParamSet& params);
std::string format_bytes(uint64_t bytes);

}  // namespace govsim
