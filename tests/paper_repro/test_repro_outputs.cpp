// Every paper_repro script has --small, writes by default outside the source tree
// ($TMPDIR/govsim-repro) and leaves `git status` as it found it; the committed outputs are
// refreshed only with --refresh-committed, which --small refuses.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using govsim::testing::q;
using govsim::testing::run_command;

std::string git_status() {
  return run_command("git -C " + q(govsim::testing::source_dir()) + " status --porcelain --untracked-files=all 2>&1")
      .output;
}

bool in_git_checkout() {
  return run_command("git -C " + q(govsim::testing::source_dir()) + " rev-parse --git-dir >/dev/null 2>&1")
             .exit_code == 0;
}

// Runs `script --small [extra]` with TMPDIR pointing at a fresh directory and no --out, then
// checks the default output directory and the git tree.
void check_small_run(const std::string& script, const std::vector<std::string>& outputs, const std::string& extra = "",
                     bool runs_govsim = true) {
  if (!govsim::testing::have_python_stack()) {
    WARN("skipped: /usr/bin/python3 lacks h5py/numpy/scipy/matplotlib");
    return;
  }
  govsim::testing::TempDir tmp;
  const bool git = in_git_checkout();
  const std::string before = git ? git_status() : "";
  const auto r = run_command("env -u GOVSIM_REPRO_OUT TMPDIR=" + q(tmp.path()) + " /usr/bin/python3 " +
                             q(govsim::testing::source_dir() / script) + " --small " +
                             (runs_govsim ? "--govsim " + q(govsim::testing::govsim_binary()) + " " : "") + extra +
                             " 2>&1");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  for (const auto& o : outputs) CHECK(fs::exists(tmp / "govsim-repro" / o));
  if (git) {
    INFO("git status before:\n" << before << "\nafter:\n" << git_status());
    CHECK(git_status() == before);
  } else {
    WARN("not a git checkout: git status not compared");
  }
}

}  // namespace

TEST_CASE("jiaxing_participation.py --small writes outside the tree", "[paper_repro][slow][python]") {
  check_small_run("paper_repro/jiaxing_participation.py", {"jiaxing_participation.png", "jiaxing_participation.json"});
}

TEST_CASE("jiaxing_sensitivity.py --small writes outside the tree", "[paper_repro][slow][python]") {
  check_small_run("paper_repro/jiaxing_sensitivity.py", {"jiaxing_sensitivity.png", "jiaxing_sensitivity.json"});
}

TEST_CASE("jiaxing_conditions.py --small writes outside the tree", "[paper_repro][slow][python]") {
  check_small_run("paper_repro/jiaxing_conditions.py", {"jiaxing_conditions.png", "jiaxing_conditions.json"});
}

TEST_CASE("typology.py --small writes outside the tree", "[paper_repro][slow][python]") {
  check_small_run("paper_repro/typology.py", {"typology.png", "typology.json"});
}

TEST_CASE("typology_sweep.py --small writes outside the tree", "[paper_repro][slow][python]") {
  check_small_run("paper_repro/typology_sweep.py", {"typology_sweep.png", "typology_sweep.json"});
}

TEST_CASE("yuexiu_dispatch.py --small writes outside the tree", "[paper_repro][slow][python]") {
  check_small_run("paper_repro/yuexiu_dispatch.py", {"yuexiu_dispatch.png", "yuexiu_dispatch.json"});
}

TEST_CASE("health_code_diffusion.py --small writes outside the tree", "[paper_repro][slow][python]") {
  check_small_run("paper_repro/health_code_diffusion.py", {"health_code_diffusion.png", "health_code_diffusion.json"});
}

TEST_CASE("zhejiang_five_colour.py --small writes outside the tree", "[paper_repro][slow][python]") {
  check_small_run("paper_repro/zhejiang_five_colour.py", {"zhejiang_five_colour.png", "zhejiang_five_colour.json"});
}

TEST_CASE("jiaxing_referee.py --small writes outside the tree", "[paper_repro][slow][python]") {
  check_small_run("paper_repro/jiaxing_referee.py", {"jiaxing_referee.json"});
}

TEST_CASE("jiaxing_posterior_curve.py --small writes outside the tree", "[paper_repro][slow][python]") {
  // Reads the committed posterior (paper_repro/output/jiaxing_posterior.h5) by default.
  check_small_run("paper_repro/jiaxing_posterior_curve.py", {"jiaxing_posterior_curve.png", "jiaxing_posterior_curve.json"});
}

