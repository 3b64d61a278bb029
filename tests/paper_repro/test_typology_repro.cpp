// paper_repro/typology.py runs end to end in its --small mode (under Debian's /usr/bin/python3).
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "test_support.hpp"

TEST_CASE("the typology repro script runs in --small mode", "[paper_repro]") {
  if (std::system("/usr/bin/python3 -c 'import h5py, numpy, matplotlib' >/dev/null 2>&1") != 0) {
    WARN("skipped: /usr/bin/python3 lacks h5py/numpy/matplotlib (install python3-h5py python3-numpy python3-matplotlib)");
    return;
  }
  govsim::testing::TempDir dir;
  const std::string cmd = "/usr/bin/python3 '" +
                          (govsim::testing::source_dir() / "paper_repro/typology.py").string() +
                          "' --small --out '" + dir.path().string() + "' --govsim '" +
                          govsim::testing::govsim_binary().string() + "' 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int status = ::pclose(p);
  INFO(out);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(std::filesystem::exists(dir / "typology.png"));
  CHECK(std::filesystem::exists(dir / "typology.json"));
}
