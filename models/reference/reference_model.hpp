#pragma once
// The reference resident rule: a deliberately simple engagement contagion used by `govsim bench`,
// by the teaching scenario and by the engine's tests. Each day a resident reads its own
// engagement, its neighbours' engagement and one random draw, and writes its new state:
//
//   m       = mean engagement of its social-network neighbours (0 if it has none)
//   target  = clamp(base + crisis_sensitivity * intensity + social_weight * m, 0, 1)
//   e'      = e + adaptation_rate * (target - e)
//   active' = U < e' * activity_factor(age group)      (U uniform, one Philox draw)
//
// It carries no claim about real platforms; the Jiaxing model (issue 3) is the scientific one.
#include "sim/model/model.hpp"

namespace govsim::models {

ModelInfo reference_model_info();

}  // namespace govsim::models
