#include "sim/cli/scenario_options.hpp"

#include "sim/io/file_checks.hpp"

namespace govsim::cli {

void add_scenario_options(CLI::App& cmd, ScenarioArgs& args) {
  cmd.add_option("scenario", args.path, "Scenario file (TOML); see docs/scenario_format.md.")
      ->required();
  // Taken as text: CLI11 would turn "-1" into 2^64-1 and drop "" silently.
  cmd.add_option("-s,--seed", args.seed, "Random seed; overrides run.seed in the scenario.")
      ->type_name("UINT")
      ->check(
          [](const std::string& v) {
            if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos)
              return "expected a non-negative integer, got '" + v + "'";
            return std::string();
          },
          "UINT");
  cmd.add_option("--set", args.sets,
                 "Override one parameter, KEY=VALUE (repeatable), e.g. --set population.residents=50000. "
                 "Same type and range checks as the file; `govsim params` lists every key.")
      ->allow_extra_args(false)
      ->type_name("KEY=VALUE");
}

Scenario load_scenario_from_args(const ScenarioArgs& args) {
  require_regular_file(args.path, "scenario");  // a FIFO would block the read forever
  std::vector<std::string> overrides = args.sets;
  if (args.seed) overrides.push_back("run.seed=" + *args.seed);
  return load_scenario(args.path, overrides);
}

}  // namespace govsim::cli
