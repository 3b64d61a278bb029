// analysis/govsim_results.py reads what govsim writes (under Debian's /usr/bin/python3).
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>

#include "test_support.hpp"

TEST_CASE("the Python reader summarises a result file", "[analysis]") {
  if (std::system("/usr/bin/python3 -c 'import h5py, numpy' >/dev/null 2>&1") != 0) {
    WARN("skipped: /usr/bin/python3 lacks h5py/numpy (install python3-h5py python3-numpy)");
    return;
  }
  govsim::testing::TempDir dir;
  govsim::testing::write_file(dir / "s.toml", "[calendar]\nstart = 2020-01-01\nend = 2020-03-31\n"
                                              "[population]\nresidents = 2000\n");
  const auto run = govsim::testing::run_govsim("run '" + (dir / "s.toml").string() + "' -q -o '" +
                                               (dir / "r.h5").string() + "'");
  REQUIRE(run.exit_code == 0);
  const std::string cmd = "/usr/bin/python3 '" +
                          (govsim::testing::source_dir() / "analysis/govsim_results.py").string() +
                          "' '" + (dir / "r.h5").string() + "' 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int status = ::pclose(p);
  INFO(out);
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(out.find("rate_active") != std::string::npos);
  CHECK(out.find("2020-01-01 to 2020-03-31") != std::string::npos);
}
