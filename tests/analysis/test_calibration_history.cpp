// analysis/calibration_history.py: per-generation quantiles and shifts of a posterior file, checked on
// known synthetic generations and against a real posterior's own quantiles
// (tests/analysis/test_calibration_history.py).
#include <catch2/catch.hpp>

#include "test_support.hpp"

TEST_CASE("calibration_history.py gives known shifts and the posterior's own quantiles", "[calibrate][python]") {
  if (!govsim::testing::have_python_stack()) {
    WARN("skipped: /usr/bin/python3 lacks h5py/numpy/scipy/matplotlib");
    return;
  }
  const auto r = govsim::testing::run_python("tests/analysis/test_calibration_history.py",
                                             govsim::testing::q(govsim::testing::govsim_binary()));
  INFO(r.output);
  CHECK(r.exit_code == 0);
}
