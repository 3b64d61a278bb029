// ABC-SMC on the reference model: it recovers a known truth, reports a parameter the targets
// cannot identify, gives the same posterior on 1 and 2 threads and after an interruption and
// --resume. Small on purpose (30 particles, 500 residents): a few seconds in Release.
#include <catch2/catch.hpp>

#include <cstring>
#include <filesystem>

#include "calibration_test_data.hpp"
#include "sim/calibrate/calibrate_job.hpp"
#include "sim/calibrate/summary.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/io/hdf5_util.hpp"
#include "sim/io/result_tables.hpp"
#include "sim/io/result_writer.hpp"
#include "sim/scenario/scenario.hpp"
#include "test_support.hpp"

using namespace govsim;
using namespace govsim::calibrate;
using govsim::testing::TempDir;
using govsim::testing::write_file;

namespace {

// Mean engagement in Feb, May and Mar of the base scenario run with the true values.
std::vector<double> synthetic_observations(const TempDir& dir) {
  const Scenario sc = parse_scenario(govsim::testing::kSweepBase, "base.toml",
                                     {"reference.crisis_sensitivity=" + std::to_string(govsim::testing::kTrueCrisisSensitivity),
                                      "reference.base_engagement=" + std::to_string(govsim::testing::kTrueBaseEngagement),
                                      "run.seed=99"});
  const std::string path = (dir / "truth.h5").string();
  write_hdf5_result(simulate_scenario(sc, RunOptions{"test", 1, nullptr}), path, [](int64_t) {});
  const ResultTables t = read_result_tables(path);
  const SeriesTable* s = t.find_monthly("mean_engagement");
  REQUIRE(s);
  return {s->total(1), s->total(4), s->total(2)};
}

// Writes base.toml and cal.toml (synthetic targets from the truth) into `dir`.
std::string prepare(const TempDir& dir, uint32_t generations = 4) {
  const std::vector<double> obs = synthetic_observations(dir);
  write_file(dir / "base.toml", govsim::testing::kSweepBase);
  write_file(dir / "cal.toml", govsim::testing::calibration_text(obs[0], obs[1], obs[2], "", generations));
  return (dir / "cal.toml").string();
}

CalOptions quiet(uint32_t threads) {
  CalOptions o;
  o.threads = threads;
  o.quiet = true;
  return o;
}

std::vector<double> dataset(const std::filesystem::path& file, const std::string& name) {
  h5::Handle f(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  REQUIRE(f.valid());
  return h5::read_dataset_doubles(f, name, nullptr);
}

void check_same_posterior(const CalOutcome& a, const CalOutcome& b) {
  REQUIRE(a.generations.size() == b.generations.size());
  for (size_t g = 0; g < a.generations.size(); ++g) {
    CHECK(a.generations[g].values == b.generations[g].values);
    CHECK(a.generations[g].weights == b.generations[g].weights);
    CHECK(a.generations[g].distances == b.generations[g].distances);
    CHECK(a.generations[g].simulations == b.generations[g].simulations);
  }
}

// The two identifiable parameters: the truth inside the 90 % credible interval, and a posterior
// whose variance is under (1 - min_contraction) of the prior's.
void check_recovers_truth(const std::string& cal, const CalOutcome& out, double min_contraction) {
  const PosteriorSummary s = summarise(load_calibration(cal), out.generations.back());
  const double truth[] = {govsim::testing::kTrueCrisisSensitivity, govsim::testing::kTrueBaseEngagement};
  for (size_t p = 0; p < 2; ++p) {
    INFO("parameter " << p << ": 90 % interval [" << s.params[p].q05 << ", " << s.params[p].q95 << "], contraction "
                      << s.params[p].contraction);
    CHECK(s.params[p].q05 <= truth[p]);
    CHECK(s.params[p].q95 >= truth[p]);
    CHECK(s.params[p].contraction > min_contraction);
    CHECK(s.params[p].identified == (min_contraction >= 0.5));
  }
}

}  // namespace

TEST_CASE("ABC-SMC recovers the true values of the reference model", "[calibrate]") {
  TempDir dir;
  const std::string cal = prepare(dir);
  const CalOutcome out = run_calibration(cal, (dir / "post.h5").string(), quiet(2));
  check_recovers_truth(cal, out, 0.7);  // posterior sd well under 55 % of the prior's
  CHECK(std::filesystem::exists(dir / "post.h5"));
  CHECK_FALSE(std::filesystem::exists(dir / "post.h5.parts"));
}

TEST_CASE("a parameter no target measures keeps a prior-wide posterior and is reported as not identified",
          "[calibrate]") {
  TempDir dir;
  const std::string cal = prepare(dir);
  const std::string post = (dir / "post.h5").string();
  const CalOutcome out = run_calibration(cal, post, quiet(2));
  const PosteriorSummary s = summarise(load_calibration(cal), out.generations.back());
  INFO("contraction of reference.elderly_activity_factor: " << s.params[2].contraction);
  CHECK(s.params[2].contraction < 0.4);
  CHECK_FALSE(s.params[2].identified);
  const auto info = govsim::testing::run_govsim("info '" + post + "'");
  CHECK(info.exit_code == 0);
  CHECK_THAT(info.output, Catch::Matches("(.|\n)*reference.elderly_activity_factor[^\n]*NOT IDENTIFIED(.|\n)*"));
  CHECK_THAT(info.output, Catch::Contains("engagement_mar"));
  CHECK_THAT(info.output, Catch::Contains("HOLDOUT"));
  CHECK_THAT(info.output, Catch::Contains("verdict:     NOT CONVERGED"));  // stopped by max_generations
}

TEST_CASE("ABC-SMC with the OLCM kernel recovers the truth and is the same on 1 and 2 threads", "[calibrate]") {
  TempDir dir;
  const std::vector<double> obs = synthetic_observations(dir);
  write_file(dir / "base.toml", govsim::testing::kSweepBase);
  write_file(dir / "cal.toml", govsim::testing::calibration_text(obs[0], obs[1], obs[2], "kernel = \"olcm\"\n", 4));
  const std::string cal = (dir / "cal.toml").string();
  REQUIRE(load_calibration(cal).kernel == KernelKind::Olcm);
  const CalOutcome two = run_calibration(cal, (dir / "two.h5").string(), quiet(2));
  check_recovers_truth(cal, two, 0.7);
  const CalOutcome one = run_calibration(cal, (dir / "one.h5").string(), quiet(1));
  check_same_posterior(one, two);
  // Not the global kernel's posterior: the option changes the proposals.
  write_file(dir / "global.toml", govsim::testing::calibration_text(obs[0], obs[1], obs[2], "", 4));
  const CalOutcome global = run_calibration((dir / "global.toml").string(), (dir / "global.h5").string(), quiet(2));
  CHECK(global.generations.back().values != two.generations.back().values);
  WARN("acceptance by generation, global vs OLCM: " << global.generations[1].acceptance_rate << "/"
       << two.generations[1].acceptance_rate << ", " << global.generations[2].acceptance_rate << "/"
       << two.generations[2].acceptance_rate << ", " << global.generations[3].acceptance_rate << "/"
       << two.generations[3].acceptance_rate << "; last ESS " << global.generations.back().ess << "/"
       << two.generations.back().ess);
}

TEST_CASE("a calibration gives the same posterior on 1 and 2 threads", "[calibrate]") {
  TempDir dir;
  const std::string cal = prepare(dir, 2);
  const CalOutcome one = run_calibration(cal, (dir / "one.h5").string(), quiet(1));
  const CalOutcome two = run_calibration(cal, (dir / "two.h5").string(), quiet(2));
  check_same_posterior(one, two);
}

TEST_CASE("an interrupted calibration resumed with --resume ends with the same posterior", "[calibrate]") {
  TempDir dir;
  const std::string cal = prepare(dir, 3);
  const CalOutcome whole = run_calibration(cal, (dir / "whole.h5").string(), quiet(2));
  const std::string post = (dir / "resumed.h5").string();
  CalOptions stop = quiet(2);
  stop.stop_after_runs = 45;  // in the middle of generation 1
  CHECK_THROWS_AS(run_calibration(cal, post, stop), Interrupted);
  CHECK_FALSE(std::filesystem::exists(post));
  CalOptions again = quiet(1);
  CHECK_THROWS_AS(run_calibration(cal, post, again), UsageError);  // parts exist: --resume or --force
  again.resume = true;
  const CalOutcome resumed = run_calibration(cal, post, again);
  CHECK(resumed.resumed >= 45);
  check_same_posterior(whole, resumed);
  // The posterior datasets are identical byte for byte.
  for (const char* ds : {"particles/values", "particles/weights", "particles/distances", "parameters/contraction",
                         "parameters/correlation", "targets/predictive_median", "targets/predictive_q05",
                         "targets/predictive_q95", "history/tolerance"}) {
    INFO(ds);
    const std::vector<double> x = dataset(dir / "whole.h5", ds), y = dataset(post, ds);
    REQUIRE(x.size() == y.size());
    CHECK(std::memcmp(x.data(), y.data(), x.size() * sizeof(double)) == 0);
  }
}

TEST_CASE("a finished calibration kept with --keep-parts is extended by --resume to the longer run's posterior",
          "[calibrate]") {
  TempDir dir;
  const std::string cal = prepare(dir, 2);
  const std::string post = (dir / "post.h5").string();
  CalOptions keep = quiet(2);
  keep.keep_parts = true;
  const CalOutcome short_run = run_calibration(cal, post, keep);
  REQUIRE(short_run.generations.size() == 2);
  CHECK(std::filesystem::is_directory(post + ".parts"));
  // The same calibration with one more generation: a stop rule, not part of the resume key.
  const std::vector<double> obs = synthetic_observations(dir);
  write_file(dir / "cal.toml", govsim::testing::calibration_text(obs[0], obs[1], obs[2], "", 3));
  CHECK_THROWS_AS(run_calibration(cal, post, quiet(2)), UsageError);  // the posterior exists: not without --resume
  CalOptions extend = quiet(1);
  extend.resume = true;
  const CalOutcome extended = run_calibration(cal, post, extend);
  CHECK(extended.resumed == short_run.generations.back().simulations);
  CHECK(extended.executed == extended.generations.back().simulations - short_run.generations.back().simulations);
  CHECK_FALSE(std::filesystem::exists(post + ".parts"));  // not asked to keep them this time
  const CalOutcome whole = run_calibration(cal, (dir / "whole.h5").string(), quiet(2));
  REQUIRE(whole.generations.size() == 3);
  check_same_posterior(whole, extended);
  const std::vector<double> x = dataset(dir / "whole.h5", "particles/values"), y = dataset(post, "particles/values");
  REQUIRE(x.size() == y.size());
  CHECK(std::memcmp(x.data(), y.data(), x.size() * sizeof(double)) == 0);
}

TEST_CASE("an existing posterior is replaced only with --force, and part-store messages speak of a calibration",
          "[calibrate]") {
  TempDir dir;
  const std::string cal = prepare(dir, 1);
  const std::string post = (dir / "post.h5").string();
  (void)run_calibration(cal, post, quiet(2));
  const auto written = std::filesystem::last_write_time(post);
  try {
    (void)run_calibration(cal, post, quiet(2));
    FAIL("a second calibration replaced the posterior without --force");
  } catch (const UsageError& e) {
    CHECK_THAT(e.what(), Catch::Contains("already exists") && Catch::Contains("--force"));
  }
  CHECK(std::filesystem::last_write_time(post) == written);
  CHECK_FALSE(std::filesystem::exists(dir / "post.h5.parts"));
  // Unfinished parts of another output: the message names a calibration, not a sweep.
  const std::string other = (dir / "other.h5").string();
  CalOptions stop = quiet(1);
  stop.stop_after_runs = 5;
  CHECK_THROWS_AS(run_calibration(cal, other, stop), Interrupted);
  try {
    (void)run_calibration(cal, other, quiet(1));
    FAIL("parts of an unfinished calibration were reused without --resume");
  } catch (const UsageError& e) {
    CHECK_THAT(e.what(), Catch::Contains("unfinished calibration") && !Catch::Contains("sweep"));
  }
  CalOptions force = quiet(2);
  force.force = true;
  (void)run_calibration(cal, post, force);
  CHECK(std::filesystem::exists(post));
}

TEST_CASE("the Gaussian synthetic likelihood recovers the true values of the reference model", "[calibrate][heavy]") {
  TempDir dir;
  const std::vector<double> obs = synthetic_observations(dir);
  write_file(dir / "base.toml", govsim::testing::kSweepBase);
  std::string text = govsim::testing::calibration_text(obs[0], obs[1], obs[2], "discrepancy = \"synthetic_likelihood\"\n", 16);
  const size_t at = text.find("replicates = 1");
  REQUIRE(at != std::string::npos);
  text.replace(at, 14, "replicates = 2");
  write_file(dir / "cal.toml", text);
  const std::string cal = (dir / "cal.toml").string();
  const CalOutcome out = run_calibration(cal, (dir / "post.h5").string(), quiet(2));
  INFO("stopped: " << out.stop_reason);  // NOLINT
  CHECK(out.generations.back().tolerance == 1.0);  // the posterior is at full likelihood weight
  check_recovers_truth(cal, out, 0.5);
  const std::string post = (dir / "post.h5").string();
  const auto info = govsim::testing::run_govsim("info '" + post + "'");
  CHECK_THAT(info.output, Catch::Contains("synthetic likelihood") && Catch::Contains("tempering exponent"));
}
