#pragma once
// The single declaration of a parameter: name, type, default, range, unit, meaning, source.
// The TOML loader, `--set`, `govsim params`, the generated docs and the error messages all read
// these declarations; nothing else lists parameters.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sim/calendar/date.hpp"

namespace govsim {

enum class ParamType { Int, Float, Bool, String, Date, TableArray };

const char* to_string(ParamType t);

// A parameter value. Int is int64, Float is double, Date is a civil date.
using ParamValue = std::variant<int64_t, double, bool, std::string, Date>;

struct ParamSpec {
  // Dotted path as written in TOML, e.g. "population.residents". Fields of an array of tables
  // are declared as "crisis.phases[].start" next to the array itself ("crisis.phases", TableArray).
  std::string path;
  ParamType type = ParamType::Float;
  // Default value; std::nullopt means the key is required.
  std::optional<ParamValue> default_value;
  // Inclusive numeric bounds (Int, Float); ignored for other types.
  std::optional<double> min;
  std::optional<double> max;
  // Allowed values for a String parameter (an enumeration); empty means any string.
  std::vector<std::string> allowed;
  std::string unit;    // "persons", "1/day", "fraction", "" for dimensionless / not applicable
  std::string doc;     // one sentence: what it means
  std::string source;  // where the default comes from: a seed article, a paper, or "assumption"
  // May a dated [[events]] entry change it during a run? Only parameters the model (or
  // component) re-reads in configure() are; population sizes and network structure never are.
  bool changeable = false;
  // A run setting (seed, dates, file names, output switches, the crisis schedule a scenario
  // writes), not a model quantity: it needs no source. Every other declaration names its source.
  bool setting = false;

  bool required() const { return !default_value.has_value() && type != ParamType::TableArray; }
  // Human description of what is accepted, used by error messages: "integer in [0, 100000000]".
  std::string expectation() const;
  // Why the source is not acceptable ("" when it is): a model quantity must name a seed passage,
  // a paper or a data table, or say "assumption: <why>". Fields of a table array ("x[].y") are
  // covered by the array's source.
  std::string source_problem() const;
};

// Renders a value the way TOML would write it (strings quoted, dates bare).
std::string to_toml_literal(const ParamValue& v);

}  // namespace govsim
