// `govsim params`: every parameter, from the one declaration table.
#include <cstdio>

#include "sim/cli/commands.hpp"
#include "sim/params/param_docs.hpp"
#include "sim/scenario/scenario.hpp"

namespace govsim::cli {

void add_params_command(CLI::App& app) {
  auto markdown = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand(
      "params", "List every parameter: name, type, default, range, unit, meaning.");
  cmd->add_flag("--markdown", *markdown,
                "Write the Markdown reference page instead (docs/parameters.md is generated this way).");
  cmd->callback([markdown] {
    const ParamRegistry& reg = parameter_registry();
    const std::string text = *markdown ? parameters_markdown(reg) : parameters_table_text(reg);
    std::fwrite(text.data(), 1, text.size(), stdout);
  });
}

}  // namespace govsim::cli
