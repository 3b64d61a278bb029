#pragma once
// Hangzhou's health code and its diffusion across China's cities (seed 004, issue 14):
// docs/health_code_model.md.
#include "sim/model/model.hpp"

namespace govsim::models {

ModelInfo health_code_model_info();

}  // namespace govsim::models
