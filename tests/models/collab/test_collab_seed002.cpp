// Seed 002's other figures (issue 16, point 5): the working window of field officers, the administrative
// level a matter is resolved at, and census registration time, each in isolation with its properties,
// and in the model (layers off change nothing; layers on leave the task simulation untouched).
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "collab_test_support.hpp"
#include "models/collab/admin_levels.hpp"
#include "models/collab/census.hpp"
#include "models/collab/working_window.hpp"
#include "sim/checkpoint/checkpoint_test_support.hpp"

using namespace govsim;
using namespace govsim::collab;
using namespace govsim::collab_test;

namespace {

WorkingWindowParams window_params() {
  WorkingWindowParams p;
  p.enabled = true;
  p.officers = 100;
  p.docs_per_day = 3;
  p.doc_start_hour = 8;
  p.doc_end_hour = 18;
  p.field_day_share = 0.6;
  p.field_end_hour = 19;
  p.field_end_sd_hours = 1.5;
  p.travel_hours = 0.5;
  p.evening_return_prob = 0.25;
  p.after_hours_willingness = 0.5;
  p.field_handle_share = 0.3;
  p.doc_minutes = 10;
  p.office_start_hour = 8;
  p.office_end_hour = 17;
  return p;
}

struct WindowTotals {
  uint64_t docs = 0, late = 0, spot = 0;
};
WindowTotals officer_days(const WorkingWindowParams& p, bool mobile, int days = 60, uint64_t seed = 11) {
  const CounterRng rng(seed, 0);
  WindowTotals t;
  for (int d = 0; d < days; ++d)
    for (uint32_t o = 0; o < uint32_t(p.officers); ++o) {
      const OfficerDay x = simulate_officer_day(p, mobile, rng, uint32_t(d), o);
      REQUIRE(x.on_spot <= x.documents);
      REQUIRE(x.after_20h <= x.documents);
      t.docs += x.documents;
      t.late += x.after_20h;
      t.spot += x.on_spot;
    }
  return t;
}

}  // namespace

TEST_CASE("working window: no field work, no documents after 20:00 in either arm", "[collab][working_window]") {
  WorkingWindowParams p = window_params();
  p.field_day_share = 0;
  for (bool mobile : {false, true}) {
    const WindowTotals t = officer_days(p, mobile);
    CHECK(t.docs > 10000);
    CHECK(t.late == 0);
    CHECK(t.spot == 0);
  }
}

TEST_CASE("working window: without the platform only evening returns handle documents after 20:00",
          "[collab][working_window]") {
  WorkingWindowParams p = window_params();
  p.evening_return_prob = 0;
  CHECK(officer_days(p, false).late == 0);
  p.after_hours_willingness = 0;  // and with it nobody works the evening pile: on-spot handling ends by 18:00
  CHECK(officer_days(p, true).late == 0);
  // More evening returns, more late documents (same draws).
  uint64_t last = 0;
  for (double r : {0.1, 0.3, 0.6, 1.0}) {
    p.evening_return_prob = r;
    const uint64_t late = officer_days(p, false).late;
    CHECK(late >= last);
    last = late;
  }
  CHECK(last > 0);
}

TEST_CASE("working window: the after-20:00 count rises with the willingness to work the evening and falls with on-spot handling",
          "[collab][working_window]") {
  WorkingWindowParams p = window_params();
  uint64_t last = 0;
  for (double w : {0.0, 0.25, 0.5, 1.0}) {
    p.after_hours_willingness = w;
    const uint64_t late = officer_days(p, true).late;
    CHECK(late >= last);
    last = late;
  }
  p.after_hours_willingness = 0.5;
  p.field_handle_share = 0;
  const uint64_t none_on_spot = officer_days(p, true).late;
  p.field_handle_share = 0.9;
  const WindowTotals most_on_spot = officer_days(p, true);
  CHECK(most_on_spot.late < none_on_spot);
  CHECK(most_on_spot.spot > 0);
  // Documents received do not depend on the arm (common random numbers).
  CHECK(officer_days(p, true).docs == officer_days(p, false).docs);
}

