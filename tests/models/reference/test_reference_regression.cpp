// Regression against a committed reference run: the quickstart scenario at 5 000 residents must
// reproduce tests/reference/quickstart_small.txt to the last bit. A deliberate model change
// refreshes it with
//   GOVSIM_UPDATE_REFERENCE=1 build/tests/govsim_tests "[regression]"
// and gets a CHANGELOG entry marked [output].
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "sim/engine/simulation.hpp"
#include "test_support.hpp"

using namespace govsim;

namespace {

// One line per day: date, then every daily series value in %.17g (exact round trip).
std::string render(const RunResult& r) {
  std::ostringstream out;
  out << "# date";
  for (const auto& s : r.daily) out << ' ' << s.spec.name << "[" << s.spec.width() << "]";
  out << '\n';
  char buf[40];
  for (int32_t t = 0; t < r.calendar.num_ticks(); ++t) {
    out << r.calendar.date(t).str();
    for (const auto& s : r.daily)
      for (size_t c = 0; c < s.spec.width(); ++c) {
        std::snprintf(buf, sizeof buf, " %.17g", s.at(t, c));
        out << buf;
      }
    out << '\n';
  }
  return out.str();
}

}  // namespace

TEST_CASE("quickstart at small scale matches the committed reference", "[regression]") {
  const auto path = govsim::testing::source_dir() / "tests/reference/quickstart_small.txt";
  const Scenario sc = load_scenario((govsim::testing::source_dir() / "scenarios/quickstart.toml").string(),
                                    {"population.residents=5000"});
  RunOptions opt;
  opt.threads = 2;
  const std::string now = render(run_scenario(sc, opt));
  govsim::testing::check_against_reference(path, now);
}
