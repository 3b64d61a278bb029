#pragma once
// Loading a scenario: TOML text -> checked, fully resolved parameter values.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/calendar/calendar.hpp"
#include "sim/params/param_registry.hpp"
#include "sim/params/param_set.hpp"
#include "sim/regions/region_table.hpp"

namespace govsim {

struct Scenario {
  std::string path;         // as given (used in error messages and provenance)
  std::string source_text;  // the file's text exactly as read
  ParamSet params;
};

struct ModelInfo;

// The parameters of one model's scenarios: the engine's own ([run], [calendar], [[crisis.phases]],
// [crisis], [output]), the world the model declares ([population] for its agent kinds, [network]
// if it needs the social network, [regions] if it can use a region table, [components]), the
// model's own section and those of the enabled components. Built once per combination.
const ParamRegistry& parameter_registry(const std::string& model,
                                        const std::vector<std::string>& components = {});
// The catalogue of every model and component (for `govsim params` and for checking names in sweep
// files before the base scenario is known). A scenario is never resolved against it.
const ParamRegistry& parameter_registry();
void declare_engine_parameters(ParamRegistry& reg, const ModelInfo* model,
                               const std::vector<std::string>& components);
void declare_world_parameters(ParamRegistry& reg, const ModelInfo& model,
                              const std::vector<std::string>& components);

// Reads and checks a scenario file. `overrides` are "key=value" strings from `--set` (and
// `--seed`), applied after the file with the same type and range checks. Throws FileError if the
// file cannot be read, InputError (file:line:col: key: message) for anything wrong inside it.
// The registry is the selected model's (run.model, from the file or --set; "reference" if absent).
Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides = {});

// Same, from text already in memory; `name` stands in for the file name in messages (and its
// directory anchors relative data-table paths).
Scenario parse_scenario(std::string_view text, const std::string& name,
                        const std::vector<std::string>& overrides = {});
// Same, against a given registry (tests of the loader itself).
Scenario parse_scenario_with(std::string_view text, const std::string& name,
                             const std::vector<std::string>& overrides, const ParamRegistry& registry);

// The scenario's region table with its border links (regions.table, regions.borders), or nullptr
// when it has none. Throws FileError / InputError for a bad table.
std::shared_ptr<RegionTable> load_region_table(const ParamSet& params);

// A data-table path of the scenario (regions.table, ...), resolved against the scenario file's
// directory; "" stays "".
std::string scenario_data_path(const ParamSet& params, const std::string& key);

// All cross-parameter checks in one place (dates in order, phases inside the calendar and not
// overlapping, sizes consistent), then the selected model's own check. Throws InputError.
void check_scenario(const ParamSet& params);

// The fully resolved scenario (every declared parameter, defaults included) as TOML text that
// loads back to the same values.
std::string resolved_toml(const ParamSet& params);

// The calendar and crisis timeline described by the parameters.
Calendar make_calendar(const ParamSet& params);

}  // namespace govsim
