// Sweep files: good ones parse; every kind of mistake is one InputError at the sweep file's
// line:col naming the key and what was expected.
#include <catch2/catch.hpp>

#include <filesystem>

#include "sim/sweep/run_plan.hpp"
#include "sim/sweep/sweep_spec.hpp"
#include "sweep_test_data.hpp"

using namespace govsim;
using namespace govsim::sweep;
using govsim::testing::grid_sweep;
using govsim::testing::kSweepBase;

namespace {

SweepSpec parse(const std::string& text) { return parse_sweep(text, "s.toml", std::string(kSweepBase), "base.toml"); }

// The message of the InputError that parsing `text` throws ("" if none).
std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

const char* kHead = "[sweep]\nscenario = \"base.toml\"\nseed = 1\n";

}  // namespace

TEST_CASE("a grid sweep file parses", "[sweep][spec]") {
  const SweepSpec s = parse(grid_sweep("[sweep.set]\n\"population.residents\" = 600\nnetwork.community_size = 200\n"));
  CHECK(s.design == DesignKind::Grid);
  CHECK(s.replicates == 2);
  REQUIRE(s.params.size() == 2);
  CHECK(s.params[0].levels == 4);
  CHECK(s.params[1].values == std::vector<double>{0.2, 0.4, 0.8});
  CHECK(s.fixed == std::vector<std::string>{"network.community_size=200", "population.residents=600"});
}

TEST_CASE("bool parameters, log scale, list design", "[sweep][spec]") {
  const SweepSpec s = parse(std::string(kHead) +
                            "design = \"list\"\n[[sweep.parameters]]\nname = \"output.monthly\"\n"
                            "[[sweep.parameters]]\nname = \"reference.social_weight\"\n"
                            "[[sweep.points]]\n\"output.monthly\" = true\n\"reference.social_weight\" = 0.1\n"
                            "[[sweep.points]]\noutput.monthly = false\nreference.social_weight = 0.2\n");
  REQUIRE(s.points.size() == 2);
  CHECK(s.points[1] == std::vector<double>{0, 0.2});
  const SweepSpec l = parse(std::string(kHead) + "design = \"lhs\"\nsamples = 8\n[[sweep.parameters]]\n"
                                                 "name = \"reference.social_weight\"\nmin = 0.01\nmax = 1\nscale = \"log\"\n");
  CHECK(l.params[0].log_scale);
}

