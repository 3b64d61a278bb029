#include "sim/bench/bench.hpp"

#include <sys/resource.h>
#include <sys/wait.h>
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "sim/core/errors.hpp"
#include "sim/bench/tight_loop.hpp"
#include "sim/engine/simulation.hpp"

namespace govsim {
namespace {

// A year-long calendar with a crisis in the middle, so the rule sees all three phases.
std::string bench_scenario(const BenchCase& c) {
  const Date start = Date::from_ymd(2020, 1, 1);
  const Date end = start + (c.days - 1);
  const Date mid_start = start + c.days / 3;
  const Date mid_end = start + (2 * c.days) / 3;
  return "[run]\nname = \"bench\"\nmodel = \"reference\"\nseed = 12345\n"
         "[calendar]\nstart = " + start.str() + "\nend = " + end.str() + "\n"
         "[population]\nresidents = " + std::to_string(c.residents) + "\n"
         "[[crisis.phases]]\nkind = \"mid\"\nstart = " + mid_start.str() + "\nend = " +
         mid_end.str() + "\nintensity = 1.0\n";
}

// The scenario file with its population scaled to `residents`.
Scenario scaled_scenario(const std::string& path, uint32_t residents) {
  const Scenario base = load_scenario(path);
  const double f = double(residents) / double(base.params.get_int("population.residents"));
  // Every other agent kind the model declares scales with the residents; officials stay at least
  // one per community where the model needs that (Jiaxing).
  std::vector<std::string> sets = {"population.residents=" + std::to_string(residents)};
  const ParamSet& p = base.params;
  for (const AgentKindSpec& a : find_model(p.get_string("run.model")).world.agents) {
    if (a.kind == "residents") continue;
    int64_t n = std::llround(p.get_int("population." + a.kind) * f);
    if (a.kind == "officials" && p.has("network.community_size")) {
      const int64_t csize = p.get_int("network.community_size");
      n = std::max<int64_t>(n, (int64_t(residents) + csize - 1) / csize);
    }
    sets.push_back("population." + a.kind + "=" + std::to_string(n));
  }
  return load_scenario(path, sets);
}

using Clock = std::chrono::steady_clock;

}  // namespace

BenchResult run_bench_case(const BenchCase& c, const std::string& scenario_path) {
  const uint32_t threads = c.threads ? c.threads : uint32_t(tbb::info::default_concurrency());
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  const Scenario sc = scenario_path.empty() ? parse_scenario(bench_scenario(c), "<bench>")
                                            : scaled_scenario(scenario_path, c.residents);

  BenchResult r;
  r.c = c;
  r.c.threads = threads;
  const auto t0 = Clock::now();
  Simulation sim(sc.params);
  const auto t1 = Clock::now();
  sim.run();
  const auto t2 = Clock::now();
  r.build_s = std::chrono::duration<double>(t1 - t0).count();
  r.step_s = std::chrono::duration<double>(t2 - t1).count();
  r.c.days = sim.world().calendar().num_ticks();
  r.agent_days_per_s = double(c.residents) * r.c.days / r.step_s;
  r.state_bytes = sim.world().state_bytes();
  if (sim.world().networks().count("social")) {
    const Network& net = sim.world().network("social");
    r.mean_degree = double(net.num_entries()) / std::max<uint32_t>(1, net.num_vertices());
  }
  if (scenario_path.empty()) {  // the yardstick, side by side on the same network and thread count
    World& w = sim.world();
    const auto& age = w.store("residents").column<uint8_t>("age_group");
    uint64_t checksum = 0;
    const int32_t days = r.c.days;
    const double s = run_tight_reference_loop(w.network("social"), age.data(), w.rng(), TightRule{}, days, days / 3,
                                              (2 * days) / 3 + 1, checksum);
    r.tight_agent_days_per_s = double(c.residents) * days / s;
    if (checksum == 0) std::fprintf(stderr, "bench: tight loop saw no activity\n");
  }
  return r;
}

BenchResult run_bench_case_isolated(const BenchCase& c, const std::string& scenario_path) {
  int fd[2];
  if (::pipe(fd) != 0) throw GovsimError("bench: cannot create pipe");
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw GovsimError("bench: cannot fork");
  if (pid == 0) {  // child: run, send the POD result back, exit without destructors
    ::close(fd[0]);
    int status = 0;
    try {
      const BenchResult r = run_bench_case(c, scenario_path);
      if (::write(fd[1], &r, sizeof r) != sizeof r) status = 2;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "bench child: %s\n", e.what());
      status = 1;
    }
    ::close(fd[1]);
    std::fflush(nullptr);
    ::_exit(status);
  }
  ::close(fd[1]);
  BenchResult r;
  const ssize_t got = ::read(fd[0], &r, sizeof r);
  ::close(fd[0]);
  int status = 0;
  struct rusage ru {};
  ::wait4(pid, &status, 0, &ru);
  if (got != ssize_t(sizeof r) || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw GovsimError("bench: case with " + std::to_string(c.residents) + " residents failed");
  r.peak_rss_bytes = uint64_t(ru.ru_maxrss) * 1024;  // Linux reports KiB
  return r;
}

std::string format_bench_table(const std::vector<BenchResult>& rows) {
  std::string out =
      "residents      days threads  build_s  step_s  agent-days/s  per-thread/s  mean_deg  "
      "state_B/res  peakRSS_B/res  tight/s    vs_tight\n";
  char line[256];
  for (const BenchResult& r : rows) {
    std::snprintf(line, sizeof line,
                  "%-12u %6d %7u %8.2f %7.2f %13.3e %13.3e %9.2f %12.1f %14.1f %10.3e %8.2f\n", r.c.residents,
                  r.c.days, r.c.threads, r.build_s, r.step_s, r.agent_days_per_s,
                  r.agent_days_per_s / r.c.threads, r.mean_degree,
                  double(r.state_bytes) / r.c.residents, double(r.peak_rss_bytes) / r.c.residents,
                  r.tight_agent_days_per_s,
                  r.tight_agent_days_per_s > 0 ? r.agent_days_per_s / r.tight_agent_days_per_s : 0.0);
    out += line;
  }
  return out;
}

}  // namespace govsim
