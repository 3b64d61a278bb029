#pragma once
// Loading a scenario: TOML text -> checked, fully resolved parameter values.
#include <string>
#include <string_view>
#include <vector>

#include "sim/calendar/calendar.hpp"
#include "sim/params/param_registry.hpp"
#include "sim/params/param_set.hpp"

namespace govsim {

struct Scenario {
  std::string path;         // as given (used in error messages and provenance)
  std::string source_text;  // the file's text exactly as read
  ParamSet params;
};

// The engine's own parameters ([run], [calendar], [population], [network], [output],
// [[crisis.phases]]) plus those of every model in the catalog. Built once per process.
const ParamRegistry& parameter_registry();
void declare_engine_parameters(ParamRegistry& reg);

// Reads and checks a scenario file. `overrides` are "key=value" strings from `--set` (and
// `--seed`), applied after the file with the same type and range checks. Throws FileError if the
// file cannot be read, InputError (file:line:col: key: message) for anything wrong inside it.
Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides = {},
                       const ParamRegistry& registry = parameter_registry());

// Same, from text already in memory; `name` stands in for the file name in messages.
Scenario parse_scenario(std::string_view text, const std::string& name,
                        const std::vector<std::string>& overrides = {},
                        const ParamRegistry& registry = parameter_registry());

// All cross-parameter checks in one place (dates in order, phases inside the calendar and not
// overlapping, sizes consistent), then the selected model's own check. Throws InputError.
void check_scenario(const ParamSet& params);

// The fully resolved scenario (every declared parameter, defaults included) as TOML text that
// loads back to the same values.
std::string resolved_toml(const ParamSet& params);

// The calendar and crisis timeline described by the parameters.
Calendar make_calendar(const ParamSet& params);

}  // namespace govsim
