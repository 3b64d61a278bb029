// A branch with --set changes equals the full run with an [[events]] entry on the day after the
// checkpoint setting the same values (issue 11, point 3); keys that shape the world are refused.
#include "checkpoint_test_support.hpp"

using namespace govsim;
using namespace govsim::checkpoint_test;

namespace {

const std::vector<std::string> kJiaxingSmall = {"population.residents=5000", "population.officials=10",
                                                "population.firms=50"};

std::string jiaxing_text() { return testing::read_file(testing::source_dir() / "scenarios/jiaxing_weijiayuan.toml"); }

const std::vector<std::string> kTiny = {"population.residents=2000", "network.community_size=200"};

// The quickstart scenario with `sets`, run with a checkpoint at the end of 2020-01-31 into `dir`.
std::string quickstart_checkpoint(const testing::TempDir& dir, const std::vector<std::string>& sets) {
  const std::string ck = (dir / "ck.h5").string();
  run_with_checkpoints(shipped("quickstart.toml", sets), sets, {"2020-01-31"}, ck, 2);
  return ck;
}

}  // namespace

TEST_CASE("a branch switching accountability off equals a full run with that event", "[checkpoint]") {
  testing::TempDir dir;
  const std::string ck = (dir / "ck.h5").string();
  run_with_checkpoints(shipped("jiaxing_weijiayuan.toml", kJiaxingSmall), kJiaxingSmall, {"2020-03-02"}, ck, 2);
  const RunResult b = branch(ck, {"jiaxing.conditions.accountability=0"}, 2);

  RunOptions opt;
  opt.threads = 1;
  const RunResult with_event = run_scenario(
      parse_scenario(jiaxing_text() + "\n[[events]]\ndate = 2020-03-03\nset = { jiaxing.conditions.accountability = 0 }\n",
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
  const std::string ck = quickstart_checkpoint(dir, sets);
  const RunResult b = branch(ck, {"reference.social_weight=0.6", "reference.adaptation_rate=0.05"}, 2);
  const std::string text = testing::read_file(testing::source_dir() / "scenarios/quickstart.toml") +
                           "\n[[events]]\ndate = 2020-02-01\nset = { reference.social_weight = 0.6, "
                           "reference.adaptation_rate = 0.05 }\n";
  RunOptions opt;
  opt.threads = 2;
  require_same_results(run_scenario(parse_scenario(text, "q.toml", sets), opt), b);
}

TEST_CASE("a branch records the checkpoint and its changes in the event log", "[checkpoint]") {
  testing::TempDir dir;
  const CheckpointFile file(quickstart_checkpoint(dir, kTiny));
  const Branch b = branch_from(file, {"reference.social_weight=0.6"});
  REQUIRE(b.changes == std::vector<std::string>{"reference.social_weight = 0.6"});
  const RunResult r = branch(file.path(), {"reference.social_weight=0.6"}, 2);
  REQUIRE(!r.provenance.events_applied.empty());
  CHECK(r.provenance.events_applied.back().find("2020-02-01") != std::string::npos);
  CHECK(r.provenance.events_applied.back().find("branch from") != std::string::npos);
}

TEST_CASE("a branch refuses keys that cannot change during a run", "[checkpoint]") {
  testing::TempDir dir;
  const CheckpointFile file(quickstart_checkpoint(dir, kTiny));
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

TEST_CASE("a branch with an events file equals the full run with those events appended", "[checkpoint]") {
  const std::vector<std::string> sets = {"population.residents=3000", "network.community_size=300"};
  testing::TempDir dir;
  const std::string ck = quickstart_checkpoint(dir, sets);
  const std::string events = "[[events]]\ndate = 2020-02-01\nset = { reference.social_weight = 0.6 }\n"
                             "[[events]]\ndate = 2020-05-01\nlabel = \"later\"\nset = { reference.adaptation_rate = 0.05 }\n";
  testing::write_file(dir / "ev.toml", events);
  const CheckpointFile file(ck);
  RunOptions opt;
  opt.threads = 2;
  opt.restore = &file;
  const RunResult b = run_scenario(branch_from(file, {}, (dir / "ev.toml").string()).scenario, opt);
  const std::string path = (testing::source_dir() / "scenarios/quickstart.toml").string();
  RunOptions full;
  full.threads = 1;
  require_same_results(run_scenario(parse_scenario(testing::read_file(path) + "\n" + events, path, sets), full), b);
  CHECK(b.provenance.events_applied.back().find("ev.toml:") != std::string::npos);
}

TEST_CASE("an events file with past dates or other tables is refused naming its line", "[checkpoint]") {
  testing::TempDir dir;
  const CheckpointFile file(quickstart_checkpoint(dir, kTiny));
  auto error_of = [&](const std::string& text) {
    testing::write_file(dir / "ev.toml", text);
    try {
      (void)branch_from(file, {}, (dir / "ev.toml").string());
    } catch (const GovsimError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK(error_of("[[events]]\ndate = 2020-01-31\nset = { reference.social_weight = 0.6 }\n")
            .find("ev.toml:1:1: events: dated 2020-01-31, not after the checkpoint's day 2020-01-31") != std::string::npos);
  CHECK(error_of("[reference]\nsocial_weight = 0.9\n").find("only [[events]] tables") != std::string::npos);
  CHECK(error_of("[[events]]\ndate = 2020-03-01\nset = { population.residents = 10 }\n").find("ev.toml:3:") !=
        std::string::npos);
}
