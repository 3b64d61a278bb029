#pragma once
// Shared by the checkpoint tests: run a shipped scenario (scaled down) with a checkpoint, branch
// from it, and compare two runs' results byte for byte.
#include <catch2/catch.hpp>

#include <cstring>

#include "sim/checkpoint/branch.hpp"
#include "sim/checkpoint/checkpoint_file.hpp"
#include "sim/engine/simulation.hpp"
#include "test_support.hpp"

namespace govsim::checkpoint_test {

inline Scenario shipped(const std::string& file, const std::vector<std::string>& sets) {
  return load_scenario((testing::source_dir() / "scenarios" / file).string(), sets);
}


// Runs `sc` (loaded with `sets`) to its end with `threads`, checkpointing at the end of each of
// `dates` into `pattern` (with %D for the date).
inline RunResult run_with_checkpoints(const Scenario& sc, const std::vector<std::string>& sets,
                                      const std::vector<std::string>& dates, const std::string& pattern,
                                      uint32_t threads, int32_t every = 0, int32_t stop_after = -1) {
  const Calendar cal = make_calendar(sc.params);
  RunOptions opt;
  opt.threads = threads;
  for (const std::string& d : dates) opt.checkpoint_ticks.push_back(cal.tick_of(*Date::parse(d)));
  if (every > 0)
    for (int32_t t = every - 1; t < cal.num_ticks(); t += every) opt.checkpoint_ticks.push_back(t);
  std::sort(opt.checkpoint_ticks.begin(), opt.checkpoint_ticks.end());
  opt.stop_after_tick = stop_after;
  opt.checkpoint = [&](const Simulation& sim) {
    const Date day = sim.world().calendar().date(sim.current_tick() - 1);
    std::string path = pattern;
    if (const size_t p = path.find("%D"); p != std::string::npos) path.replace(p, 2, day.str());
    write_checkpoint(path, checkpoint_header(sc, sets, sim.model_info().name, day.str(), sim.current_tick(), "test"),
                     [&](StateWriter& w) { sim.save_state(w); });
  };
  return run_scenario(sc, opt);
}

inline RunResult branch(const std::string& path, const std::vector<std::string>& sets, uint32_t threads) {
  const CheckpointFile ck(path);
  const Branch b = branch_from(ck, sets);
  RunOptions opt;
  opt.threads = threads;
  opt.restore = &ck;
  return run_scenario(b.scenario, opt);
}

inline bool same_bytes(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

// Every series (daily and monthly) and summary scalar, byte for byte (NaN-safe).
inline void require_same_results(const RunResult& a, const RunResult& b) {
  REQUIRE(a.daily.size() == b.daily.size());
  for (size_t i = 0; i < a.daily.size(); ++i) {
    INFO("daily series " << a.daily[i].spec.name);
    REQUIRE(a.daily[i].spec.name == b.daily[i].spec.name);
    CHECK(same_bytes(a.daily[i].values, b.daily[i].values));
  }
  REQUIRE(a.monthly.size() == b.monthly.size());
  for (size_t i = 0; i < a.monthly.size(); ++i) {
    INFO("monthly series " << a.monthly[i].spec.name);
    CHECK(same_bytes(a.monthly[i].values, b.monthly[i].values));
  }
  REQUIRE(a.summary.size() == b.summary.size());
  for (size_t i = 0; i < a.summary.size(); ++i) {
    INFO("summary " << a.summary[i].name);
    CHECK(std::memcmp(&a.summary[i].value, &b.summary[i].value, sizeof(double)) == 0);
  }
}

}  // namespace govsim::checkpoint_test
