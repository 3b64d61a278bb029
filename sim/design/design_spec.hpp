#pragma once
// What a design generator needs to know: the varied parameters and the kind of design. A sweep
// file is one way to give it (sim/sweep/sweep_spec.hpp extends it with the execution settings);
// the generators do not care where it came from.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/errors.hpp"
#include "sim/params/param_spec.hpp"

namespace govsim::design {

enum class DesignKind { Grid, Lhs, Saltelli, Morris, List };
const char* to_string(DesignKind k);

// One varied parameter. Either `values` (explicit levels) or [lower, upper] (+ levels for a grid).
struct VariedParam {
  std::string name;             // dotted path, declared in the parameter registry
  ParamType type = ParamType::Float;  // Int, Float or Bool
  std::vector<double> values;   // explicit values (bool as 0/1); empty when given by a range
  double lower = 0, upper = 0;  // the range (unused when `values` is given)
  uint32_t levels = 0;          // grid levels over the range
  bool log_scale = false;
  SourceLoc loc;                // of the entry that declared it
  bool has_range() const { return values.empty(); }
};

struct DesignSpec {
  uint64_t seed = 0;             // the design's own random numbers derive from it (lhs, morris)
  DesignKind design = DesignKind::Grid;
  uint32_t samples = 0;          // N for lhs/saltelli, trajectories for morris
  uint32_t morris_levels = 4;
  std::vector<VariedParam> params;
  std::vector<std::vector<double>> points;  // design = "list": one row per point
};

}  // namespace govsim::design
