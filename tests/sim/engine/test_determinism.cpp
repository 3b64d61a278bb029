// Same scenario + seed + version => identical results for 1, 2 and 4 threads, byte for byte in
// every result dataset (run-environment provenance such as thread count and wall time excepted,
// and checked to be the only difference).
#include <tbb/global_control.h>

#include <catch2/catch.hpp>

#include "sim/engine/simulation.hpp"
#include "sim/io/result_compare.hpp"
#include "sim/io/result_writer.hpp"
#include "test_support.hpp"

using namespace govsim;

namespace {

// Small but not trivial: several communities, a crisis, long-range ties crossing thread blocks.
const char* kScenario = R"(
[run]
model = "reference"
seed = 99
[calendar]
start = 2020-01-01
end = 2020-05-31
[population]
residents = 30000
[network]
community_size = 700
long_range_ties = 2.0
[[crisis.phases]]
kind = "mid"
start = 2020-02-01
end = 2020-03-15
intensity = 0.8
)";

RunResult run_with_threads(const Scenario& sc, uint32_t threads) {
  RunOptions opt;
  opt.threads = threads;
  opt.command_line = "test --threads " + std::to_string(threads);
  return run_scenario(sc, opt);
}

}  // namespace

TEST_CASE("results are bit-identical for 1, 2 and 4 threads", "[determinism]") {
  const Scenario sc = parse_scenario(kScenario, "determinism.toml");
  govsim::testing::TempDir dir;
  auto writer = make_hdf5_writer();
  std::vector<std::string> files;
  std::vector<RunResult> results;
  for (uint32_t t : {1u, 2u, 4u}) {
    results.push_back(run_with_threads(sc, t));
    files.push_back((dir / ("t" + std::to_string(t) + ".h5")).string());
    write_result_atomically(*writer, results.back(), files.back());
  }
  // In memory: every daily value identical to the bit.
  for (size_t k = 1; k < results.size(); ++k) {
    REQUIRE(results[k].daily.size() == results[0].daily.size());
    for (size_t s = 0; s < results[0].daily.size(); ++s)
      CHECK(results[k].daily[s].values == results[0].daily[s].values);
    CHECK(results[k].social_network->clustering == results[0].social_network->clustering);
  }
  // On disk: identical results; the only differences are the run-environment attributes.
  for (size_t k = 1; k < files.size(); ++k) {
    const auto diffs = compare_result_files(files[0], files[k], /*ignore_run_environment=*/true);
    INFO(files[k]);
    for (const auto& d : diffs) INFO(d);
    CHECK(diffs.empty());
    const auto strict = compare_result_files(files[0], files[k], false);
    CHECK_FALSE(strict.empty());  // threads differ, so a strict compare must notice
  }
}

TEST_CASE("a different seed gives different results", "[determinism]") {
  const Scenario a = parse_scenario(kScenario, "a.toml");
  const Scenario b = parse_scenario(kScenario, "b.toml", {"run.seed=100"});
  const RunResult ra = run_with_threads(a, 2);
  const RunResult rb = run_with_threads(b, 2);
  CHECK(ra.daily[0].values != rb.daily[0].values);
}

TEST_CASE("the run index keys random draws independently of the seed", "[determinism]") {
  const Scenario a = parse_scenario(kScenario, "a.toml", {"run.index=0"});
  const Scenario b = parse_scenario(kScenario, "b.toml", {"run.index=1"});
  CHECK(run_with_threads(a, 1).daily[0].values != run_with_threads(b, 1).daily[0].values);
}
