// Crash recovery (issue 11, point 5): a run stopped after a periodic checkpoint (as if killed) is
// finished by branching from the latest checkpoint, with the uninterrupted run's results.
#include "checkpoint_test_support.hpp"
#include "sim/checkpoint/checkpoint_plan.hpp"

using namespace govsim;
using namespace govsim::checkpoint_test;

TEST_CASE("a run stopped after a periodic checkpoint is finished from it exactly", "[checkpoint]") {
  const std::vector<std::string> sets = {"population.residents=5000", "population.officials=10",
                                         "population.firms=50"};
  const Scenario sc = shipped("jiaxing_weijiayuan.toml", sets);
  testing::TempDir dir;
  const std::string ck = (dir / "latest.h5").string();  // no %D: each checkpoint replaces the last
  RunOptions plain;
  plain.threads = 2;
  const RunResult full = run_scenario(sc, plain);
  // Checkpoints every 30 days; the run dies on day 200, 20 days after the last one (day 179).
  CHECK_THROWS_AS(run_with_checkpoints(sc, sets, {}, ck, 2, 30, 200), Interrupted);
  const CheckpointFile file(ck);
  CHECK(file.header().days_done == 180);
  require_same_results(full, branch(ck, {}, 1));
}

TEST_CASE("checkpoint days come from dates and a period, and %D names one file per day", "[checkpoint]") {
  const Calendar cal(*Date::parse("2020-01-01"), *Date::parse("2020-03-31"), {});
  CheckpointRequest r{"ck_%D.h5", {"2020-02-09", "2020-01-01"}, 40};
  CHECK(checkpoint_ticks(r, cal) == std::vector<int32_t>{0, 39, 79});  // sorted, 2020-02-09 only once
  CHECK(checkpoint_path("ck_%D.h5", *Date::parse("2020-02-09")) == "ck_2020-02-09.h5");
  CHECK(checkpoint_path("ck.h5", *Date::parse("2020-02-09")) == "ck.h5");
  CHECK_THROWS_AS(checkpoint_ticks({"ck.h5", {"2021-01-01"}, 0}, cal), UsageError);
  CHECK_THROWS_AS(checkpoint_ticks({"ck.h5", {"2020-02-30"}, 0}, cal), UsageError);
  CHECK_THROWS_AS(checkpoint_ticks({"ck.h5", {}, 0}, cal), UsageError);
  CHECK_THROWS_AS(checkpoint_ticks({"", {"2020-02-01"}, 0}, cal), UsageError);
}
