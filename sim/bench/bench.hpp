#pragma once
// `govsim bench`: throughput of the engine with the reference resident rule, or of any scenario
// file scaled to each size (`--scenario`, e.g. the Jiaxing model).
//
// Each size runs in a forked child process so that its peak resident memory (ru_maxrss of the
// child) belongs to that size alone. Speed is measured here, never in tests.
#include <cstdint>
#include <string>
#include <vector>

namespace govsim {

struct BenchCase {
  uint32_t residents = 0;
  int32_t days = 0;
  uint32_t threads = 0;
};

struct BenchResult {
  BenchCase c;
  double build_s = 0;            // world + network + model setup
  double step_s = 0;             // `days` steps, metrics included
  double agent_days_per_s = 0;
  uint64_t state_bytes = 0;      // engine state: stores + networks + layout
  uint64_t peak_rss_bytes = 0;   // whole child process, high-water mark
  double mean_degree = 0;
  // Reference rule only: the same rule as a tight loop on the same network (tight_loop.hpp), and
  // the engine's speed as a share of it.
  double tight_agent_days_per_s = 0;
};

// Runs one case in this process (peak_rss_bytes left 0). With a scenario path, runs that
// scenario over its own calendar (c.days is ignored and reported as its length) with
// population.residents = c.residents and officials and firms scaled in proportion (at least one
// official per community); without one, the reference rule for c.days days.
BenchResult run_bench_case(const BenchCase& c, const std::string& scenario_path = "");
// Runs one case in a forked child and fills peak_rss_bytes from the child's rusage.
BenchResult run_bench_case_isolated(const BenchCase& c, const std::string& scenario_path = "");
std::string format_bench_table(const std::vector<BenchResult>& rows);

}  // namespace govsim
