// analysis/govsim_results.py and analysis/sweep_results.py on corrupt files (issue 10): one
// exception type as a library, one error line and exit 1 as scripts, no traceback, no hang.
#include <catch2/catch.hpp>

#include "test_support.hpp"

TEST_CASE("the Python readers give one-line errors on corrupt files", "[analysis][faults][python]") {
  if (!govsim::testing::have_python_stack()) {
    WARN("skipped: /usr/bin/python3 lacks h5py/numpy/scipy/matplotlib (install the python3- packages)");
    return;
  }
  govsim::testing::TempDir dir;
  govsim::testing::write_file(dir / "s.toml", "[run]\nmodel = \"reference\"\nseed = 5\n[calendar]\nstart = 2020-01-01\n"
                                              "end = 2020-01-31\n[population]\nresidents = 300\n"
                                              "[network]\ncommunity_size = 100\n");
  govsim::testing::write_file(dir / "sweep.toml", "[sweep]\nscenario = \"s.toml\"\nseed = 3\ndesign = \"grid\"\n"
                                                  "[[sweep.parameters]]\nname = \"reference.social_weight\"\n"
                                                  "values = [0.1, 0.2]\n");
  const std::string d = dir.path().string();
  REQUIRE(govsim::testing::run_govsim("run '" + d + "/s.toml' -q -t 1 -o '" + d + "/r.h5'").exit_code == 0);
  REQUIRE(govsim::testing::run_govsim("sweep '" + d + "/sweep.toml' -q -t 1 -o '" + d + "/w.h5'").exit_code == 0);
  const auto r = govsim::testing::run_python("tests/analysis/test_corrupt_readers.py", "'" + d + "/r.h5' '" + d + "/w.h5'");
  INFO(r.output);
  CHECK(r.exit_code == 0);
}