TEST_CASE("seed002_figures.py --small writes outside the tree", "[paper_repro][slow][python]") {
  check_small_run("paper_repro/seed002_figures.py", {"seed002_figures.png", "seed002_figures.json"});
}

TEST_CASE("refreshing the committed outputs is refused with --small", "[paper_repro][python]") {
  if (!govsim::testing::have_python_stack()) return;
  for (const char* s : {"paper_repro/jiaxing_participation.py", "paper_repro/typology.py", "paper_repro/yuexiu_dispatch.py",
                        "paper_repro/jiaxing_sensitivity.py", "paper_repro/typology_sweep.py",
                        "paper_repro/jiaxing_branch.py", "paper_repro/health_code_diffusion.py",
                        "paper_repro/jiaxing_heldout_sensitivity.py", "paper_repro/zhejiang_five_colour.py",
                        "paper_repro/jiaxing_conditions.py", "paper_repro/jiaxing_referee.py",
                        "paper_repro/jiaxing_posterior_curve.py", "paper_repro/seed002_figures.py",
                        "paper_repro/zhejiang_resumption_limit.py", "paper_repro/zhejiang_city_split.py"}) {
    const auto r = govsim::testing::run_python(s, "--small --refresh-committed");
    INFO(s << ": " << r.output);
    CHECK(r.exit_code == 2);
    CHECK(r.output.find("--refresh-committed") != std::string::npos);
  }
}

TEST_CASE("zhejiang_resumption_limit.py --small reads the committed runs and writes outside the tree",
          "[paper_repro][python]") {
  check_small_run("paper_repro/zhejiang_resumption_limit.py",
                  {"zhejiang_resumption_limit.json", "zhejiang_resumption_limit.png"}, "", false);
}

TEST_CASE("zhejiang_city_split.py --small reads the committed runs and writes outside the tree", "[paper_repro][python]") {
  check_small_run("paper_repro/zhejiang_city_split.py", {"zhejiang_city_split.json", "zhejiang_city_split.png"}, "", false);
}

TEST_CASE("zhejiang_city_split.py gives the known figures of synthetic calibration runs", "[paper_repro][python]") {
  if (!govsim::testing::have_python_stack()) {
    WARN("skipped: /usr/bin/python3 lacks h5py/numpy/scipy/matplotlib");
    return;
  }
  const auto r = govsim::testing::run_python("tests/paper_repro/test_zhejiang_city_split.py", "");
  INFO(r.output);
  CHECK(r.exit_code == 0);
}

TEST_CASE("zhejiang_resumption_limit.py gives the known figures of synthetic calibration runs", "[paper_repro][python]") {
  if (!govsim::testing::have_python_stack()) {
    WARN("skipped: /usr/bin/python3 lacks h5py/numpy/scipy/matplotlib");
    return;
  }
  const auto r = govsim::testing::run_python("tests/paper_repro/test_zhejiang_resumption_limit.py", "");
  INFO(r.output);
  CHECK(r.exit_code == 0);
}

TEST_CASE("jiaxing_branch.py --small writes outside the tree", "[paper_repro][slow]") {
  check_small_run("paper_repro/jiaxing_branch.py", {"jiaxing_branch.png", "jiaxing_branch.json"});
}

TEST_CASE("jiaxing_heldout_sensitivity.py --small writes outside the tree", "[paper_repro][slow][python]") {
  check_small_run("paper_repro/jiaxing_heldout_sensitivity.py", {"jiaxing_heldout_sensitivity.json"});
}

