#pragma once
// Parameter blocks of the Jiaxing model declared outside params.cpp, each next to its mechanism's
// parameters: params.cpp calls these while building the one table (one declaration per key).
#include "models/jiaxing/params.hpp"
#include "sim/params/param_table.hpp"

namespace govsim::jiaxing {

void add_targeted_parameters(ParamTable<JiaxingParams>& table);  // crisis_channels_params.cpp
void add_council_parameters(ParamTable<JiaxingParams>& table);   // crisis_channels_params.cpp

}  // namespace govsim::jiaxing
