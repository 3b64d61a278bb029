// `govsim sweep` and `govsim merge` as a user runs them: identical results for any thread count,
// shards merged == one process, resume after SIGKILL == uninterrupted, clear errors.
#include <catch2/catch.hpp>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

#include "sweep_test_data.hpp"
#include "test_support.hpp"

using govsim::testing::q;

namespace fs = std::filesystem;
using govsim::testing::run_govsim;
using govsim::testing::TempDir;
using govsim::testing::write_file;

extern char** environ;

namespace {


// A temp dir holding base.toml and sweep.toml (the 24-run grid).
struct SweepDir {
  TempDir dir;
  fs::path sweep = dir / "sweep.toml";
  explicit SweepDir(const std::string& sweep_text = govsim::testing::grid_sweep()) {
    write_file(dir / "base.toml", govsim::testing::kSweepBase);
    write_file(sweep, sweep_text);
  }
  std::string run(const std::string& out, const std::string& extra = "") const {
    const auto r = run_govsim("sweep " + q(sweep) + " -o " + q(dir / out) + " -q " + extra);
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    return (dir / out).string();
  }
};

void require_identical(const std::string& a, const std::string& b) {
  const auto r = run_govsim("diff " + q(a) + " " + q(b));
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
}

size_t count_parts(const fs::path& dir) {
  size_t n = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().filename().string().rfind("run-", 0) == 0) ++n;
  return n;
}

// Starts `govsim sweep`, waits until `parts` runs are finished (or the sweep ends by itself), then
// SIGKILLs it. Only the final equality decides the test, never the timing.
void run_and_kill(const SweepDir& d, const std::string& out, size_t parts) {
  const std::string bin = govsim::testing::govsim_binary().string();
  const std::string sweep = d.sweep.string(), output = (d.dir / out).string();
  std::vector<std::string> args = {bin, "sweep", sweep, "-o", output, "-q", "--threads", "1"};
  if (fs::exists(output + ".parts")) args.push_back("--resume");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, bin.c_str(), nullptr, nullptr, argv.data(), environ) == 0);
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (count_parts(output + ".parts") >= parts) {
      ::kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
}

}  // namespace

TEST_CASE("sweep: results do not depend on the thread count", "[sweep][cli]") {
  SweepDir d;
  const std::string one = d.run("t1.h5", "--threads 1");
  const std::string two = d.run("t2.h5", "--threads 2");
  const std::string per_run = d.run("t3.h5", "--threads 2 --threads-per-run 2");
  require_identical(one, two);
  require_identical(one, per_run);
  CHECK_FALSE(fs::exists(one + ".parts"));  // parts are removed once the file is written
  const auto diff = run_govsim("diff --strict " + q(one) + " " + q(two));
  CHECK(diff.exit_code == 1);  // run-environment fields (threads, wall times) do differ
}

TEST_CASE("sweep: shards merged equal one process", "[sweep][cli]") {
  SweepDir d;
  const std::string whole = d.run("whole.h5");
  std::vector<std::string> shards;
  for (int i = 0; i < 3; ++i) shards.push_back(d.run("shard" + std::to_string(i) + ".h5", "--shard " + std::to_string(i) + "/3"));
  auto merged = run_govsim("merge " + q(shards[2]) + " " + q(shards[0]) + " " + q(shards[1]) + " -o " + q(d.dir / "merged.h5"));
  INFO(merged.output);
  REQUIRE(merged.exit_code == 0);
  require_identical(whole, (d.dir / "merged.h5").string());

  // Missing shard: every missing run is listed, nothing is written.
  auto missing = run_govsim("merge " + q(shards[0]) + " " + q(shards[2]) + " -o " + q(d.dir / "bad.h5"));
  CHECK(missing.exit_code == 1);
  CHECK_THAT(missing.output, Catch::Contains("8 of 24 runs are missing: 1, 4, 7, 10, 13, 16, 19, 22"));
  CHECK_FALSE(fs::exists(d.dir / "bad.h5"));
  // The same shard twice.
  auto twice = run_govsim("merge " + q(shards[0]) + " " + q(shards[0]) + " -o " + q(d.dir / "bad.h5"));
  CHECK(twice.exit_code == 1);
  CHECK_THAT(twice.output, Catch::Contains("is also in"));
  // A shard of another sweep.
  SweepDir other(govsim::testing::grid_sweep("seed_mode = \"common\""));
  const std::string foreign = other.run("s.h5", "--shard 1/3");
  auto mixed = run_govsim("merge " + q(shards[0]) + " " + q(foreign) + " " + q(shards[2]) + " -o " + q(d.dir / "bad.h5"));
  CHECK(mixed.exit_code == 1);
  CHECK_THAT(mixed.output, Catch::Contains("belongs to another sweep"));
  CHECK_FALSE(fs::exists(d.dir / "bad.h5"));
}

