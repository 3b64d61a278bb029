#include "sim/cli/scenario_options.hpp"

namespace govsim::cli {

void add_scenario_options(CLI::App& cmd, ScenarioArgs& args) {
  cmd.add_option("scenario", args.path, "Scenario file (TOML); see docs/scenario_format.md.")
      ->required();
  cmd.add_option("-s,--seed", args.seed, "Random seed; overrides run.seed in the scenario.");
  cmd.add_option("--set", args.sets,
                 "Override one parameter, KEY=VALUE (repeatable), e.g. --set population.residents=50000. "
                 "Same type and range checks as the file; `govsim params` lists every key.")
      ->allow_extra_args(false)
      ->type_name("KEY=VALUE");
}

Scenario load_scenario_from_args(const ScenarioArgs& args) {
  std::vector<std::string> overrides = args.sets;
  if (args.seed) overrides.push_back("run.seed=" + std::to_string(*args.seed));
  return load_scenario(args.path, overrides);
}

}  // namespace govsim::cli