TEST_CASE("levels: more information sharing never raises a matter's level", "[collab][levels]") {
  LevelsParams p;
  p.enabled = true;
  p.authority = {0.08, 0.02};
  p.information = {0.2, 0.1};
  p.resources = {0.05, 0.01};
  const CounterRng rng(5, 0);
  for (uint32_t m = 0; m < 20000; ++m) {
    const auto a = rng.uniform2(0, m, 1), b = rng.uniform2(0, m, 2);
    const std::array<double, 4> u = {a[0], a[1], b[0], b[1]};
    int last = 3;
    for (double s : {0.0, 0.2, 0.5, 0.8, 1.0}) {
      p.info_sharing = s;
      const int level = int(resolve_level(p, u, true, false));
      REQUIRE(level <= last);
      last = level;
    }
    p.info_sharing = 1.0;  // sharing has no effect without the platform
    REQUIRE(resolve_level(p, u, false, false) >= resolve_level(p, u, true, false));
  }
}

TEST_CASE("levels: shares follow the needs; alerts only with the platform", "[collab][levels]") {
  LevelsParams p;
  p.enabled = true;
  p.matters_per_day = 50;
  p.sensor_elderly = 1200;
  p.alert_rate = 0.01;
  const CounterRng rng(9, 0);
  // Every need at the community: everything is resolved there.
  for (uint32_t t = 0; t < 30; ++t) {
    const LevelsDay d = simulate_levels_day(p, true, rng, t);
    CHECK(d.matters[1] + d.matters[2] == 0);
    CHECK(simulate_levels_day(p, false, rng, t).alerts == 0);
  }
  // Without the platform the street and district shares are those of max(authority, information, resources).
  p.authority = {0.1, 0.0};
  p.information = {0.0, 0.1};
  uint64_t c[3] = {0, 0, 0};
  for (uint32_t t = 0; t < 400; ++t) {
    const LevelsDay d = simulate_levels_day(p, false, rng, t);
    for (int k = 0; k < 3; ++k) c[k] += d.matters[k];
  }
  const double all = double(c[0] + c[1] + c[2]);
  CHECK(double(c[2]) / all == Approx(0.1).margin(0.01));
  CHECK(double(c[1]) / all == Approx(0.9 * 0.1).margin(0.01));
}

namespace {
CensusParams census_params() {
  CensusParams p;
  p.enabled = true;
  p.household_size = 2.62;
  p.person_items = 16;
  p.household_items = 6;
  p.prefill_share = 0.3;
  p.setup_minutes = 3;
  p.item_seconds = 15;
  p.confirm_seconds = 3;
  p.slow_60_plus = 2;
  p.slow_low_literacy = 1.5;
  p.speed_sd = 0.4;
  p.stuck_prob = 0.05;
  p.stuck_prob_vulnerable = 0.25;
  p.help_minutes = 15;
  p.self_share = 0.5;
  p.visit_minutes = 10;
  p.enumerator_item_seconds = 30;
  return p;
}
}  // namespace

TEST_CASE("census: pre-filled data shorten a registration; age and literacy lengthen it", "[collab][census]") {
  const CensusParams p = census_params();
  const CounterRng rng(3, 0);
  for (uint32_t i = 0; i < 2000; ++i) {
    double u[4];
    const auto a = rng.uniform2(0, i, 1), b = rng.uniform2(0, i, 2);
    u[0] = a[0], u[1] = a[1], u[2] = b[0], u[3] = b[1];
    const int persons = 1 + int(i % 5);
    double last = INFINITY;
    for (double s : {0.0, 0.3, 0.6, 1.0}) {
      const double m = self_registration_minutes(p, persons, {}, s, u);
      REQUIRE(m <= last);
      last = m;
      REQUIRE(enumerator_minutes(p, persons, s, u) <= enumerator_minutes(p, persons, 0.0, u));
    }
    const double young = self_registration_minutes(p, persons, {false, false}, 0.3, u);
    REQUIRE(self_registration_minutes(p, persons, {true, false}, 0.3, u) >= young);
    REQUIRE(self_registration_minutes(p, persons, {false, true}, 0.3, u) >= young);
    REQUIRE(self_registration_minutes(p, persons + 1, {}, 0.3, u) > self_registration_minutes(p, persons, {}, 0.3, u));
  }
}

