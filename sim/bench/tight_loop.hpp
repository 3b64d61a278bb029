#pragma once
// The speed yardstick for `govsim bench`: the reference rule written as the tightest loop we know
// how to write — raw structure-of-arrays state, CSR adjacency, one Philox draw per agent per day,
// two float buffers swapped by pointer, no observers, no virtual calls. It runs on the very network
// the engine built, so the ratio engine / tight loop measures only the engine's overhead
// (stores, double-buffer swaps, per-tick metric collectors), not graph differences.
#include <cstdint>

#include "sim/network/network.hpp"
#include "sim/rng/counter_rng.hpp"

namespace govsim {

struct TightRule {
  float initial = 0.05f, base = 0.05f, crisis = 0.5f, social = 0.3f, adapt = 0.2f;
  float activity[3] = {1.0f, 1.0f, 0.5f};
};

// Runs `days` days of the reference rule over `net` (crisis intensity 1 on days [mid_begin,
// mid_end), else 0) and returns the seconds spent stepping. `age` holds each agent's group (0..2).
// `checksum` receives the number of active agent-days, so the work cannot be optimised away.
double run_tight_reference_loop(const Network& net, const uint8_t* age, const CounterRng& rng, const TightRule& rule,
                                int32_t days, int32_t mid_begin, int32_t mid_end, uint64_t& checksum);

}  // namespace govsim
