// Regression against a committed reference run: the Jiaxing scenario at 5 000 residents must
// reproduce tests/reference/jiaxing_small.txt to the last bit (selected daily series, every
// monthly series and every summary scalar). A deliberate change of the model or of
// scenarios/jiaxing_weijiayuan.toml (a new calibration included) refreshes it with
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

const char* const kDaily[] = {"n_registered",
                              "new_registrations",
                              "n_active",
                              "rate_active_daily",
                              "new_needs",
                              "needs_met_online",
                              "needs_met_offline",
                              "needs_unmet",
                              "online_uses",
                              "new_requests",
                              "new_answers",
                              "new_dropped_requests",
                              "n_pending_requests",
                              "mean_response_days",
                              "new_mask_recipients",
                              "new_mutual_aid_exchanges",
                              "new_counselled",
                              "n_volunteers",
                              "volunteer_acts",
                              "deliberation_acts",
                              "bookings_served",
                              "n_firms_closed",
                              "n_firms_listed",
                              "mean_trust",
                              "services_live"};

std::string num(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, " %.17g", v);  // exact round trip
  return buf;
}

const SeriesData& find(const std::vector<SeriesData>& v, const std::string& name) {
  for (const auto& s : v)
    if (s.spec.name == name) return s;
  FAIL("no series " << name);
  throw;
}

std::string render(const RunResult& r) {
  std::ostringstream out;
  out << "# daily: date";
  for (const char* name : kDaily)
    out << ' ' << name << "[" << find(r.daily, name).spec.width() << "]";
  out << '\n';
  for (int32_t t = 0; t < r.calendar.num_ticks(); ++t) {
    out << r.calendar.date(t).str();
    for (const char* name : kDaily) {
      const SeriesData& s = find(r.daily, name);
      for (size_t c = 0; c < s.spec.width(); ++c) out << num(s.at(t, c));
    }
    out << '\n';
  }
  out << "# monthly: month";
  for (const auto& s : r.monthly) out << ' ' << s.spec.name << "[" << s.spec.width() << "]";
  out << '\n';
  for (int32_t m = 0; m < r.calendar.num_months(); ++m) {
    out << r.calendar.month_label(m);
    for (const auto& s : r.monthly)
      for (size_t c = 0; c < s.spec.width(); ++c) out << num(s.at(m, c));
    out << '\n';
  }
  out << "# summary\n";
  for (const auto& s : r.summary) out << s.name << num(s.value) << '\n';
  return out.str();
}

}  // namespace

TEST_CASE("jiaxing: small scale run matches the committed reference", "[jiaxing][regression]") {
  const auto path = govsim::testing::source_dir() / "tests/reference/jiaxing_small.txt";
  const Scenario sc = load_scenario(
      (govsim::testing::source_dir() / "scenarios/jiaxing_weijiayuan.toml").string(),
      {"population.residents=5000", "population.officials=10", "population.firms=50"});
  RunOptions opt;
  opt.threads = 2;
  const std::string now = render(run_scenario(sc, opt));
  govsim::testing::check_against_reference(path, now);
}
