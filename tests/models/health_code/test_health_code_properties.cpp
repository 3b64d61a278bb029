// Conservation, determinism (1 vs 2 vs 4 threads), a committed reference run and a statistical
// test of the colour rule for the health-code model.
//
// The reference (tests/reference/health_code_small.txt) is refreshed on purpose with
//   GOVSIM_UPDATE_REFERENCE=1 build/tests/govsim_tests "[health_code][regression]"
// and a CHANGELOG entry marked [output].
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "health_code_test_support.hpp"

using namespace govsim;
using namespace govsim::health_code_test;

TEST_CASE("health_code: every resident is in exactly one code state and cities adopt once", "[health_code]") {
  const RunResult r = run_small();
  const SeriesData& st = daily(r, "n_code_state");
  const SeriesData& city = daily(r, "n_city_code_by_region");
  const SeriesData& q = daily(r, "n_quarantined_by_code");
  const SeriesData& n = daily(r, "n_cities_with_code");
  for (int32_t t = 0; t < st.rows; ++t) {
    INFO("day " << t);
    REQUIRE(st.at(t, 0) + st.at(t, 1) + st.at(t, 2) + st.at(t, 3) == double(r.num_residents));
    REQUIRE(q.at(t, 0) == st.at(t, 2));
    REQUIRE(q.at(t, 1) == st.at(t, 3));
    double live = 0;
    for (size_t c = 0; c < city.spec.width(); ++c) {
      live += city.at(t, c);
      if (t > 0) REQUIRE(city.at(t, c) >= city.at(t - 1, c));  // once online, always online
    }
    REQUIRE(live == n.at(t));
  }
  // Codes issued never exceed the residents; a resident gets one code (then changes colour).
  double issued = 0;
  const SeriesData& iss = daily(r, "new_codes_issued");
  for (size_t c = 0; c < 3; ++c) issued += sum(iss, c);
  CHECK(issued == last(st, 1) + last(st, 2) + last(st, 3));
  CHECK(issued <= r.num_residents);
}

TEST_CASE("health_code: results are identical for 1, 2 and 4 threads", "[health_code]") {
  const RunResult a = run_small({}, 1), b = run_small({}, 2), c = run_small({}, 4);
  for (const RunResult* o : {&b, &c}) {
    REQUIRE(a.daily.size() == o->daily.size());
    for (size_t i = 0; i < a.daily.size(); ++i) {
      INFO("series " << a.daily[i].spec.name);
      REQUIRE(a.daily[i].values.size() == o->daily[i].values.size());
      for (size_t j = 0; j < a.daily[i].values.size(); ++j) REQUIRE(same_bits(a.daily[i].values[j], o->daily[i].values[j]));
    }
    REQUIRE(a.summary.size() == o->summary.size());
    for (size_t i = 0; i < a.summary.size(); ++i) REQUIRE(same_bits(a.summary[i].value, o->summary[i].value));
  }
}

namespace {

std::string render(const RunResult& r) {
  const char* const names[] = {"n_cities_with_code", "n_cities_by_builder", "new_codes_issued", "n_code_state",
                               "new_checks", "n_working", "new_intercity_trips"};
  std::ostringstream out;
  char buf[40];
  out << "# daily: date";
  for (const char* n : names) out << ' ' << n << '[' << daily(r, n).spec.width() << ']';
  out << '\n';
  for (int32_t t = 0; t < r.calendar.num_ticks(); ++t) {
    out << r.calendar.date(t).str();
    for (const char* n : names) {
      const SeriesData& s = daily(r, n);
      for (size_t c = 0; c < s.spec.width(); ++c) {
        std::snprintf(buf, sizeof buf, " %.17g", s.at(t, c));
        out << buf;
      }
    }
    out << '\n';
  }
  out << "# summary\n";
  for (const auto& s : r.summary) {
    std::snprintf(buf, sizeof buf, " %.17g", s.value);
    out << s.name << buf << '\n';
  }
  return out.str();
}

}  // namespace

TEST_CASE("health_code: small scale run matches the committed reference", "[health_code][regression]") {
  govsim::testing::check_against_reference(govsim::testing::source_dir() / "tests/reference/health_code_small.txt",
                                           render(run_small()));
}

TEST_CASE("health_code: the share of yellow codes at issue with siloed data is as the rule says", "[health_code][heavy]") {
  // Siloed data, no symptoms, no cases in the place: a code is yellow when the applicant has a travel
  // history (15 %) or cannot be verified (15 %): p = 1 - 0.85 * 0.85 = 0.2775. Codes issued at 1/2000
  // scale (several thousand) give a binomial standard error under 1 pp; the test allows 4 of them.
  const RunResult r = run_small({"health_code.platform.pooled_data=false", "health_code.residents.self_report=0",
                                 "health_code.residents.place_yellow_per_case=0",
                                 "health_code.residents.travel_history=0.15",
                                 "health_code.residents.siloed_unverified=0.15"},
                                2, "population.scale=0.0005");
  const SeriesData& iss = daily(r, "new_codes_issued");
  const double green = sum(iss, 0), yellow = sum(iss, 1), red = sum(iss, 2);
  const double n = green + yellow + red;
  REQUIRE(n > 2000);
  CHECK(red == 0);
  const double p = 1 - 0.85 * 0.85, se = std::sqrt(p * (1 - p) / n);
  INFO("yellow share " << yellow / n << " expected " << p << " se " << se << " n " << n);
  CHECK(std::abs(yellow / n - p) < 4 * se);
}

TEST_CASE("health_code: a branch from a checkpoint continues the run exactly (city state included)",
          "[health_code]") {
  // The cities' state lives outside the store columns (CityState::save/load): a branch without
  // changes from 12 Feb 2020 (Hangzhou's code online, the province's roll-out under way) must give
  // the uninterrupted run's results byte for byte.
  govsim::testing::TempDir dir;
  std::string common = "'";  // built stepwise: GCC 12 warns falsely on "'" + string (-Wrestrict)
  common += scenario_path();
  common += "' --set ";
  common += kSmallScale;
  common += " --threads 2 --quiet";
  const std::string full = (dir / "full.h5").string(), ck = (dir / "ck.h5").string(), same = (dir / "same.h5").string();
  auto r = govsim::testing::run_govsim("run " + common + " -o '" + full + "' --checkpoint '" + ck +
                                       "' --checkpoint-at 2020-02-12");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  r = govsim::testing::run_govsim("branch '" + ck + "' -o '" + same + "' --threads 2 --quiet");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  r = govsim::testing::run_govsim("diff '" + full + "' '" + same + "'");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("identical") != std::string::npos);
}
