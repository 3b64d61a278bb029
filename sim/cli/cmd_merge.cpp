// `govsim merge`: the shard files of a sweep (one per Slurm array task) -> one sweep file.
#include <cstdio>

#include "sim/cli/commands.hpp"
#include "sim/sweep/merge.hpp"

namespace govsim::cli {

void add_merge_command(CLI::App& app) {
  auto inputs = std::make_shared<std::vector<std::string>>();
  auto output = std::make_shared<std::string>();
  auto quiet = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand(
      "merge", "Join the shard files of one sweep (`govsim sweep --shard i/n`) into one result file; checks that "
               "they belong to the same sweep and that every run is present exactly once.");
  cmd->add_option("shards", *inputs, "Shard files.")->required();
  cmd->add_option("-o,--output", *output, "Merged result file (written atomically).")->required();
  cmd->add_flag("-q,--quiet", *quiet, "Print nothing on success.");
  cmd->callback([inputs, output, quiet] {
    sweep::SweepEnvironment env;
    env.command_line = command_line();
    sweep::merge_sweep_files(*inputs, *output, env);
    if (!*quiet) std::printf("govsim: merged %zu shard file(s) into %s\n", inputs->size(), output->c_str());
  });
}

}  // namespace govsim::cli
