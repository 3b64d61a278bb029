#pragma once
#include "sim/model/model.hpp"

namespace govsim::models {

// Zhejiang "digital collaboration" (seed 001): 90 counties, an epidemic with tracing and
// quarantine, the daily five-colour map, measures by colour and enterprise resumption.
ModelInfo zhejiang_model_info();

}  // namespace govsim::models
