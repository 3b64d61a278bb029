// `govsim validate`: load and check a scenario without running it.
#include <cstdio>

#include "sim/cli/commands.hpp"
#include "sim/engine/memory_estimate.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/cli/scenario_options.hpp"

namespace govsim::cli {

void add_validate_command(CLI::App& app) {
  auto args = std::make_shared<ScenarioArgs>();
  CLI::App* cmd = app.add_subcommand(
      "validate", "Check a scenario file (syntax, keys, types, ranges, dates, phases) without running it.");
  add_scenario_options(*cmd, *args);
  auto print_resolved = std::make_shared<bool>(false);
  cmd->add_flag("--print-resolved", *print_resolved,
                "Print every parameter's final value (file, --set or default) as loadable TOML.");
  cmd->callback([args, print_resolved] {
    const Scenario sc = load_scenario_from_args(*args);
    const ParamSet& p = sc.params;
    const Calendar cal = make_calendar(p);
    // The agent kinds this scenario's model declares, with their counts.
    std::string agents;
    for (const AgentKindSpec& a : find_model(p.get_string("run.model")).world.agents) {
      const bool from_table = a.kind == "residents" && p.has("regions.table") && !p.get_string("regions.table").empty();
      agents += (agents.empty() ? "" : ", ") +
                (from_table ? std::string("residents from ") + p.get_string("regions.table") + " x population.scale"
                            : std::to_string(p.get_int("population." + a.kind)) + " " + a.kind);
    }
    // With --print-resolved, stdout is only the TOML (loadable back); the "ok" line goes to stderr.
    std::FILE* ok_stream = *print_resolved ? stderr : stdout;
    check_memory_fits(p);
    std::fprintf(ok_stream,
                 "%s: ok: model '%s', %s; %s to %s (%d days, %d months, %zu crisis phases, %zu events); "
                 "needs about %s of memory\n",
                 sc.path.c_str(), p.get_string("run.model").c_str(), agents.c_str(), cal.start().str().c_str(),
                 cal.end().str().c_str(), cal.num_ticks(), cal.num_months(), cal.spans().size(), p.events().size(),
                 format_bytes(estimate_memory(p).bytes).c_str());
    if (*print_resolved) std::fputs(resolved_toml(p).c_str(), stdout);
  });
}

}  // namespace govsim::cli
