#pragma once
// Options shared by every subcommand that reads a scenario: the file, --seed and --set.
#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace govsim::cli {

struct ScenarioArgs {
  std::string path;
  std::optional<std::string> seed;  // digits only, checked by the loader's range for run.seed
  std::vector<std::string> sets;
};

void add_scenario_options(CLI::App& cmd, ScenarioArgs& args);
// Loads the scenario with --set overrides (and --seed as run.seed) applied and checked.
Scenario load_scenario_from_args(const ScenarioArgs& args);

}  // namespace govsim::cli
