// A branch without changes continues a checkpoint exactly: its results equal the uninterrupted
// run's byte for byte, for every model and the epidemic component, whatever the thread counts of
// the run that wrote the checkpoint and of the branch (issue 11, point 2).
#include "checkpoint_test_support.hpp"

using namespace govsim;
using namespace govsim::checkpoint_test;

namespace {

void check_continuation(const std::string& file, const std::vector<std::string>& sets, const std::string& date) {
  const Scenario sc = shipped(file, sets);
  testing::TempDir dir;
  const std::string ck = (dir / "ck.h5").string();
  for (uint32_t run_threads : {1u, 2u}) {
    const RunResult full = run_with_checkpoints(sc, sets, {date}, ck, run_threads);
    for (uint32_t branch_threads : {1u, 2u}) {
      INFO(file << ": checkpoint written with " << run_threads << " threads, branched with " << branch_threads);
      const RunResult b = branch(ck, {}, branch_threads);
      require_same_results(full, b);
      CHECK(b.provenance.events_applied == full.provenance.events_applied);
      CHECK(b.provenance.scenario_resolved == full.provenance.scenario_resolved);
    }
  }
}

}  // namespace

TEST_CASE("a branch without changes equals the full run for the reference model", "[checkpoint]") {
  check_continuation("quickstart.toml", {"population.residents=3000", "network.community_size=300"}, "2020-02-09");
}

TEST_CASE("a branch without changes equals the full run for the Jiaxing model", "[checkpoint]") {
  check_continuation("jiaxing_weijiayuan.toml",
                     {"population.residents=5000", "population.officials=10", "population.firms=50"}, "2020-02-09");
}

TEST_CASE("a branch without changes equals the full run for the collaboration model", "[checkpoint]") {
  check_continuation("typology_IV.toml",
                     {"population.residents=5000", "population.officials=200", "collab.units=4",
                      "collab.tasks.per_day=100", "calendar.end=2021-03-30"},
                     "2021-03-17");
}

TEST_CASE("a branch without changes equals the full run for the collaboration model's society layer",
          "[checkpoint][collab][society]") {
  // The Yuexiu scenario (society layer on) at 20 000 residents in 20 communities; the checkpoint falls
  // after the residents' platform's launch (1 Nov 2019) with matters pending review.
  check_continuation("yuexiu_grid_dispatch.toml",
                     {"population.residents=20000", "collab.society.communities=20", "calendar.end=2020-01-31",
                      "collab.society.outreach_rate=0.002", "collab.society.raise_rate=0.0005"},
                     "2019-12-10");
}

TEST_CASE("a branch without changes equals the full run for the regional epidemic", "[checkpoint]") {
  // Between the scenario's two events, with the epidemic driving the crisis.
  check_continuation("regional_epidemic.toml", {"population.scale=0.002"}, "2020-01-15");
}

TEST_CASE("a checkpoint on the last day branches to the same results", "[checkpoint]") {
  const std::vector<std::string> sets = {"population.residents=2000", "network.community_size=200",
                                         "calendar.end=2020-03-31"};
  const Scenario sc = shipped("quickstart.toml", sets);
  testing::TempDir dir;
  const RunResult full = run_with_checkpoints(sc, sets, {"2020-03-31"}, (dir / "ck.h5").string(), 2);
  require_same_results(full, branch((dir / "ck.h5").string(), {}, 2));
}
