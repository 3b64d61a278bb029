#pragma once
// Parameter reference generated from the declarations: the `govsim params` table and the
// Markdown page committed as docs/parameters.md.
#include <string>

#include "sim/params/param_registry.hpp"

namespace govsim {

std::string parameters_table_text(const ParamRegistry& reg);
std::string parameters_markdown(const ParamRegistry& reg);

}  // namespace govsim
