// `govsim outputs`: every series a run can write, with its kind, unit and meaning, from the
// models' own declarations (docs/outputs.md is generated this way).
#include <cstdio>

#include "sim/cli/commands.hpp"
#include "sim/engine/output_catalog.hpp"

namespace govsim::cli {

void add_outputs_command(CLI::App& app) {
  auto markdown = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand(
      "outputs", "List every series a run can write: name, kind (new, n, cum, rate, share, mean), unit, meaning; "
                 "by model and component.");
  cmd->add_flag("--markdown", *markdown,
                "Write the Markdown page instead (docs/outputs.md is generated this way).");
  cmd->callback([markdown] {
    const auto sections = output_catalog();
    const std::string text = *markdown ? outputs_markdown(sections) : outputs_text(sections);
    std::fwrite(text.data(), 1, text.size(), stdout);
  });
}

}  // namespace govsim::cli
