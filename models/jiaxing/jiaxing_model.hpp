#pragma once
// The Jiaxing "Weijiayuan" model (seed 000): residents, officials, firms and a government
// platform through the COVID-19 emergency, with the four conditions of transformative
// resilience as levels (conditions.hpp). Rules: rules.hpp; one community's day: community_step.cpp;
// equations and sources: docs/jiaxing_model.md.
#include "sim/model/model.hpp"

namespace govsim::models {

ModelInfo jiaxing_model_info();

}  // namespace govsim::models
