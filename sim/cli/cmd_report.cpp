// `govsim report` and `govsim plot`: figures and a self-contained HTML page of a result file.
// Both hand over to Debian's /usr/bin/python3 with the scripts in analysis/ (matplotlib), found
// next to the binary (<binary dir>/../analysis, i.e. the source tree of build/govsim), in
// $GOVSIM_ANALYSIS_DIR, or in ./analysis.
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "sim/cli/commands.hpp"
#include "sim/core/errors.hpp"

namespace govsim::cli {
namespace {
namespace fs = std::filesystem;

constexpr const char* kPython = "/usr/bin/python3";

std::string find_script(const std::string& name) {
  std::vector<fs::path> dirs;
  if (const char* env = std::getenv("GOVSIM_ANALYSIS_DIR")) dirs.emplace_back(env);
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) dirs.push_back(exe.parent_path().parent_path() / "analysis");
  dirs.push_back(fs::path("analysis"));
  for (const auto& d : dirs)
    if (fs::exists(d / name, ec)) return (d / name).lexically_normal().string();
  throw GovsimError("cannot find analysis/" + name + " (looked next to the govsim binary and in ./analysis; set "
                    "GOVSIM_ANALYSIS_DIR to the repository's analysis/ folder)");
}

[[noreturn]] void exec_python(const std::string& script, const std::vector<std::string>& args) {
  if (::access(kPython, X_OK) != 0)
    throw GovsimError(std::string(kPython) + " not found: install Debian's python3-numpy python3-h5py python3-matplotlib");
  std::vector<std::string> all{kPython, script};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::fflush(stdout);
  ::execv(kPython, argv.data());
  throw GovsimError(std::string("cannot run ") + kPython + ": " + std::strerror(errno));
}

}  // namespace

void add_report_command(CLI::App& app) {
  struct Args {
    std::string file, output;
    int max_figures = 6;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "report", "Write one self-contained HTML page about a result file: the scenario, the key figures against the "
                "published values, the main series as figures (embedded PNG), the provenance. Nothing is fetched "
                "from the network. Needs Debian's /usr/bin/python3 with matplotlib.");
  cmd->add_option("file", a->file, "Result file written by `govsim run`.")->required()->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", a->output, "HTML file (default: <result name>.html in the current directory).");
  cmd->add_option("--max-figures", a->max_figures, "At most this many series figures.")->check(CLI::Range(0, 50));
  cmd->callback([a] {
    std::vector<std::string> args{a->file, "--max-figures", std::to_string(a->max_figures)};
    if (!a->output.empty()) args.insert(args.end(), {"-o", a->output});
    exec_python(find_script("report.py"), args);
  });
}

void add_plot_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "plot", "Draw series of a run or sweep file as a PNG: crisis phases shaded, published points marked; "
              "for a calibration's posterior file, its pairs plot and predictive bands against the published values. "
              "Arguments: FILE [SERIES ...] [-o FIG.png] [--monthly] [--groups] [--hue PARAM] [--facet PARAM] "
              "[--band pct|minmax] (analysis/plot_result.py; `govsim plot --help` shows them all).");
  // Everything after `plot` goes to the script unchanged (its own --help included).
  cmd->prefix_command();
  cmd->set_help_flag();
  cmd->callback([cmd] {
    const std::vector<std::string> args = cmd->remaining();
    if (args.empty()) throw UsageError("plot: give a result file (govsim plot FILE [SERIES ...] [-o FIG.png]; --help)");
    exec_python(find_script("plot_result.py"), args);
  });
}

}  // namespace govsim::cli
