// govsim command-line entry point. Every error a user can cause ends here as one line on stderr
// and a non-zero exit status: 1 for bad input or failed runs, 2 for command-line misuse,
// 130 for an interrupted run.
#include <cstdio>
#include <exception>
#include <new>

#include "govsim/version.hpp"
#include "sim/cli/commands.hpp"
#include "sim/core/errors.hpp"

int main(int argc, char** argv) {
  namespace cli = govsim::cli;
  cli::set_command_line(argc, argv);
  if (cli::command_line().size() > cli::kMaxCommandLineLength) {
    std::fprintf(stderr,
                 "govsim: error: the command line is %zu characters long; at most %zu are accepted (it is "
                 "recorded in every result file): put long settings in the scenario file\n",
                 cli::command_line().size(), cli::kMaxCommandLineLength);
    return 2;
  }

  CLI::App app{
      "govsim - parallel agent-based simulator of collaborative governance and crisis resilience.\n"
      "Run scenario files (TOML), write HDF5 results, list parameters, benchmark the engine."};
  app.set_version_flag("--version", std::string("govsim ") + govsim::kVersion + " (" +
                                        govsim::kGitCommit + ")");
  app.require_subcommand(1);
  app.footer("Examples:\n"
             "  govsim run scenarios/quickstart.toml -o quickstart.h5\n"
             "  govsim run scenarios/quickstart.toml -o q.h5 --threads 2 --seed 7 "
             "--set population.residents=50000\n"
             "  govsim validate scenarios/quickstart.toml\n"
             "  govsim params --markdown > docs/parameters.md\n"
             "  govsim outputs --markdown > docs/outputs.md\n"
             "  govsim info quickstart.h5\n"
             "  govsim export quickstart.h5 --long quickstart.csv\n"
             "  govsim plot quickstart.h5 rate_active -o q.png\n"
             "  govsim report quickstart.h5 -o quickstart.html\n"
             "  govsim sweep scenarios/sweeps/quickstart_grid.toml -o grid.h5\n"
             "Each subcommand has its own --help.");
  cli::add_run_command(app);
  cli::add_branch_command(app);
  cli::add_validate_command(app);
  cli::add_params_command(app);
  cli::add_outputs_command(app);
  cli::add_info_command(app);
  cli::add_diff_command(app);
  cli::add_bench_command(app);
  cli::add_sweep_command(app);
  cli::add_merge_command(app);
  cli::add_calibrate_command(app);
  cli::add_export_command(app);
  cli::add_plot_command(app);
  cli::add_report_command(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Prints help (exit 0) or CLI11's own error wording; misuse is always exit status 2.
    return app.exit(e) == 0 ? 0 : 2;
  } catch (const govsim::QuietFailure&) {
    return 1;
  } catch (const govsim::Interrupted& e) {
    std::fprintf(stderr, "govsim: %s\n", e.what());
    return 130;
  } catch (const govsim::UsageError& e) {
    std::fprintf(stderr, "govsim: error: %s\n", e.what());
    return 2;
  } catch (const govsim::GovsimError& e) {
    std::fprintf(stderr, "govsim: error: %s\n", e.what());
    return 1;
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "govsim: error: out of memory (a memory allocation failed)\n");
    return 1;
  } catch (const std::exception& e) {
    // Anything else is a govsim bug; say so rather than pretend it is the user's fault.
    std::fprintf(stderr, "govsim: internal error: %s (please report this)\n", e.what());
    return 3;
  }
  return 0;
}