TEST_CASE("bad sweep files are rejected with line:col, key and expectation", "[sweep][spec]") {
  struct Case {
    std::string text, expect;
  };
  const std::string p = "\n[[sweep.parameters]]\nname = \"reference.social_weight\"\nmin = 0.0\nmax = 0.5\n";
  const std::vector<Case> cases = {
      {"[sweep\nseed = 1\n", "s.toml:1:"},
      {std::string(kHead) + "desgin = \"grid\"\n", "s.toml:4:1: sweep.desgin: unknown key 'desgin'; did you mean 'design'?"},
      {std::string(kHead) + "design = \"sobol\"\n", "s.toml:4:1: sweep.design: expected one of"},
      {std::string(kHead) + "design = \"gird\"\n", "did you mean \"grid\"?"},
      {"[sweep]\nscenario = \"base.toml\"\nseed = \"x\"\n", "s.toml:3:8: sweep.seed: expected an integer in [0, 9007199254740991], got \"x\""},
      {std::string(kHead) + "design = \"lhs\"\n" + p, "sweep.samples: design \"lhs\" needs 'samples'"},
      {std::string(kHead) + "design = \"grid\"\nsamples = 3\n" + p, "s.toml:5:1: sweep.samples: 'samples' applies to"},
      {std::string(kHead) + "design = \"grid\"\n" + p, "sweep.parameters[1].name: design \"grid\" needs 'levels'"},
      {std::string(kHead) + "design = \"lhs\"\nsamples = 4\n[[sweep.parameters]]\nname = \"reference.social_weight\"\nmin = 0.0\nmax = 3.0\n",
       "s.toml:9:7: sweep.parameters[1].max: expected a finite number in [0, 1] for reference.social_weight (its declared range), got 3.0"},
      {std::string(kHead) + "design = \"grid\"\n[[sweep.parameters]]\nname = \"reference.social_weight\"\nvalues = []\n",
       "s.toml:7:10: sweep.parameters[1].values: expected at least one value, got an empty array"},
      {std::string(kHead) + "design = \"grid\"\n[[sweep.parameters]]\nname = \"reference.socail_weight\"\nvalues = [0.1]\n",
       "s.toml:6:1: sweep.parameters[1].name: unknown parameter 'reference.socail_weight'; did you mean 'reference.social_weight'?"},
      {std::string(kHead) + "design = \"grid\"\n[[sweep.parameters]]\nname = \"calendar.end\"\nvalues = [2020-03-01]\n",
       "a sweep may not vary calendar dates"},
      {std::string(kHead) + "design = \"grid\"\n[[sweep.parameters]]\nname = \"run.model\"\nvalues = [\"reference\"]\n",
       "a sweep may not vary run.model"},
      {std::string(kHead) + "design = \"grid\"\n[[sweep.parameters]]\nname = \"run.seed\"\nvalues = [1, 2]\n",
       "run seeds are derived from sweep.seed"},
      {std::string(kHead) + "design = \"grid\"\n[[sweep.parameters]]\nname = \"population.residents\"\nvalues = [100, 2.5]\n",
       "s.toml:7:16: sweep.parameters[1].values: expected integer in [1, "},
      {std::string(kHead) + "design = \"grid\"\n[sweep.set]\n\"population.residnets\" = 5\n" + p,
       "s.toml:6:1: sweep.set.population.residnets: unknown parameter 'population.residnets'; did you mean 'population.residents'?"},
      {std::string(kHead) + "design = \"grid\"\n[sweep.set]\n\"population.residents\" = -5\n[[sweep.parameters]]\nname = \"reference.social_weight\"\nvalues = [0.1]\n",
       "s.toml:6:1: sweep.set.population.residents: expected integer in [1, "},
      {std::string(kHead) + "design = \"grid\"\n[sweep.set]\n\"reference.social_weight\" = 0.1\n" +
           "[[sweep.parameters]]\nname = \"reference.social_weight\"\nvalues = [0.1]\n",
       "is both varied and fixed"},
      {std::string(kHead) + "design = \"list\"\n[[sweep.parameters]]\nname = \"reference.social_weight\"\n[[sweep.points]]\n"
           "\"reference.crisis_sensitivity\" = 0.3\n",
       "s.toml:8:1: sweep.points[1].reference.crisis_sensitivity: 'reference.crisis_sensitivity' is not one of"},
      {std::string(kHead) + "design = \"list\"\n[[sweep.parameters]]\nname = \"reference.social_weight\"\n",
       "needs at least one [[sweep.points]]"},
      {std::string(kHead) + "design = \"grid\"\n", "missing [[sweep.parameters]]"},
      {"[sweep]\nseed = 1\ndesign = \"grid\"\n", "sweep.scenario: missing required key 'scenario'"},
      {std::string(kHead) + "design = \"morris\"\nsamples = 2\nmorris_levels = 3\n" + p, "expected an even number of levels"},
      {std::string(kHead) + "design = \"grid\"\nseed_mode = \"shared\"\n" + p, "sweep.seed_mode: expected \"per_run\" or \"common\""},
      {"[swep]\n", "s.toml:1:2: swep: unknown key 'swep'; did you mean 'sweep'?"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const std::string msg = error_of(c.text);
    CHECK_THAT(msg, Catch::Contains(c.expect));
  }
}

TEST_CASE("a missing base scenario is reported at the scenario key", "[sweep][spec]") {
  try {
    parse_sweep("[sweep]\nscenario = \"no/such.toml\"\nseed = 1\ndesign = \"grid\"\n", "/tmp/s.toml");
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("/tmp/s.toml:2:1: sweep.scenario: cannot read base scenario '/tmp/no/such.toml'"));
  }
}

TEST_CASE("every sweep file in scenarios/sweeps/ loads and expands", "[sweep][spec][shipped]") {
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::string(GOVSIM_SOURCE_DIR) + "/scenarios/sweeps")) {
    if (e.path().extension() != ".toml") continue;
    INFO(e.path().string());
    const RunPlan plan = make_plan(load_sweep(e.path().string()));
    CHECK(plan.num_runs > 0);
    CHECK_NOTHROW(check_every_point(plan));
    ++n;
  }
  CHECK(n >= 2);
}