TEST_CASE("sweep: killed twice at random points and resumed equals uninterrupted", "[sweep][cli]") {
  // 2000 residents: runs long enough (tens of ms) for the kills to land mid-sweep.
  SweepDir d(govsim::testing::grid_sweep("[sweep.set]\n\"population.residents\" = 2000\n"));
  const std::string whole = d.run("whole.h5");
  std::mt19937 rng(std::random_device{}());
  const size_t first = 1 + rng() % 10, second = first + 1 + rng() % 10;
  INFO("killed after " << first << " and " << second << " finished runs");
  run_and_kill(d, "resumed.h5", first);
  run_and_kill(d, "resumed.h5", second);
  const fs::path out = d.dir / "resumed.h5";
  // Without --resume the leftovers are not silently reused or discarded.
  if (fs::exists(out.string() + ".parts")) {
    const auto refused = run_govsim("sweep " + q(d.sweep) + " -o " + q(out) + " -q");
    CHECK(refused.exit_code == 2);
    CHECK_THAT(refused.output, Catch::Contains("--resume"));
  }
  d.run("resumed.h5", "--resume");
  require_identical(whole, out.string());
}

TEST_CASE("sweep: a corrupt or foreign part is run again on resume", "[sweep][cli]") {
  SweepDir d;
  const std::string whole = d.run("whole.h5");
  const std::string out = d.run("r.h5", "--keep-parts");
  const fs::path parts = out + ".parts";
  REQUIRE(count_parts(parts) == 24);
  fs::remove(out);
  write_file(parts / "run-000000003.h5", "not hdf5");            // corrupt
  fs::remove(parts / "run-000000005.h5");                          // missing
  write_file(parts / ".run-000000006.h5.tmp-1-2", "half written");  // leftover of a kill
  fs::copy_file(parts / "run-000000001.h5", parts / "run-000000007.h5", fs::copy_options::overwrite_existing);  // wrong run
  const auto r = run_govsim("sweep " + q(d.sweep) + " -o " + q(out) + " --resume");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("21 resumed"));
  require_identical(whole, out);
  // Resuming a finished sweep does nothing.
  const auto again = run_govsim("sweep " + q(d.sweep) + " -o " + q(out) + " --resume");
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.output, Catch::Contains("nothing to do"));
}

TEST_CASE("sweep: bad input gives one line and no output", "[sweep][cli]") {
  SweepDir d("[sweep]\nscenario = \"base.toml\"\nseed = 1\ndesign = \"grid\"\n[[sweep.parameters]]\n"
             "name = \"reference.social_weight\"\nvalues = [0.1, 7]\n");
  const auto r = run_govsim("sweep " + q(d.sweep) + " -o " + q(d.dir / "x.h5"));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.output, Catch::Contains("sweep.toml:7:16: sweep.parameters[1].values: expected a finite number in [0, 1]"));
  CHECK_FALSE(fs::exists(d.dir / "x.h5"));
  CHECK_FALSE(fs::exists(d.dir / "x.h5.parts"));

  SweepDir ok;
  const auto shard = run_govsim("sweep " + q(ok.sweep) + " -o " + q(ok.dir / "x.h5") + " --shard 3/3");
  CHECK(shard.exit_code == 2);
  CHECK_THAT(shard.output, Catch::Contains("--shard 3/3: expected i/n with 0 <= i < n"));
  const auto none = run_govsim("sweep " + q(ok.dir / "nope.toml") + " -o " + q(ok.dir / "x.h5"));
  CHECK(none.exit_code == 1);
  CHECK_THAT(none.output, Catch::Contains("nope.toml: cannot read sweep file: no such file"));
  const auto nodir = run_govsim("sweep " + q(ok.sweep) + " -o " + q(ok.dir / "no/such/dir/x.h5"));
  CHECK(nodir.exit_code == 1);
  CHECK_THAT(nodir.output, Catch::Contains("does not exist"));
  CHECK_FALSE(fs::exists(ok.dir / "no"));
  const auto single = run_govsim("merge " + q(ok.sweep) + " -o " + q(ok.dir / "x.h5"));
  CHECK(single.exit_code == 1);
  CHECK_FALSE(fs::exists(ok.dir / "x.h5"));
}
