// Calibration files: a good one parses; each kind of mistake is one InputError at the file's
// line:col naming the key and what was expected; the CLI exits non-zero and writes nothing, and
// reports the rounds of a long generation.
#include <catch2/catch.hpp>

#include <regex>
#include <sstream>

#include "calibration_test_data.hpp"
#include "sim/calibrate/abc_smc.hpp"
#include "sim/calibrate/cal_spec.hpp"
#include "test_support.hpp"

using namespace govsim;
using namespace govsim::calibrate;
using govsim::testing::TempDir;
using govsim::testing::write_file;

namespace {

// Writes base.toml and cal.toml with `text` into `dir`; returns cal.toml's path.
std::string write_calibration(const TempDir& dir, const std::string& text) {
  write_file(dir / "base.toml", govsim::testing::kSweepBase);
  write_file(dir / "cal.toml", text);
  return (dir / "cal.toml").string();
}

std::string error_of(const std::string& text) {
  TempDir dir;
  try {
    (void)load_calibration(write_calibration(dir, text));
  } catch (const InputError& e) {
    return std::string(e.what()).substr(e.loc().file.size());
  }
  return "(no error)";
}

const std::string kGood = govsim::testing::calibration_text(0.65, 0.07, 0.1);

std::string replaced(std::string s, const std::string& from, const std::string& to) {
  const size_t at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

// The error of the good file with one piece of text replaced.
std::string error_after(const std::string& from, const std::string& to) { return error_of(replaced(kGood, from, to)); }

}  // namespace

TEST_CASE("a calibration file with inline targets parses", "[calibrate]") {
  TempDir dir;
  const CalSpec s = load_calibration(write_calibration(dir, kGood));
  CHECK(s.particles == 30);
  REQUIRE(s.params.size() == 3);
  CHECK(s.params[0].prior.lower == 0);
  CHECK(s.params[0].prior.upper == 1);  // the parameter's declared range
  REQUIRE(s.targets.size() == 3);
  CHECK(s.targets[2].use == TargetUse::Holdout);
  CHECK(s.targets[1].absolute == 0.005);
}

TEST_CASE("an unknown calibration key gets a did-you-mean at its line and column", "[calibrate]") {
  CHECK(error_after("particles = 30", "partcles = 30") ==
        ":4:1: calibration.partcles: unknown key 'partcles'; did you mean 'particles'?");
}

TEST_CASE("an unknown parameter gets the closest declared one", "[calibrate]") {
  CHECK_THAT(error_after("reference.crisis_sensitivity", "reference.crisis_sensitivty"),
             Catch::Contains("calibration.parameters[1].name: unknown parameter 'reference.crisis_sensitivty'; did "
                             "you mean 'reference.crisis_sensitivity'?"));
}

TEST_CASE("a prior outside the parameter's declared range is refused", "[calibrate]") {
  CHECK_THAT(error_after("upper = 0.3", "upper = 1.5"),
             Catch::Contains("calibration.parameters[2].upper: the prior's upper bound 1.5 is outside "
                             "reference.base_engagement's declared range [0.0, 1.0]"));
}

TEST_CASE("a misspelt prior kind gets a did-you-mean", "[calibrate]") {
  CHECK_THAT(error_after("prior = \"uniform\"", "prior = \"unifrom\""),
             Catch::Contains("calibration.parameters[1].prior: expected one of \"uniform\", \"log_uniform\", "
                             "\"normal\", \"beta\", got \"unifrom\"; did you mean \"uniform\"?"));
}

TEST_CASE("a normal prior needs its standard deviation", "[calibrate]") {
  CHECK_THAT(error_after("prior = \"uniform\"", "prior = \"normal\"\nmean = 0.5"),
             Catch::Contains("calibration.parameters[1].sd: missing required key 'sd'"));
}

TEST_CASE("a target id missing from the targets file is named with the closest id", "[calibrate]") {
  TempDir dir;
  write_file(dir / "t.toml", "case = \"x\"\n[[target]]\nid = \"engagement_feb\"\nvalue = 0.6\nkind = \"point\"\n"
                             "maps_to = { series = \"mean_engagement\", month = \"2020-02\" }\n"
                             "tolerance = { absolute = 0.01, reason = \"test\" }\n");
  const std::string text = "[calibration]\nscenario = \"base.toml\"\ntargets = \"t.toml\"\nseed = 1\n"
                           "[[calibration.parameters]]\nname = \"reference.crisis_sensitivity\"\nprior = \"uniform\"\n"
                           "[[calibration.target]]\nid = \"engagement_fb\"\nuse = \"fit\"\n";
  write_file(dir / "base.toml", govsim::testing::kSweepBase);
  write_file(dir / "cal.toml", text);
  try {
    (void)load_calibration((dir / "cal.toml").string());
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK_THAT(e.what(), Catch::Contains(":9:1: calibration.target[1].id: no target 'engagement_fb' in"));
    CHECK_THAT(e.what(), Catch::Contains("did you mean 'engagement_feb'?"));
  }
}

TEST_CASE("calibration.set overrides are checked against the base scenario", "[calibrate]") {
  CHECK_THAT(error_after("seed = 3", "set = [\"population.residnts=100\"]\nseed = 3"),
             Catch::Contains("calibration.set: the base scenario with these overrides is not valid"));
  TempDir dir;
  const CalSpec s = load_calibration(write_calibration(dir, replaced(kGood, "seed = 3", "set = [\"population.residents=200\"]\nseed = 3")));
  CHECK(s.fixed == std::vector<std::string>{"population.residents=200"});
}

TEST_CASE("a simulation budget smaller than one round of particles is refused before any run", "[calibrate]") {
  CHECK_THAT(error_after("max_simulations = 3000", "max_simulations = 10"),
             Catch::Contains("calibration.stop.max_simulations: expected at least particles x replicates = 30"));
}

TEST_CASE("a calibration with no fitted target is refused", "[calibrate]") {
  std::string text = kGood;
  for (size_t at; (at = text.find("use = \"fit\"")) != std::string::npos;) text.replace(at, 11, "use = \"holdout\"");
  CHECK_THAT(error_of(text), Catch::Contains("calibration.target: no target has use = \"fit\""));
}

TEST_CASE("govsim calibrate on a bad file exits non-zero and writes nothing", "[calibrate][cli]") {
  TempDir dir;
  const std::string cal = write_calibration(dir, replaced(kGood, "use = \"holdout\"", "use = \"holdot\""));
  const auto r = govsim::testing::run_govsim("calibrate '" + cal + "' -o '" + (dir / "post.h5").string() + "'");
  CHECK(r.exit_code != 0);
  CHECK_THAT(r.output, Catch::Contains("calibration.target[3].use: expected one of \"fit\", \"holdout\", got \"holdot\"; "
                                       "did you mean \"holdout\"?"));
  CHECK_FALSE(std::filesystem::exists(dir / "post.h5"));
  CHECK_FALSE(std::filesystem::exists(dir / "post.h5.parts"));
}

TEST_CASE("the resume hash follows the resolved calibration, not its comments or layout", "[calibrate]") {
  auto hash_of = [](const std::string& text) {
    TempDir dir;
    return plan_hash(load_calibration(write_calibration(dir, text)));
  };
  const std::string base = hash_of(kGood);
  // Comments, blank lines, spacing and a number written differently: the same calibration.
  std::string commented = "# a calibration of the reference model\n\n" + kGood;
  commented = replaced(commented, "particles = 30", "particles   =   30   # population size");
  commented = replaced(commented, "lower = 0.0", "lower = 0.000  # no engagement");
  CHECK(hash_of(commented) == base);
  // Stop rules decide when to stop, not what a run is: a larger budget continues the same runs.
  CHECK(hash_of(replaced(kGood, "max_generations = ", "max_generations = 1")) == base);
  CHECK(hash_of(replaced(kGood, "max_simulations = 3000", "max_simulations = 5000")) == base);
  // A changed setting, prior, target value or use is a different calibration.
  CHECK(hash_of(replaced(kGood, "particles = 30", "particles = 31")) != base);
  CHECK(hash_of(replaced(kGood, "upper = 0.3", "upper = 0.31")) != base);
  CHECK(hash_of(replaced(kGood, "error = 0.005", "error = 0.006")) != base);
  CHECK(hash_of(replaced(kGood, "use = \"holdout\"", "use = \"fit\"")) != base);
}

TEST_CASE("the kernel is global or olcm, olcm only with the ABC distance, and only olcm changes the resume key",
          "[calibrate]") {
  CHECK_THAT(error_after("particles = 30\n", "particles = 30\nkernel = \"olmc\"\n"),
             Catch::Contains("calibration.kernel") && Catch::Contains("did you mean \"olcm\"?"));
  CHECK_THAT(error_after("replicates = 1\n", "replicates = 2\ndiscrepancy = \"synthetic_likelihood\"\nkernel = \"olcm\"\n"),
             Catch::Contains("calibration.kernel") && Catch::Contains("synthetic likelihood"));
  auto hash_of = [](const std::string& text) {
    TempDir dir;
    return plan_hash(load_calibration(write_calibration(dir, text)));
  };
  const std::string base = hash_of(kGood);
  CHECK(hash_of(replaced(kGood, "particles = 30\n", "particles = 30\nkernel = \"global\"\n")) == base);
  CHECK(hash_of(replaced(kGood, "particles = 30\n", "particles = 30\nkernel = \"olcm\"\n")) != base);
}

TEST_CASE("a synthetic likelihood needs two replicates and a known discrepancy name", "[calibrate]") {
  CHECK_THAT(error_after("particles = 30\n", "particles = 30\ndiscrepancy = \"synthetic_likelihood\"\n"),
             Catch::Contains("calibration.replicates: a synthetic likelihood needs replicates >= 2"));
  CHECK_THAT(error_after("particles = 30\n", "particles = 30\ndiscrepancy = \"synthetic_likelyhood\"\n"),
             Catch::Contains("did you mean \"synthetic_likelihood\"?"));
}

TEST_CASE("govsim calibrate reports each round of a generation that needs several and -q silences it", "[calibrate][cli]") {
  TempDir dir;
  const std::string cal = write_calibration(dir, kGood);
  const auto r = govsim::testing::run_govsim("calibrate '" + cal + "' -o '" + (dir / "post.h5").string() + "' --threads 2");
  REQUIRE(r.exit_code == 0);
  // A round line: accepted so far (< particles), candidates so far (whole rounds of 30), cumulative runs.
  const std::regex round_line(R"(generation (\d+): (\d+) of 30 particles within tolerance \S+ after (\d+) candidates, simulations (\d+))");
  const std::regex end_line(R"(generation (\d+): tolerance \S+, acceptance \S+, ESS \S+, simulations (\d+))");
  std::istringstream lines(r.output);
  std::string line;
  int rounds = 0;
  unsigned long long gen_start = 0, last_accepted = 0;
  for (std::smatch m; std::getline(lines, line);) {
    if (std::regex_search(line, m, round_line)) {
      ++rounds;
      const unsigned long long accepted = std::stoull(m[2]), candidates = std::stoull(m[3]), runs = std::stoull(m[4]);
      CHECK(std::stoi(m[1]) > 0);  // generation 0 accepts every prior draw in one round
      CHECK(accepted < 30);
      CHECK(accepted >= last_accepted);
      CHECK(candidates % 30 == 0);
      CHECK(runs == gen_start + candidates);  // one replicate per candidate
      last_accepted = accepted;
    } else if (std::regex_search(line, m, end_line)) {
      gen_start = std::stoull(m[2]);
      last_accepted = 0;
    }
  }
  CHECK(rounds > 0);  // the reference calibration's later generations accept fewer than 1 in 1
  const auto q = govsim::testing::run_govsim("calibrate '" + cal + "' -o '" + (dir / "q.h5").string() + "' --threads 2 -q");
  REQUIRE(q.exit_code == 0);
  CHECK(q.output.find("particles within tolerance") == std::string::npos);
}
