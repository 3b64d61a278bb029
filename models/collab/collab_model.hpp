#pragma once
// The collaboration model (seeds 002 and 003): governance tasks that are dependency graphs of
// sub-tasks, done by few actors (officials of departments) or many (residents), with pooled,
// sequential or reciprocal interdependence, under the coordination costs of working with or
// without a platform. The four types of seed 002 are points on its two axes; the Yuexiu grid
// dispatch case (seed 003) is a scenario of it. Equations and sources: docs/collab_model.md.
#include "sim/model/model.hpp"

namespace govsim::models {

ModelInfo collab_model_info();

}  // namespace govsim::models
