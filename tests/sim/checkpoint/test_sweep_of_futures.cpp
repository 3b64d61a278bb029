// Sweeps of futures (issue 11, point 4): a sweep whose base is a checkpoint branches every run from
// that saved past. Each run equals `govsim branch` with its values and its derived seed; the
// replicates share the past byte for byte and differ only after the checkpoint's day; shards merge
// as any sweep's do; keys that shape the world are refused at the sweep file's line.
#include "checkpoint_test_support.hpp"
#include "sim/io/hdf5_util.hpp"
#include "sim/sweep/run_plan.hpp"
#include "sim/sweep/sweep_spec.hpp"
#include "sim/sweep/sweep_test_data.hpp"

using namespace govsim;
using namespace govsim::checkpoint_test;
using govsim::testing::run_govsim;
using govsim::testing::TempDir;
using govsim::testing::write_file;
using govsim::testing::q;

namespace {

namespace fs = std::filesystem;

const char* kCheckpointDay = "2020-02-10";

// 2 points x 2 replicates, every run branched from ck.h5.
std::string futures_sweep(const std::string& extra = "") {
  return std::string("[sweep]\ncheckpoint = \"ck.h5\"\nseed = 21\ndesign = \"list\"\nreplicates = 2\n") + extra +
         "\n[[sweep.parameters]]\nname = \"reference.social_weight\"\n"
         "\n[[sweep.points]]\nreference.social_weight = 0.2\n"
         "\n[[sweep.points]]\nreference.social_weight = 0.6\n";
}

// base.toml (the sweep tests' 500-resident scenario), its full run with a checkpoint at the end
// of kCheckpointDay, and a sweep file branching from that checkpoint.
struct FuturesDir {
  TempDir dir;
  fs::path sweep = dir / "sweep.toml";
  std::string ck = (dir / "ck.h5").string();
  std::optional<RunResult> full;  // the uninterrupted run
  explicit FuturesDir(const std::string& sweep_text = futures_sweep()) {
    write_file(dir / "base.toml", testing::kSweepBase);
    const Scenario sc = parse_scenario(testing::kSweepBase, (dir / "base.toml").string(), {});
    full = run_with_checkpoints(sc, {}, {kCheckpointDay}, ck, 2);
    write_file(sweep, sweep_text);
  }
  std::string run(const std::string& out, const std::string& extra = "") const {
    const auto r = run_govsim("sweep " + q(sweep) + " -o " + q(dir / out) + " -q " + extra);
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    return (dir / out).string();
  }
};

// Row `run` of a [R, T] daily series of a sweep file.
std::vector<double> sweep_row(const std::string& file, const std::string& series, size_t run) {
  h5::Handle f(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  REQUIRE(f.valid());
  std::vector<size_t> shape;
  const std::vector<double> all = h5::read_dataset_doubles(f, "/series/daily/" + series, &shape);
  REQUIRE(shape.size() == 2);
  REQUIRE(run < shape[0]);
  return std::vector<double>(all.begin() + long(run * shape[1]), all.begin() + long((run + 1) * shape[1]));
}

}  // namespace

TEST_CASE("each run of a sweep of futures equals govsim branch with its values and seed", "[checkpoint][sweep]") {
  FuturesDir d;
  const sweep::RunPlan plan = sweep::make_plan(sweep::load_sweep(d.sweep.string()));
  REQUIRE(plan.num_runs == 4);
  const std::string out = d.run("futures.h5", "-t 2");
  for (uint64_t i = 0; i < plan.num_runs; ++i) {
    const std::vector<std::string> sets = plan.overrides(i);  // the point's value, then run.seed
    REQUIRE(sets.back().rfind("run.seed=", 0) == 0);
    const RunResult b = branch(d.ck, sets, 1);
    for (const auto& s : b.daily) {
      INFO("run " << i << ", series " << s.spec.name);
      if (s.spec.groups.empty()) CHECK(same_bytes(sweep_row(out, s.spec.name, i), s.values));
    }
  }
}

TEST_CASE("replicates of a sweep of futures share the past and differ only after the checkpoint", "[checkpoint][sweep]") {
  FuturesDir d;
  const std::string out = d.run("futures.h5");
  const int32_t past_days = make_calendar(parse_scenario(testing::kSweepBase, "base.toml", {}).params)
                                .tick_of(*Date::parse(kCheckpointDay)) + 1;
  bool future_differs = false;
  for (const auto& s : d.full->daily) {
    if (!s.spec.groups.empty()) continue;
    INFO("series " << s.spec.name);
    const std::vector<double> r0 = sweep_row(out, s.spec.name, 0), r1 = sweep_row(out, s.spec.name, 1);
    const std::vector<double> past(s.values.begin(), s.values.begin() + past_days);
    // Both replicates of point 0 carry the uninterrupted run's past, byte for byte.
    CHECK(same_bytes(std::vector<double>(r0.begin(), r0.begin() + past_days), past));
    CHECK(same_bytes(std::vector<double>(r1.begin(), r1.begin() + past_days), past));
    future_differs |= !same_bytes(std::vector<double>(r0.begin() + past_days, r0.end()),
                                  std::vector<double>(r1.begin() + past_days, r1.end()));
  }
  CHECK(future_differs);  // their own seeds from the day after the checkpoint
}

TEST_CASE("a sweep of futures in two shards merges to the one-process result", "[checkpoint][sweep]") {
  FuturesDir d;
  const std::string one = d.run("one.h5");
  const std::string a = d.run("a.h5", "--shard 0/2"), b = d.run("b.h5", "--shard 1/2");
  const auto m = run_govsim("merge " + q(a) + " " + q(b) + " -o " + q(d.dir / "merged.h5"));
  INFO(m.output);
  REQUIRE(m.exit_code == 0);
  const auto diff = run_govsim("diff " + q(one) + " " + q(d.dir / "merged.h5"));
  INFO(diff.output);
  CHECK(diff.exit_code == 0);
}

TEST_CASE("a sweep of futures refuses world-shaping keys and bad checkpoints, in one line", "[checkpoint][sweep]") {
  FuturesDir d;
  auto fails_with = [&](const std::string& sweep_text, const std::string& expected) {
    write_file(d.sweep, sweep_text);
    const auto r = run_govsim("sweep " + q(d.sweep) + " -o " + q(d.dir / "bad.h5") + " -q");
    INFO(r.output);
    CHECK(r.exit_code != 0);
    CHECK(r.output.find(expected) != std::string::npos);
    CHECK(r.output.find("sweep.toml:") != std::string::npos);
    CHECK(!fs::exists(d.dir / "bad.h5"));
  };
  fails_with(futures_sweep("[sweep.set]\npopulation.residents = 400\n"), "cannot change in a sweep of futures");
  std::string both = futures_sweep();
  both.insert(both.find("seed = 21"), "scenario = \"base.toml\"\n");
  fails_with(both, "not both");
  write_file(d.dir / "not_a_checkpoint.h5", "plain text");
  std::string other = futures_sweep();
  other.replace(other.find("ck.h5"), 5, "not_a_checkpoint.h5");
  fails_with(other, "not_a_checkpoint.h5");
}
