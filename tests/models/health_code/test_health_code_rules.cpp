// Each rule of the health-code model in isolation (docs/health_code_model.md): the hazard's
// factors, the entrepreneur's request as the only origin, province roll-outs, the platform firm's
// capacity and the co-build switch, siloed data, mutual recognition and work resumption.
#include <catch2/catch.hpp>
#include <cmath>

#include "health_code_test_support.hpp"
#include "models/health_code/cities.hpp"

using namespace govsim;
using namespace govsim::health_code_test;
using govsim::models::health_code::AdoptionParams;
using govsim::models::health_code::HazardInputs;
using govsim::models::health_code::adoption_hazard;

TEST_CASE("health_code: the adoption hazard multiplies its named factors", "[health_code]") {
  AdoptionParams a;
  a.base_rate = 0.01;
  a.neighbour_weight = 2;
  a.province_weight = 1;
  a.pressure_weight = 0.5;
  a.capacity_weight = 0.25;
  a.entrepreneur_factor = 3;
  HazardInputs in;
  CHECK(adoption_hazard(a, in) == Approx(0.01));
  in.neighbour_share = 0.5;  // x (1 + 2 * 0.5)
  CHECK(adoption_hazard(a, in) == Approx(0.02));
  in.province_share = 1.0;   // x (1 + 1)
  CHECK(adoption_hazard(a, in) == Approx(0.04));
  in.pressure = 2.0;         // x e^(0.5 * 2)
  CHECK(adoption_hazard(a, in) == Approx(0.04 * std::exp(1.0)));
  in.capacity_z = -4.0;      // x e^(0.25 * -4)
  CHECK(adoption_hazard(a, in) == Approx(0.04));
  in.entrepreneur = true;
  CHECK(adoption_hazard(a, in) == Approx(0.12));
  a.base_rate = 0;
  CHECK(adoption_hazard(a, in) == 0.0);
}

TEST_CASE("health_code: without the district's request no code exists anywhere", "[health_code]") {
  const RunResult r = run_without_event("2020-02-04");
  const SeriesData& n = daily(r, "n_cities_with_code");
  for (int32_t t = 0; t < n.rows; ++t) REQUIRE(n.at(t) == 0);
  CHECK(sum(daily(r, "new_applications")) == 0);
}

TEST_CASE("health_code: without hazard, peers and roll-outs only the requesting city adopts", "[health_code]") {
  const RunResult r = run_small({"health_code.adoption.base_rate=0", "health_code.adoption.province_rollout=false"});
  CHECK(last(daily(r, "n_cities_with_code")) == 1);
  CHECK(scalar(r, "focus_launch_day_of_year") > 0);
  CHECK(last(daily(r, "n_cities_by_builder"), 1) == 1);  // co-built with the platform firm
}

TEST_CASE("health_code: a province roll-out alone reaches every city of that province and no other",
          "[health_code]") {
  const RunResult r = run_small({"health_code.adoption.base_rate=0"});
  const SeriesData& prov = daily(r, "n_cities_with_code_by_province");
  double zhejiang = -1, others = 0;
  for (size_t g = 0; g < prov.spec.width(); ++g)
    if (prov.spec.groups[g] == "330000") zhejiang = last(prov, g);
    else others += last(prov, g);
  CHECK(zhejiang == 11);  // Zhejiang's 11 prefecture cities
  CHECK(others == 0);
}

TEST_CASE("health_code: with no onboarding capacity the platform firm builds only the first city's code",
          "[health_code]") {
  const RunResult r = run_small({"health_code.platform.onboard_per_day=0"});
  const SeriesData& b = daily(r, "n_cities_by_builder");  // small_firm, platform, alone
  // Hangzhou's code is developed with the firm when it joins; every other deciding city waits in
  // the firm's queue (they build alone only while the firm has not joined, and it joins early).
  CHECK(last(b, 1) == 1);
  CHECK(last(daily(r, "n_cities_with_code")) == last(b, 1) + last(b, 2));
  const RunResult alone = run_small({"health_code.platform.cobuild=false"});
  const SeriesData& a = daily(alone, "n_cities_by_builder");
  for (int32_t t = 0; t < a.rows; ++t) REQUIRE(a.at(t, 1) == 0);
  CHECK(scalar(alone, "platform_join_day_of_year") == -1);
  // Building alone takes longer: the national adoption is later.
  const RunResult base = run_small();
  CHECK(scalar(alone, "cities_at_national_date") < scalar(base, "cities_at_national_date"));
}

TEST_CASE("health_code: siloed data see no close contacts, so no red codes at issue", "[health_code]") {
  const RunResult r = run_small({"health_code.platform.pooled_data=false"});
  CHECK(sum(daily(r, "new_codes_issued"), 2) == 0);
  const RunResult pooled = run_small();
  CHECK(sum(daily(pooled, "new_codes_issued"), 2) > 0);
  CHECK(scalar(r, "share_green_at_end") < scalar(pooled, "share_green_at_end"));
}

TEST_CASE("health_code: firms resume only once allowed, and faster without approval", "[health_code]") {
  const RunResult r = run_small();
  const int32_t open = tick(r, "2020-02-10");
  const SeriesData& w = daily(r, "n_working");
  for (int32_t t = 0; t < open; ++t) REQUIRE(w.at(t) == 0);
  CHECK(last(w) > 0);
  const RunResult slow = run_small({"health_code.work.code_rate=0.03"});  // = the approval rate
  CHECK(last(daily(slow, "n_working")) < last(w));
}

TEST_CASE("health_code: mutual recognition raises inter-city trips after 18 Feb", "[health_code]") {
  const RunResult on = run_small();
  const RunResult off = run_small({"health_code.residents.recognition_enabled=false"});
  const int32_t from = tick(on, "2020-02-18");
  const double before_on = sum(daily(on, "new_intercity_trips"), 0, 0, from);
  const double before_off = sum(daily(off, "new_intercity_trips"), 0, 0, from);
  CHECK(before_on == before_off);  // nothing differs before the event
  CHECK(sum(daily(on, "new_intercity_trips"), 0, from) > 1.3 * sum(daily(off, "new_intercity_trips"), 0, from));
}
