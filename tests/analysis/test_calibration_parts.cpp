// analysis/calibration_parts.py: a calibration's kept parts packed, unpacked on a "new machine" and
// resumed give the uninterrupted calibration's posterior byte for byte, and `interim` reads the first N kept
// runs as the posterior of a calibration with a budget of N
// (tests/analysis/test_calibration_parts.py).
#include <catch2/catch.hpp>

#include "test_support.hpp"

TEST_CASE("packed calibration parts resume to the same posterior and interim N equals a budget of N", "[calibrate][python]") {
  if (!govsim::testing::have_python_stack()) {
    WARN("skipped: /usr/bin/python3 lacks h5py/numpy/scipy/matplotlib");
    return;
  }
  const auto r = govsim::testing::run_python("tests/analysis/test_calibration_parts.py",
                                             govsim::testing::q(govsim::testing::govsim_binary()));
  INFO(r.output);
  CHECK(r.exit_code == 0);
}
