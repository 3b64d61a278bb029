// Regression against a committed reference run: the small Zhejiang scenario at 1/100 scale (the
// scale at which the run has cases in many counties, so the five-colour map and its score are
// covered; at 1/500 the reference run had no case at all) must reproduce tests/reference/zhejiang_small.txt to the last bit (selected daily series and every
// summary scalar). A deliberate change of the model or of scenarios/zhejiang_five_colour_small.toml
// refreshes it with
//   GOVSIM_UPDATE_REFERENCE=1 build/tests/govsim_tests "[zhejiang][regression]"
// and gets a CHANGELOG entry marked [output].
#include <cstdio>
#include <sstream>

#include "zhejiang_test_support.hpp"

using namespace govsim;
using namespace govsim::zhejiang_test;

namespace {

const char* const kDaily[] = {"new_infections", "new_cases",        "cum_cases",      "n_quarantined",
                              "n_away",         "n_susceptible",    "n_removed",      "n_counties_by_colour",
                              "cum_cases_by_city", "share_firms_open", "share_industrial_firms_open", "n_firms_approved"};

std::string num(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, " %.17g", v);
  return buf;
}

}  // namespace

TEST_CASE("zhejiang: small scale run matches the committed reference", "[zhejiang][regression][heavy]") {
  const RunResult r = run_small({}, 0.01, 0, 2);
  std::ostringstream out;
  out << "# daily: date";
  for (const char* name : kDaily) out << ' ' << name << "[" << series(r, name).spec.width() << "]";
  out << '\n';
  for (int32_t t = 0; t < r.calendar.num_ticks(); ++t) {
    out << r.calendar.date(t).str();
    for (const char* name : kDaily) {
      const SeriesData& s = series(r, name);
      for (size_t c = 0; c < s.spec.width(); ++c) out << num(s.at(t, c));
    }
    out << '\n';
  }
  out << "# summary\n";
  for (const auto& s : r.summary) out << s.name << num(s.value) << '\n';
  govsim::testing::check_against_reference(govsim::testing::source_dir() / "tests/reference/zhejiang_small.txt", out.str());
}
