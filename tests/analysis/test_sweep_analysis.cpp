// The Python analysis (analysis/sweep_results.py, sensitivity.py, plot_sweep.py, adoption_hazard.py) and the
// Jiaxing sensitivity script, run under Debian's /usr/bin/python3 by their own test scripts.
#include <catch2/catch.hpp>

#include "test_support.hpp"

namespace {

// Runs a Python test script (exit status 0 = all its checks passed); skipped without the stack.
void check_python_test(const std::string& script) {
  if (!govsim::testing::have_python_stack()) {
    WARN("skipped: /usr/bin/python3 lacks h5py/numpy/scipy/matplotlib");
    return;
  }
  const auto r = govsim::testing::run_python(script);
  INFO(r.output);
  CHECK(r.exit_code == 0);
}

}  // namespace

TEST_CASE("Sobol and Morris estimators match known answers (Ishigami, linear)", "[analysis][python]") {
  check_python_test("tests/analysis/test_sensitivity.py");
}

TEST_CASE("the Cox model of adoption dates recovers known hazard ratios (Breslow ties, strata)",
          "[analysis][python]") {
  check_python_test("tests/analysis/test_adoption_hazard.py");
}

TEST_CASE("the sweep reader, sensitivity and plot tools work on synthetic sweep files", "[analysis][python]") {
  check_python_test("tests/analysis/test_sweep_reader.py");
}

TEST_CASE("the Jiaxing sensitivity script runs small on a real govsim sweep", "[analysis][sweep][python]") {
  // Without the subcommand, `govsim sweep --help` prints the main help (and exits 0).
  if (!govsim::testing::have_python_stack() ||
      govsim::testing::run_govsim("sweep --help").output.find("govsim sweep") == std::string::npos) {
    WARN("skipped: no Python stack or no `govsim sweep`");
    return;
  }
  govsim::testing::TempDir dir;
  const std::string out = (dir / "out").string();
  const auto r = govsim::testing::run_python("paper_repro/jiaxing_sensitivity.py",
                        "--small --threads 1 --govsim '" + govsim::testing::govsim_binary().string() +
                            "' --out '" + out + "'");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.find("jiaxing.") != std::string::npos);
  const auto reader = govsim::testing::run_python("tests/analysis/test_sweep_reader.py", "'" + out + "/jiaxing_sensitivity_sweep_small.h5'");
  INFO(reader.output);
  CHECK(reader.exit_code == 0);
}
