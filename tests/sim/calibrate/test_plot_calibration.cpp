// `govsim plot` on a posterior file of `govsim calibrate` draws its pairs plot and its predictive
// bands against the published (here: synthetic) values (analysis/plot_calibration.py).
#include <catch2/catch.hpp>

#include <filesystem>

#include "calibration_test_data.hpp"
#include "test_support.hpp"

using govsim::testing::run_govsim;
using govsim::testing::TempDir;

TEST_CASE("govsim plot draws a calibration's pairs plot and predictive bands", "[calibrate][cli][python]") {
  if (!govsim::testing::have_python_stack()) return;
  TempDir dir;
  govsim::testing::write_file(dir / "base.toml", govsim::testing::kSweepBase);
  // Observed values near the truth's; two generations are enough for a posterior file to draw.
  govsim::testing::write_file(dir / "cal.toml", govsim::testing::calibration_text(0.30, 0.08, 0.2, "", 2));
  std::string q = "'";  // shell-quoted directory prefix (built step by step: GCC 12 -Wrestrict false positive)
  q += dir.path().string();
  q += '/';
  const auto cal = run_govsim("calibrate " + q + "cal.toml' -o " + q + "post.h5' --quiet");
  INFO(cal.output);
  REQUIRE(cal.exit_code == 0);
  const auto fig = run_govsim("plot " + q + "post.h5' -o " + q + "fig.png'");
  INFO(fig.output);
  CHECK(fig.exit_code == 0);
  CHECK(std::filesystem::file_size(dir / "fig_pairs.png") > 10000);
  CHECK(std::filesystem::file_size(dir / "fig_predictive.png") > 10000);
}