TEST_CASE("yuexiu_dispatch.py --posterior draws the predictive band and says what was fitted and held out",
          "[paper_repro][slow][python]") {
  if (!govsim::testing::have_python_stack()) return;
  govsim::testing::TempDir dir;
  // The shipped Yuexiu calibration cut to one generation of 4 particles at 1/100 scale.
  std::string cal = govsim::testing::read_file(govsim::testing::source_dir() / "paper_repro/calibrations/yuexiu.toml");
  const std::string src = govsim::testing::source_dir().string();
  auto replace = [&cal](const std::string& from, const std::string& to) {
    const size_t at = cal.find(from);
    REQUIRE(at != std::string::npos);
    cal.replace(at, from.size(), to);
  };
  std::string scenarios(1, '"'), targets(1, '"');
  scenarios += src;
  scenarios += "/scenarios/";
  targets += src;
  targets += "/paper_repro/targets/";
  replace("\"../../scenarios/", scenarios);
  replace("\"../targets/", targets);
  replace("set = [\"", "set = [\"population.residents=11700\", \"");
  replace("particles = 40", "particles = 4");
  replace("max_generations = 10", "max_generations = 1");
  replace("max_simulations = 320", "max_simulations = 8");
  govsim::testing::write_file(dir / "cal.toml", cal);
  const fs::path post = dir / "post.h5";
  std::string args = "calibrate ";
  args += q(dir / "cal.toml");
  args += " -o ";
  args += q(post);
  args += " -q";
  const auto c = govsim::testing::run_govsim(args);
  INFO(c.output);
  REQUIRE(c.exit_code == 0);
  std::string py = "--small --govsim ";
  py += q(govsim::testing::govsim_binary());
  py += " --posterior ";
  py += q(post);
  py += " --out ";
  py += q(dir.path());
  const auto r = govsim::testing::run_python("paper_repro/yuexiu_dispatch.py", py);
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(fs::exists(dir / "yuexiu_dispatch.png"));
  const std::string json = govsim::testing::read_file(dir / "yuexiu_dispatch.json");
  CHECK_THAT(json, Catch::Contains("\"posterior_predictive\"") && Catch::Contains("\"use\": \"holdout\"") &&
                       Catch::Contains("\"use\": \"fit\"") && Catch::Contains("\"use\": \"not used\"") &&
                       Catch::Contains("\"inside_90\""));
}

TEST_CASE("the Zhejiang scripts run the committed full-scale posterior with its own settings and target uses",
          "[paper_repro][slow][python]") {
  if (!govsim::testing::have_python_stack()) return;
  const std::string post = (govsim::testing::source_dir() / "paper_repro/output/zhejiang_full_scale_posterior.h5").string();
  check_small_run("paper_repro/zhejiang_predictive.py", {"zhejiang_predictive.json"}, q(post));
  check_small_run("paper_repro/zhejiang_five_colour.py", {"zhejiang_five_colour.png", "zhejiang_five_colour.json"},
                  "--posterior " + q(post));
  // One --small run of each script into a directory of ours, read back: the calibration's `set`
  // (the sparse scheme) reaches the runs, and the 9 Feb map is labelled fitted because that
  // calibration fits it.
  govsim::testing::TempDir out;
  auto run_and_read = [&](const std::string& script, const std::string& args, const std::string& json) {
    const auto r = run_command("/usr/bin/python3 " + q(govsim::testing::source_dir() / script) + " " + args +
                               " --small --govsim " + q(govsim::testing::govsim_binary()) + " --out " + q(out.path()) +
                               " 2>&1");
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    return govsim::testing::read_file(out / json);
  };
  const std::string pred = run_and_read("paper_repro/zhejiang_predictive.py", q(post), "zhejiang_predictive.json");
  CHECK(pred.find("zhejiang.epidemic.scheme=sparse") != std::string::npos);
  // The predictions run to 31 Mar even when the calibration's runs ended earlier (its calendar.end).
  CHECK(pred.find("\"date\": \"2020-03-31\"") != std::string::npos);
  CHECK(pred.find("\"figure\": \"counties_blue\",\n   \"date\": \"2020-02-09\",\n   \"use\": \"fitted\"") != std::string::npos);
  // The later published maps are read from paper_repro/targets/zhejiang_held_out_maps.csv and labelled
  // held out, with their published counts (48 green on 12 Feb).
  CHECK(pred.find("\"figure\": \"counties_green\",\n   \"date\": \"2020-02-12\",\n   \"use\": \"held out\",\n"
                  "   \"published\": 48") != std::string::npos);
  CHECK(pred.find("\"figure\": \"counties_blue\",\n   \"date\": \"2020-02-18\",\n   \"use\": \"held out\",\n"
                  "   \"published\": 9") != std::string::npos);  // found in session 30
  const std::string cf =
      run_and_read("paper_repro/zhejiang_five_colour.py", "--posterior " + q(post), "zhejiang_five_colour.json");
  CHECK(cf.find("\"calibrated\": true") != std::string::npos);
  CHECK(cf.find("\"held_out_maps\"") != std::string::npos);
  CHECK(cf.find("zhejiang.epidemic.scheme=sparse") != std::string::npos);
  // The arms are compared within each replicate (same particle and seed): (a) against itself is 1.
  CHECK(cf.find("\"paired_ratio_to_a\"") != std::string::npos);
  CHECK(cf.find("\"a_by_colour\": {\n   \"cases\": [\n    1.0,") != std::string::npos);
}
