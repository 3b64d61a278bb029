#pragma once
// Shorthands for declaring a model's parameters in one aligned line each (name, default, range,
// unit, meaning, source), as every models/*/params.cpp does.
#include <string>

#include "sim/params/param_registry.hpp"

namespace govsim {

inline void add_float(ParamRegistry& reg, std::string path, double def, double lo, double hi, std::string unit,
                      std::string doc, std::string source = "assumption") {
  reg.add({std::move(path), ParamType::Float, def, lo, hi, {}, std::move(unit), std::move(doc), std::move(source)});
}
inline void add_int(ParamRegistry& reg, std::string path, int64_t def, double lo, double hi, std::string unit,
                    std::string doc, std::string source = "assumption") {
  reg.add({std::move(path), ParamType::Int, def, lo, hi, {}, std::move(unit), std::move(doc), std::move(source)});
}
inline void add_bool(ParamRegistry& reg, std::string path, bool def, std::string doc, std::string source = "assumption") {
  reg.add({std::move(path), ParamType::Bool, def, {}, {}, {}, "", std::move(doc), std::move(source)});
}

}  // namespace govsim
