// `govsim bench`: agent-days per second and memory per resident at several sizes.
#include <cstdio>

#include "sim/bench/bench.hpp"
#include "sim/cli/commands.hpp"
#include "sim/io/file_checks.hpp"
#include "sim/scenario/scenario.hpp"

namespace govsim::cli {

void add_bench_command(CLI::App& app) {
  struct Args {
    std::vector<uint32_t> sizes{10000, 100000, 1000000};
    int32_t days = 100;
    std::vector<uint32_t> threads{0};
    std::string scenario;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "bench", "Measure engine speed with the reference resident rule (own state + neighbours + "
               "one random draw per resident per day): agent-days/s, threads, memory per resident.");
  cmd->add_option("--sizes", a->sizes, "Resident counts to run.")->delimiter(',')->check(CLI::Range(1u, 50000000u));
  cmd->add_option("--days", a->days, "Simulated days per case.")->check(CLI::Range(1, 100000));
  cmd->add_option("--threads", a->threads, "Thread counts to run (0 = all cores).")->delimiter(',');
  cmd->add_option("--scenario", a->scenario,
                  "Bench this scenario instead of the reference rule: its own model and calendar, population "
                  "scaled to each size (e.g. scenarios/jiaxing_weijiayuan.toml).")
      ->check(CLI::ExistingFile);
  cmd->callback([a] {
    if (!a->scenario.empty()) {
      require_regular_file(a->scenario, "scenario");
      (void)load_scenario(a->scenario);
    }  // bad input: message before forking
    std::vector<BenchResult> rows;
    for (uint32_t t : a->threads)
      for (uint32_t n : a->sizes) {
        rows.push_back(run_bench_case_isolated({n, a->days, t}, a->scenario));
        std::fprintf(stderr, "bench: %u residents, %u threads done\n", n, rows.back().c.threads);
      }
    std::printf("%s", format_bench_table(rows).c_str());
    std::printf("state_B/res: agent stores + social network + layout; peakRSS_B/res: whole process "
                "high-water mark (includes network construction and the runtime).\n");
  });
}

}  // namespace govsim::cli