TEST_CASE("census: households partition the residents; without the platform every visit is the paper one",
          "[collab][census]") {
  const CensusParams p = census_params();
  AdoptionParams a;
  a.share_60_plus = 0.187;
  a.online_under_60 = 0.77;
  a.online_60_plus = 0.42;
  a.low_literacy_share = 0.25;
  a.resident_mean_days = 60;
  a.low_literacy_rate = 0.5;
  const CounterRng rng(4, 0);
  const auto hh = form_households(p, 10000, 30, rng);
  uint32_t next = 0;
  for (const Household& h : hh) {
    REQUIRE(h.first == next);
    REQUIRE(h.persons >= 1);
    REQUIRE(h.day >= 0);
    REQUIRE(h.day < 30);
    next += h.persons;
  }
  CHECK(next == 10000);
  CHECK(10000.0 / double(hh.size()) == Approx(2.62).epsilon(0.05));
  int self = 0;
  for (const Household& h : hh) {
    const Registration off = register_household(p, a, h, false, rng);
    REQUIRE_FALSE(off.self);
    REQUIRE(off.minutes == off.paper_minutes);
    const Registration on = register_household(p, a, h, true, rng);
    REQUIRE(on.paper_minutes == off.paper_minutes);
    self += on.self;
  }
  CHECK(self > 0);
  CHECK(self < int(hh.size()));
}

TEST_CASE("seed 002 layers in the model: off by default, and on they leave the task simulation untouched",
          "[collab][working_window][levels][census]") {
  const RunResult base = run_small("I", {"collab.platform.launch=2021-03-20"});
  const RunResult with = run_small("I", {"collab.platform.launch=2021-03-20", "collab.working_window.enabled=true",
                                         "collab.levels.enabled=true", "collab.census.enabled=true"});
  for (const char* s : {"tasks_arrived", "tasks_closed", "km_mean_close_hours"})
    CHECK(same_bits(scalar(base, s), scalar(with, s)));
  CHECK(scalar(with, "docs_after_20h_per_day_before_platform") > 0);
  CHECK(std::isfinite(scalar(with, "docs_after_20h_ratio")));
  CHECK(scalar(with, "share_matters_grassroots_after_platform") >= scalar(with, "share_matters_community_after_platform"));
  CHECK(scalar(with, "census_households") > 0);
  CHECK(sum(daily(with, "new_census_registrations")) == scalar(with, "census_households"));
}

TEST_CASE("seed 002 layers: inconsistent values are named in a clear error", "[collab][working_window][levels]") {
  auto message = [](const std::vector<std::string>& sets) {
    try {
      scenario("I", small(sets));
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK_THAT(message({"collab.working_window.doc_start_hour=19", "collab.working_window.doc_end_hour=9"}),
             Catch::Contains("collab.working_window.doc_end_hour"));
  CHECK_THAT(message({"collab.levels.authority_street=0.7", "collab.levels.authority_district=0.5"}),
             Catch::Contains("collab.levels.authority_district"));
}

TEST_CASE("seed 002 layers: a run branched from a mid-run checkpoint equals the straight run", "[collab][census][working_window]") {
  const std::vector<std::string> sets = {"population.residents=6000", "collab.working_window.enabled=true",
                                         "collab.levels.enabled=true", "collab.platform.launch=2020-11-15"};
  const Scenario sc = checkpoint_test::shipped("seed002_census.toml", sets);
  const std::string path = (std::filesystem::temp_directory_path() / "govsim_seed002_ck_%D.govck").string();
  const RunResult straight = checkpoint_test::run_with_checkpoints(sc, sets, {"2020-11-20"}, path, 2);
  std::string file = path;
  file.replace(file.find("%D"), 2, "2020-11-20");
  const RunResult branched = checkpoint_test::branch(file, {}, 1);
  std::filesystem::remove(file);
  checkpoint_test::require_same_results(straight, branched);
  CHECK(scalar(straight, "census_households") > 1000);
}
