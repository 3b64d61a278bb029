// A model declares its world: the engine builds exactly its stores and networks, its scenarios may
// use only the engine's, its world's and its own keys, and a result's resolved scenario holds
// nothing else.
#include <catch2/catch.hpp>

#include "sim/core/errors.hpp"
#include "sim/engine/simulation.hpp"
#include "test_support.hpp"

using namespace govsim;

namespace {
std::string error_of(const std::string& text, const std::vector<std::string>& sets = {}) {
  try {
    (void)parse_scenario(text, "w.toml", sets);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
const std::string kCal = "[calendar]\nstart = 2021-03-01\nend = 2021-03-03\n";
}  // namespace

TEST_CASE("the engine builds only what the collab model declares: no social network", "[engine][world]") {
  const Scenario sc = parse_scenario(
      "[run]\nmodel = \"collab\"\n" + kCal + "[population]\nresidents = 2000\nofficials = 60\n[collab]\nunits = 2\n",
      "c.toml");
  Simulation sim(sc.params);
  CHECK(sim.world().networks().empty());
  CHECK(sim.world().stores().size() == 2);
  CHECK(sim.world().has_store("officials"));
  CHECK_FALSE(sim.world().has_store("firms"));
}

TEST_CASE("each model's registry holds the engine's, its world's and its own keys only", "[world][params]") {
  const ParamRegistry& ref = parameter_registry("reference");
  const ParamRegistry& jx = parameter_registry("jiaxing");
  const ParamRegistry& co = parameter_registry("collab");
  CHECK(ref.find("reference.social_weight"));
  CHECK_FALSE(ref.find("jiaxing.trust.gain"));
  CHECK_FALSE(ref.find("population.officials"));
  CHECK(ref.find("regions.table"));
  CHECK(jx.find("population.firms"));
  CHECK_FALSE(jx.find("collab.units"));
  CHECK_FALSE(jx.find("regions.table"));
  CHECK_FALSE(co.find("network.community_size"));  // collab builds no social network
  CHECK(co.find("population.officials"));
  for (const ParamRegistry* r : {&ref, &jx, &co}) CHECK_FALSE(r->find("population.platforms"));
  // Components add their section only when enabled.
  CHECK_FALSE(ref.find("epidemic.transmission"));
  CHECK(parameter_registry("reference", {"epidemic"}).find("epidemic.transmission"));
}

TEST_CASE("the resolved scenario holds the selected model's sections only", "[world][scenario]") {
  const Scenario sc = parse_scenario("[run]\nmodel = \"reference\"\n" + kCal, "r.toml");
  const std::string resolved = resolved_toml(sc.params);
  CHECK(resolved.find("[reference]") != std::string::npos);
  CHECK(resolved.find("jiaxing") == std::string::npos);
  CHECK(resolved.find("collab") == std::string::npos);
  CHECK(resolved.find("platforms") == std::string::npos);
  // and it loads back to the same values
  const Scenario again = parse_scenario(resolved, "again.toml");
  CHECK(resolved_toml(again.params) == resolved);
}

TEST_CASE("keys of another model, of a disabled component or removed keys get a one-line reason", "[world][scenario]") {
  CHECK_THAT(error_of(kCal + "[population]\nplatforms = 1\n"),
             Catch::Contains("w.toml:5:1") && Catch::Contains("population.platforms was removed"));
  CHECK_THAT(error_of(kCal + "[population]\nfirms = 10\n"),
             Catch::Contains("does not use 'population.firms'") && Catch::Contains("'jiaxing'"));
  CHECK_THAT(error_of(kCal + "[jiaxing.trust]\ngain = 0.2\n"), Catch::Contains("belongs to model 'jiaxing'"));
  CHECK_THAT(error_of(kCal + "[epidemic]\ntransmission = 0.1\n"),
             Catch::Contains("enable it with [components] epidemic = true"));
  CHECK_THAT(error_of("[run]\nmodel = \"collab\"\n" + kCal + "[network]\ncommunity_size = 10\n"),
             Catch::Contains("w.toml:6:2: network: this scenario's model does not use [network]"));
  CHECK_THAT(error_of(kCal + "[crisis]\ndriver = \"epidemic\"\n[components]\nepidemic = false\n"),
             Catch::Contains("crisis.driver") && Catch::Contains("not enabled"));
  CHECK_THAT(error_of("[run]\nmodel = \"jiaxing\"\n" + kCal + "[crisis]\ndriver = \"epidemic\"\n"),
             Catch::Contains("crisis.driver: expected one of"));
  // Misspellings still get their did-you-mean.
  CHECK_THAT(error_of(kCal + "[population]\nresidnets = 10\n"), Catch::Contains("did you mean 'population.residents'"));
}

TEST_CASE("every shipped scenario validates under its model's registry", "[world][scenario]") {
  for (const auto& e : std::filesystem::directory_iterator(govsim::testing::source_dir() / "scenarios")) {
    if (e.path().extension() != ".toml") continue;
    INFO(e.path());
    CHECK_NOTHROW(load_scenario(e.path().string()));
  }
}
