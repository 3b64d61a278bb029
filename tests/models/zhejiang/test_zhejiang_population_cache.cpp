// zhejiang.population_seed (models/zhejiang/population_cache.hpp): with it, every run of a scenario
// has the same residents whatever its run seed; a process builds them once and copies them for its
// later runs, and a copied population gives the bytes of a fresh build; any input of the build
// changes the population (no stale copy); without it (0) each run seed draws its own population.
// A population is kept only inside a batch (sim/model/more_runs.hpp), never for a single run.
#include <atomic>
#include <stdexcept>

#include "models/zhejiang/population_cache.hpp"
#include "models/zhejiang/state.hpp"
#include "sim/batch/runner.hpp"
#include "sim/checkpoint/checkpoint_test_support.hpp"
#include "sim/model/more_runs.hpp"
#include "zhejiang_test_support.hpp"

using namespace govsim;
using namespace govsim::zhejiang_test;

namespace {

const std::string kSparse = "zhejiang.epidemic.scheme=sparse";

struct Population {
  std::vector<uint8_t> household, firm, arrival, flags;  // the columns' raw bytes after set-up
};

std::vector<uint8_t> raw_column(const Simulation& sim, const std::string& name) {
  for (const auto& c : sim.world().store("residents").columns())
    if (c->name() == name) {
      const auto raw = c->raw(false);
      const auto* bytes = reinterpret_cast<const uint8_t*>(raw.data());
      return {bytes, bytes + raw.size()};
    }
  throw std::logic_error("no column " + name);
}

Scenario small_scenario(std::vector<std::string> sets, uint64_t seed) {
  sets.push_back("population.scale=0.002");
  sets.push_back("run.seed=" + std::to_string(seed));
  return load_scenario((govsim::testing::source_dir() / "scenarios/zhejiang_five_colour_small.toml").string(), sets);
}

// One small run; its residents' static columns as they were on the first day.
RunResult run_with_population(std::vector<std::string> sets, uint64_t seed, Population& pop) {
  const Scenario sc = small_scenario(std::move(sets), seed);
  RunOptions opt;
  opt.threads = 2;
  opt.checkpoint_ticks = {0};
  opt.checkpoint = [&](const Simulation& sim) {
    pop.household = raw_column(sim, "zj_household");
    pop.firm = raw_column(sim, "zj_firm");
    pop.arrival = raw_column(sim, "zj_arrival");
    // only the away / Hubei / risk bits are the population's; the rest is the first day's state
    pop.flags = raw_column(sim, "zj_flags");
    for (uint8_t& f : pop.flags)
      f &= uint8_t(zhejiang::kAway | zhejiang::kHubei | zhejiang::kRisk | zhejiang::kEmployed);
  };
  return run_scenario(sc, opt);
}

bool same_population(const Population& a, const Population& b) {
  return a.household == b.household && a.firm == b.firm && a.arrival == b.arrival &&
         a.flags == b.flags;
}

void check_same_run(const RunResult& a, const RunResult& b) {
  REQUIRE(a.daily.size() == b.daily.size());
  for (size_t k = 0; k < a.daily.size(); ++k) {
    INFO(a.daily[k].spec.name);
    CHECK(checkpoint_test::same_bytes(a.daily[k].values, b.daily[k].values));
  }
}

}  // namespace

TEST_CASE("zhejiang population seed: every run has the same residents, built once and copied after",
          "[zhejiang]") {
  const std::vector<std::string> fixed = {kSparse, "zhejiang.population_seed=5",
                                          "zhejiang.hubei.infected_share=0.01"};
  const MoreRunsFollow batch;  // as inside a sweep or calibration
  zhejiang::clear_population_cache();
  Population a, b, c;
  const RunResult ra = run_with_population(fixed, 11, a);
  CHECK(zhejiang::population_cache_hits() == 0);  // built
  const RunResult rb = run_with_population(fixed, 12, b);
  CHECK(zhejiang::population_cache_hits() == 1);  // copied
  CHECK(same_population(a, b));
  CHECK(!a.household.empty());
  // The run seed still draws the epidemic: the two runs differ somewhere.
  bool differ = false;
  for (size_t k = 0; k < ra.daily.size(); ++k)
    differ = differ || !checkpoint_test::same_bytes(ra.daily[k].values, rb.daily[k].values);
  CHECK(differ);

  SECTION("a copied population gives the bytes of a fresh build") {
    zhejiang::clear_population_cache();
    const RunResult fresh = run_with_population(fixed, 12, c);
    CHECK(zhejiang::population_cache_hits() == 0);
    CHECK(same_population(b, c));
    check_same_run(rb, fresh);
  }
  SECTION("a parameter the build does not read reuses the population") {
    std::vector<std::string> other = fixed;
    other.push_back("zhejiang.epidemic.beta_community=0.5");
    run_with_population(other, 13, c);
    CHECK(zhejiang::population_cache_hits() == 2);
    CHECK(same_population(a, c));
  }
  SECTION("an input of the build gives another population, never a stale copy") {
    std::vector<std::string> other = fixed;
    other.push_back("zhejiang.migrants.away_share=0.4");
    run_with_population(other, 11, c);
    CHECK(zhejiang::population_cache_hits() == 1);
    CHECK(!same_population(a, c));
    CHECK(a.household == c.household);  // households do not read it
    std::vector<std::string> seeded = fixed;
    seeded.push_back("zhejiang.population_seed=6");
    run_with_population(seeded, 11, c);
    CHECK(zhejiang::population_cache_hits() == 1);
    CHECK(a.household != c.household);
  }
}

TEST_CASE("zhejiang population seed 0 (the default): each run seed draws its own population",
          "[zhejiang]") {
  zhejiang::clear_population_cache();
  Population a, b, c;
  run_with_population({kSparse}, 11, a);
  run_with_population({kSparse}, 12, b);
  run_with_population({kSparse}, 11, c);
  CHECK(zhejiang::population_cache_hits() == 0);
  CHECK(a.household != b.household);
  CHECK(same_population(a, c));
}

TEST_CASE("zhejiang population seed: a single run keeps no copy; a batch's runs share one", "[zhejiang]") {
  const std::vector<std::string> fixed = {kSparse, "zhejiang.population_seed=5",
                                          "zhejiang.hubei.infected_share=0.01"};
  zhejiang::clear_population_cache();
  REQUIRE(!more_runs_follow());
  Population a, b;
  run_with_population(fixed, 11, a);
  run_with_population(fixed, 12, b);
  CHECK(zhejiang::population_cache_hits() == 0);  // each single run built its own
  CHECK(same_population(a, b));                   // and it is the same population

  // Two runs of a batch (the runner a sweep and a calibration use): the second copies the first's.
  zhejiang::clear_population_cache();
  govsim::testing::TempDir dir;
  batch::PartStore store((dir.path() / "batch.h5").string(), "test-hash");
  store.prepare(false, false);
  std::atomic<uint64_t> next_index{0};
  batch::RunnerOptions ro;
  ro.workers = 1;
  const bool done = batch::run_runs([&](uint64_t i) { return small_scenario(fixed, 11 + i); }, store,
                                    [&](uint64_t& i) { i = next_index++; return i < 2; }, ro);
  CHECK(done);
  CHECK(zhejiang::population_cache_hits() == 1);
  CHECK(!more_runs_follow());  // the batch's scope ended with it
}
