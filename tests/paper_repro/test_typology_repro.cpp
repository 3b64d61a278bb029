// The collaboration reproductions (paper_repro/typology.py, typology_sweep.py, yuexiu_dispatch.py)
// run end to end at small scale under Debian's /usr/bin/python3.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "test_support.hpp"

namespace {

std::string quoted(const std::filesystem::path& p) { return std::string("'").append(p.string()) + "'"; }

}  // namespace

TEST_CASE("the typology repro script runs in --small mode", "[paper_repro][python]") {
  if (!govsim::testing::have_python_stack()) {
    WARN("skipped: /usr/bin/python3 lacks h5py/numpy/scipy/matplotlib");
    return;
  }
  govsim::testing::TempDir dir;
  const auto r = govsim::testing::run_python(
      "paper_repro/typology.py", "--small --out " + quoted(dir.path()) + " --govsim " + quoted(govsim::testing::govsim_binary()));
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(std::filesystem::exists(dir / "typology.png"));
  CHECK(std::filesystem::exists(dir / "typology.json"));
}

// The Yuexiu repro at a tenth of the residents, two replicates: the pipeline runs and gives a verdict
// for every published dispatch figure. Since issue 16 the calibrated scenario does not reach its
// fitted figures (the officials' other work; docs/calibration.md "Yuexiu"), so --small no longer
// requires PASS: a verdict line per figure, the overall line and the figure are required.
TEST_CASE("the Yuexiu repro runs at a tenth of the residents and scores every dispatch figure", "[paper_repro][collab][python]") {
  if (!govsim::testing::have_python_stack()) {
    WARN("skipped: /usr/bin/python3 lacks h5py/numpy/scipy/matplotlib");
    return;
  }
  govsim::testing::TempDir dir;
  const auto r = govsim::testing::run_python("paper_repro/yuexiu_dispatch.py",
                                             "--small --out " + quoted(dir.path()) + " --govsim " +
                                                 quoted(govsim::testing::govsim_binary()));
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("yuexiu_dispatch: ") != std::string::npos);
  for (const char* verdict_of : {"events closed on the day", "events dispatched automatically", "handling speed"})
    CHECK(r.output.find(verdict_of) != std::string::npos);
  CHECK(r.output.find("holdout") != std::string::npos);  // fitted and held-out figures are told apart
  CHECK(std::filesystem::exists(dir / "yuexiu_dispatch.png"));
}

// The typology-axes sweep at a small scale (3 x 3 x 2 points, three replicates, 20 000 residents, six weeks),
// then its heat-map script; the claims must hold there too.
TEST_CASE("a small typology-axes sweep feeds the heat-map script", "[paper_repro][sweep][collab][python]") {
  if (!govsim::testing::have_python_stack()) {
    WARN("skipped: /usr/bin/python3 lacks h5py/numpy/scipy/matplotlib");
    return;
  }
  govsim::testing::TempDir dir;
  const auto base = govsim::testing::source_dir() / "scenarios/typology_I.toml";
  govsim::testing::write_file(dir / "axes.toml",
                              "[sweep]\nscenario = \"" + base.string() + "\"\nseed = 7\ndesign = \"grid\"\nreplicates = 3\n"
                                  "[sweep.set]\n\"population.residents\" = 20000\n\"calendar.end\" = 2021-04-15\n"
                                  "[[sweep.parameters]]\nname = \"collab.participation\"\nvalues = [0.0, 0.5, 1.0]\n"
                                  "[[sweep.parameters]]\nname = \"collab.interdependence\"\nvalues = [0.0, 1.0, 2.0]\n"
                                  "[[sweep.parameters]]\nname = \"collab.platform.enabled\"\n");
  const auto sweep = govsim::testing::run_govsim("sweep " + quoted(dir / "axes.toml") + " -q -o " + quoted(dir / "axes.h5"));
  INFO(sweep.output);
  REQUIRE(sweep.exit_code == 0);
  const auto r = govsim::testing::run_python("paper_repro/typology_sweep.py",
                                             quoted(dir / "axes.h5") + " --out " + quoted(dir.path()));
  INFO(r.output);
  // Exit 1 means a claim failed, which since issue 16 is a finding at low participation (a reciprocal
  // task of a few officials closes faster than a pooled one: docs/collab_model.md); the pipeline
  // must run, score every claim and write its outputs.
  CHECK((r.exit_code == 0 || r.exit_code == 1));
  CHECK(r.output.find("a_interdependence_harder_in_every_row") != std::string::npos);
  CHECK(r.output.find("b_platform_faster_everywhere") != std::string::npos);
  CHECK(r.output.find("typology_sweep: ") != std::string::npos);
  CHECK(std::filesystem::exists(dir / "typology_sweep.png"));
}
