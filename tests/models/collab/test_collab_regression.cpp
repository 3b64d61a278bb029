// Regression against a committed reference run: scenarios/yuexiu_grid_dispatch.toml at 20 000
// residents over March - April 2020 (the platform launches on 1 April, after the two-week
// warm-up, so the before/after summaries exist) must reproduce tests/reference/yuexiu_small.txt
// to the last bit: selected summary scalars and checksums of selected daily series. A deliberate
// change of the model or of the scenario (a new calibration included) refreshes it with
//   GOVSIM_UPDATE_REFERENCE=1 build/tests/govsim_tests "[collab][regression]"
// and gets a CHANGELOG entry marked [output].
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <string>

#include "collab_test_support.hpp"

using namespace govsim;
using namespace govsim::collab_test;

namespace {

const char* const kSummary[] = {"tasks_arrived",
                                "tasks_closed",
                                "tasks_dropped",
                                "tasks_open_at_end",
                                "tasks_closed_after_launch",
                                "mean_close_hours",
                                "mean_close_hours_before_platform",
                                "mean_close_hours_after_platform",
                                "share_same_day_before_platform",
                                "share_same_day_after_platform",
                                "routing_steps_per_task_before_platform",
                                "routing_steps_per_task_after_platform",
                                "messages_per_task",
                                "share_auto_dispatched_after_platform",
                                "share_satisfied_before_platform",
                                "share_satisfied_after_platform",
                                "official_utilisation",
                                "social_info_per_day",
                                "task_utilisation",
                                "adjustment_messages_per_task",
                                "km_mean_close_hours_before_platform",
                                "km_mean_close_hours_after_platform",
                                "queue_steady"};

const char* const kDaily[] = {"new_tasks",     "new_closed",        "new_dropped",   "new_official_work",
                              "new_public_contributions", "new_asks", "new_declines", "new_misroutes",
                              "n_open",        "platform_live",     "mean_close_hours", "messages_per_task",
                              "share_satisfied",
                              // the society layer (on in the scenario; live from the start of this window)
                              "cum_society_registered", "cum_party_registered", "cum_society_matters",
                              "cum_society_deliberations", "cum_society_votes", "cum_society_participants",
                              "cum_party_service_platform", "cum_party_service_since_launch", "new_party_service"};

std::string num(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, " %.17g", v);  // exact round trip
  return buf;
}

std::string render(const RunResult& r) {
  std::ostringstream out;
  out << "# summary\n";
  for (const char* name : kSummary) out << name << num(scalar(r, name)) << '\n';
  // Per series: the sum over days, the day-weighted sum sum((t + 1) * v) (order-sensitive), and
  // the number of days without a value (NaN); both sums skip NaN.
  out << "# daily checksums: sum, weighted sum, NaN days\n";
  for (const char* name : kDaily) {
    const SeriesData& s = daily(r, name);
    double total = 0, weighted = 0;
    int nan = 0;
    for (int32_t t = 0; t < s.rows; ++t)
      for (size_t c = 0; c < s.spec.width(); ++c) {
        const double v = s.at(t, c);
        if (std::isnan(v)) {
          ++nan;
          continue;
        }
        total += v;
        weighted += double(t + 1) * v;
      }
    out << name << num(total) << num(weighted) << ' ' << nan << '\n';
  }
  return out.str();
}

}  // namespace

TEST_CASE("collab: small Yuexiu run matches the committed reference", "[collab][regression]") {
  const auto path = govsim::testing::source_dir() / "tests/reference/yuexiu_small.txt";
  const Scenario sc = load_scenario(
      (govsim::testing::source_dir() / "scenarios/yuexiu_grid_dispatch.toml").string(),
      {"population.residents=20000", "calendar.start=2020-03-01", "calendar.end=2020-04-30"});
  RunOptions opt;
  opt.threads = 2;
  const RunResult r = run_scenario(sc, opt);
  // The case the reference stands for: the launch inside the measured span, events closed before
  // and after it.
  REQUIRE(scalar(r, "tasks_closed_after_launch") > 100);
  REQUIRE(scalar(r, "tasks_closed") > scalar(r, "tasks_closed_after_launch"));
  govsim::testing::check_against_reference(path, render(r));
}
