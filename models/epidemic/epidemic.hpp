#pragma once
// The epidemic component: an SEIR-type disease on the residents' contact network (the engine's
// "social" network: households, grid communities, long-range ties, travel between regions), with
// importation, detection and isolation. Any model that lists "epidemic" among its components can
// add it with `[components] epidemic = true`; with `crisis.driver = "epidemic"` the detected
// active cases become the model's crisis intensity and phases. Equations: docs/epidemic.md.
#include "sim/model/component.hpp"

namespace govsim::models {

ComponentInfo epidemic_component_info();

}  // namespace govsim::models
