// `govsim info` and `govsim diff`: read result files back.
#include <cstdio>

#include "sim/cli/commands.hpp"
#include "sim/core/errors.hpp"
#include "sim/io/result_compare.hpp"
#include "sim/io/result_info.hpp"
#include "sim/sweep/sweep_info.hpp"

namespace govsim::cli {

void add_info_command(CLI::App& app) {
  auto path = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("info", "Summarise a result file: provenance, calendar, series.");
  cmd->add_option("file", *path, "Result file written by `govsim run`, `govsim sweep` or `govsim merge`.")->required();
  cmd->callback([path] {
    const std::string text = sweep::is_sweep_file(*path) ? sweep::describe_sweep_file(*path) : describe_result_file(*path);
    std::fwrite(text.data(), 1, text.size(), stdout);
  });
}

void add_diff_command(CLI::App& app) {
  auto a = std::make_shared<std::string>();
  auto b = std::make_shared<std::string>();
  auto strict = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand(
      "diff", "Compare two result files; exit 0 if their results are identical, 1 otherwise. "
              "Run-environment provenance (threads, wall time, command line, creation time) is "
              "ignored unless --strict.");
  cmd->add_option("a", *a, "First result file (single run or sweep).")->required();
  cmd->add_option("b", *b, "Second result file.")->required();
  cmd->add_flag("--strict", *strict, "Also compare run-environment provenance.");
  cmd->callback([a, b, strict] {
    const auto diffs = compare_result_files(*a, *b, !*strict);
    if (diffs.empty()) {
      std::printf("identical results: %s %s\n", a->c_str(), b->c_str());
      return;
    }
    for (const auto& d : diffs) std::printf("%s\n", d.c_str());
    throw GovsimError(std::to_string(diffs.size()) + " difference(s) between " + *a + " and " + *b);
  });
}

}  // namespace govsim::cli
