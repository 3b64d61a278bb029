// The scheduler: ticks advance to the calendar's end, cancellation stops a run cleanly, and the
// world holds exactly the stores and networks the selected model declares.
#include <catch2/catch.hpp>

#include <atomic>

#include "sim/core/errors.hpp"
#include "sim/engine/simulation.hpp"

using namespace govsim;

namespace {
const char* kText = R"([calendar]
start = 2020-01-01
end = 2020-01-31
[population]
residents = 1000
)";
}

TEST_CASE("a simulation steps once per calendar day", "[engine]") {
  const Scenario sc = parse_scenario(kText, "s.toml");
  Simulation sim(sc.params);
  CHECK(sim.current_tick() == 0);
  sim.step();
  CHECK(sim.current_tick() == 1);
  CHECK(sim.run());
  CHECK(sim.current_tick() == 31);
  CHECK(sim.finished());
  // The reference model declares residents and the social network, and nothing else.
  CHECK(sim.world().stores().size() == 1);
  CHECK(sim.world().store("residents").size() == 1000);
  CHECK_FALSE(sim.world().has_store("officials"));
  CHECK_FALSE(sim.world().has_store("platforms"));
  CHECK(sim.world().network("social").num_vertices() == 1000);
  CHECK(sim.recorder().daily().front().rows == 31);
}

TEST_CASE("month_ends marks the last day of each month and of the run", "[engine]") {
  const Scenario sc = parse_scenario("[calendar]\nstart = 2020-01-30\nend = 2020-03-02\n", "s.toml");
  Simulation sim(sc.params);
  int ends = 0;
  for (int32_t t = 0; t < sim.world().calendar().num_ticks(); ++t)
    if (sim.context(t).month_ends) ++ends;
  CHECK(ends == 3);  // Jan 31, Feb 29, Mar 2 (end of run)
  CHECK(sim.context(1).month_ends);
  CHECK(sim.context(30).month_ends);   // 2020-02-29
  CHECK_FALSE(sim.context(31).month_ends);
}

TEST_CASE("a cancelled run throws Interrupted and produces nothing", "[engine]") {
  const Scenario sc = parse_scenario(kText, "s.toml");
  std::atomic<bool> cancel{true};
  RunOptions opt;
  opt.cancel = &cancel;
  CHECK_THROWS_AS(run_scenario(sc, opt), Interrupted);
}
