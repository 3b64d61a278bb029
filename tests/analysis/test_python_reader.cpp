// analysis/govsim_results.py reads what govsim writes (under Debian's /usr/bin/python3).
#include <catch2/catch.hpp>

#include "test_support.hpp"

TEST_CASE("the Python reader summarises a result file", "[analysis][python]") {
  if (!govsim::testing::have_python_stack()) {
    WARN("skipped: /usr/bin/python3 lacks h5py/numpy/scipy/matplotlib (install the python3- packages)");
    return;
  }
  govsim::testing::TempDir dir;
  govsim::testing::write_file(dir / "s.toml", "[calendar]\nstart = 2020-01-01\nend = 2020-03-31\n"
                                              "[population]\nresidents = 2000\n");
  const auto run = govsim::testing::run_govsim("run '" + (dir / "s.toml").string() + "' -q -o '" +
                                               (dir / "r.h5").string() + "'");
  REQUIRE(run.exit_code == 0);
  const auto r = govsim::testing::run_python("analysis/govsim_results.py",
                                               std::string("'").append((dir / "r.h5").string()) + "'");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("rate_active") != std::string::npos);
  CHECK(r.output.find("2020-01-01 to 2020-03-31") != std::string::npos);
}
