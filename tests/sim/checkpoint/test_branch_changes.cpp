// A branch with --set changes equals the full run with an [[events]] entry on the day after the
// checkpoint setting the same values (issue 11, point 3); keys that shape the world are refused.
#include "checkpoint_test_support.hpp"

using namespace govsim;
using namespace govsim::checkpoint_test;

namespace {

const std::vector<std::string> kJiaxingSmall = {"population.residents=5000", "population.officials=10",
                                                "population.firms=50"};

std::string jiaxing_text() { return testing::read_file(testing::source_dir() / "scenarios/jiaxing_weijiayuan.toml"); }

}  // namespace

TEST_CASE("a branch switching accountability off equals a full run with that event", "[checkpoint]") {
  testing::TempDir dir;
  const std::string ck = (dir / "ck.h5").string();
  run_with_checkpoints(shipped("jiaxing_weijiayuan.toml", kJiaxingSmall), kJiaxingSmall, {"2020-03-02"}, ck, 2);
  const RunResult b = branch(ck, {"jiaxing.conditions.accountability=false"}, 2);

  RunOptions opt;
  opt.threads = 1;
  const RunResult with_event = run_scenario(
      parse_scenario(jiaxing_text() + "\n[[events]]\ndate = 2020-03-03\nset = { jiaxing.conditions.accountability = false }\n",
                     (testing::source_dir() / "scenarios/jiaxing_weijiayuan.toml").string(), kJiaxingSmall),
      opt);
  require_same_results(with_event, b);
  // And it is a real change: the unchanged branch differs from it.
  const RunResult same = branch(ck, {}, 2);
  bool differs = false;
  for (size_t i = 0; i < same.daily.size(); ++i) differs |= !same_bytes(same.daily[i].values, b.daily[i].values);
  CHECK(differs);
}

TEST_CASE("a branch of the reference model with two changed values equals the full run with those events", "[checkpoint]") {
  const std::vector<std::string> sets = {"population.residents=3000", "network.community_size=300"};
  testing::TempDir dir;
  const std::string ck = (dir / "ck.h5").string();
  run_with_checkpoints(shipped("quickstart.toml", sets), sets, {"2020-01-31"}, ck, 1);
  const RunResult b = branch(ck, {"reference.social_weight=0.6", "reference.adaptation_rate=0.05"}, 2);
  const std::string text = testing::read_file(testing::source_dir() / "scenarios/quickstart.toml") +
                           "\n[[events]]\ndate = 2020-02-01\nset = { reference.social_weight = 0.6, "
                           "reference.adaptation_rate = 0.05 }\n";
  RunOptions opt;
  opt.threads = 2;
  require_same_results(run_scenario(parse_scenario(text, "q.toml", sets), opt), b);
}

TEST_CASE("a branch records the checkpoint and its changes in the event log", "[checkpoint]") {
  const std::vector<std::string> sets = {"population.residents=2000", "network.community_size=200"};
  testing::TempDir dir;
  const std::string ck = (dir / "ck.h5").string();
  run_with_checkpoints(shipped("quickstart.toml", sets), sets, {"2020-01-31"}, ck, 2);
  const CheckpointFile file(ck);
  const Branch b = branch_from(file, {"reference.social_weight=0.6"});
  REQUIRE(b.changes == std::vector<std::string>{"reference.social_weight = 0.6"});
  const RunResult r = branch(ck, {"reference.social_weight=0.6"}, 2);
  REQUIRE(!r.provenance.events_applied.empty());
  CHECK(r.provenance.events_applied.back().find("2020-02-01") != std::string::npos);
  CHECK(r.provenance.events_applied.back().find("branch from") != std::string::npos);
}

TEST_CASE("a branch refuses keys that cannot change during a run", "[checkpoint]") {
  const std::vector<std::string> sets = {"population.residents=2000", "network.community_size=200"};
  testing::TempDir dir;
  const std::string ck = (dir / "ck.h5").string();
  run_with_checkpoints(shipped("quickstart.toml", sets), sets, {"2020-01-31"}, ck, 2);
  const CheckpointFile file(ck);
  for (const char* key : {"population.residents=5000", "network.long_range_ties=3", "reference.share_young=0.2"}) {
    INFO(key);
    try {
      (void)branch_from(file, {key});
      FAIL("accepted");
    } catch (const InputError& e) {
      CHECK(std::string(e.what()).find("cannot change in a branch") != std::string::npos);
      CHECK(std::string(e.what()).find('\n') == std::string::npos);
    }
  }
  CHECK_THROWS_AS(branch_from(file, {"reference.social_weight=7"}), InputError);  // out of range
}
