// The up-front memory estimate: it grows with residents and ties, stays within a factor of the
// engine's measured state, and a scenario that cannot fit is refused by validate and run with the
// figure, before anything is allocated or written.
#include <catch2/catch.hpp>

#include "sim/core/errors.hpp"
#include "sim/engine/memory_estimate.hpp"
#include "sim/engine/simulation.hpp"
#include "test_support.hpp"

using namespace govsim;

namespace {
const std::string kCal = "[calendar]\nstart = 2020-01-01\nend = 2020-01-10\n";
}

TEST_CASE("the memory estimate grows with residents and ties and bounds the engine state", "[memory]") {
  const Scenario a = parse_scenario(kCal + "[population]\nresidents = 20000\n", "m.toml");
  const Scenario b = parse_scenario(kCal + "[population]\nresidents = 40000\n", "m.toml");
  const Scenario c = parse_scenario(kCal + "[population]\nresidents = 20000\n[network]\nlong_range_ties = 10\n", "m.toml");
  CHECK(estimate_memory(b.params).bytes > estimate_memory(a.params).bytes);
  CHECK(estimate_memory(c.params).bytes > estimate_memory(a.params).bytes);
  Simulation sim(a.params);
  const uint64_t state = sim.world().state_bytes();
  const uint64_t est = estimate_memory(a.params).bytes - (64u << 20);  // without the fixed runtime allowance
  CHECK(est >= state);
  CHECK(est <= 4 * state);
}

TEST_CASE("a scenario that cannot fit in memory is refused with the figure", "[memory][cli]") {
  govsim::testing::TempDir d;
  govsim::testing::write_file(d / "huge.toml", kCal + "[run]\nmodel = \"jiaxing\"\n[population]\nresidents = 50000000\n"
                                                       "officials = 5000000\nfirms = 10000000\n[network]\nneighbour_ties = 64\n"
                                                       "long_range_ties = 64\n[[jiaxing.services]]\nname = \"notices\"\n"
                                                       "serves = \"information\"\nchannel = \"self_service\"\n"
                                                       "launch = \"at_start\"\nsource = \"assumption: test\"\n");
  const uint64_t have = physical_memory_bytes();
  const Scenario s = load_scenario((d / "huge.toml").string());
  if (estimate_memory(s.params).bytes <= have) {
    WARN("this machine has enough memory for the huge scenario; nothing to refuse");
    return;
  }
  const auto v = govsim::testing::run_govsim("validate " + (d / "huge.toml").string());
  CHECK(v.exit_code != 0);
  CHECK_THAT(v.output, Catch::Contains("population.residents: this run needs about") &&
                           Catch::Contains("but this machine has"));
  const auto r = govsim::testing::run_govsim("run " + (d / "huge.toml").string() + " -o " + (d / "out.h5").string());
  CHECK(r.exit_code != 0);
  CHECK_FALSE(std::filesystem::exists(d / "out.h5"));
}
