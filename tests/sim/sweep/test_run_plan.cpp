// Run plans: run index = point * replicates + replicate, derived seeds, the plan hash, shards.
#include <catch2/catch.hpp>

#include <set>

#include "sim/core/errors.hpp"
#include "sim/rng/counter_rng.hpp"
#include "sim/sweep/run_plan.hpp"
#include "sim/sweep/sweep_job.hpp"
#include "sweep_test_data.hpp"

using namespace govsim;
using namespace govsim::sweep;
using govsim::testing::grid_sweep;
using govsim::testing::kSweepBase;

namespace {
RunPlan plan_of(const std::string& text) {
  return make_plan(parse_sweep(text, "s.toml", std::string(kSweepBase), "base.toml"));
}
}  // namespace

TEST_CASE("run index, point, replicate and per-run seeds", "[sweep][plan]") {
  const RunPlan p = plan_of(grid_sweep());
  REQUIRE(p.num_runs == 24);
  const RunSpec r = p.run(7);
  CHECK(r.point == 3);
  CHECK(r.replicate == 1);
  CHECK(r.seed == (derive_seed(11, 7) & kMaxSeed));
  std::set<uint64_t> seeds;
  for (uint64_t i = 0; i < p.num_runs; ++i) seeds.insert(p.run(i).seed);
  CHECK(seeds.size() == 24);
  const auto o = p.overrides(7);
  CHECK(o == std::vector<std::string>{"reference.social_weight=0.25", "reference.crisis_sensitivity=0.2",
                                      "run.seed=" + std::to_string(r.seed)});
  const Scenario sc = p.scenario(7);
  CHECK(sc.params.get_double("reference.social_weight") == 0.25);
  CHECK(uint64_t(sc.params.get_int("run.seed")) == r.seed);
}

TEST_CASE("common seeds depend on the replicate only", "[sweep][plan]") {
  const RunPlan p = plan_of(grid_sweep("seed_mode = \"common\""));
  for (uint64_t i = 0; i < p.num_runs; ++i) CHECK(p.run(i).seed == (derive_seed(11, i % 2) & kMaxSeed));
  CHECK(p.hash != plan_of(grid_sweep()).hash);
}

TEST_CASE("the plan hash identifies the expanded plan", "[sweep][plan]") {
  const RunPlan a = plan_of(grid_sweep());
  CHECK(a.hash.size() == 32);
  CHECK(plan_of(grid_sweep() + "\n# a comment changes nothing\n").hash == a.hash);
  std::string more = grid_sweep();
  more.replace(more.find("replicates = 2"), 14, "replicates = 3");
  CHECK(plan_of(more).hash != a.hash);
  std::string other = grid_sweep();
  other.replace(other.find("seed = 11"), 9, "seed = 12");
  CHECK(plan_of(other).hash != a.hash);
}

TEST_CASE("shards cover every run exactly once", "[sweep][plan]") {
  for (uint64_t runs : {1u, 7u, 24u, 100u})
    for (uint32_t n : {1u, 2u, 3u, 5u, 8u}) {
      std::vector<int> count(runs, 0);
      for (uint32_t i = 0; i < n; ++i)
        for (uint64_t r : shard_runs(runs, {i, n})) ++count.at(r);
      for (uint64_t r = 0; r < runs; ++r) CHECK(count[r] == 1);
    }
  CHECK(parse_shard("2/5").index == 2);
  CHECK(parse_shard("2/5").count == 5);
  for (const char* bad : {"5/5", "1", "a/3", "-1/3", "1/0", "1/3x", "/3"}) {
    INFO(bad);
    CHECK_THROWS_AS(parse_shard(bad), UsageError);
  }
}
