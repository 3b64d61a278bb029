// The four conditions as levels (models/jiaxing/conditions.hpp, issue 15 point 2) and the
// behaviours they act on: level 0 switches each mechanism off, each rule is monotone in its level,
// officials' capacity binds when crisis duties leave too little time, firms list more with more
// expected demand and incentives. Rules in isolation first, then small whole-model runs (2 000 to
// 20 000 residents, well under a second each).
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "jiaxing_test_support.hpp"
#include "models/jiaxing/conditions.hpp"

using namespace govsim;
using namespace govsim::jiaxing_test;
using govsim::jiaxing::JiaxingParams;
namespace conditions = govsim::jiaxing::conditions;

namespace {

JiaxingParams scenario_params() {
  return govsim::jiaxing::load_jiaxing_parameters(parse_scenario(scenario_text(), "jiaxing_test.toml", small()).params);
}

const double kLevels[] = {0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0};

// Tick of the first day a series (one column) is positive, or -1.
int32_t first_positive(const SeriesData& s, int32_t col) {
  for (int32_t t = 0; t < s.rows; ++t)
    if (s.at(t, col) > 0) return t;
  return -1;
}

// Column indices of the scenario's services with a given launch rule.
std::vector<int32_t> services_launched_by(const std::string& launch) {
  const Scenario sc = parse_scenario(scenario_text(), "jiaxing_test.toml", small());
  std::vector<int32_t> out;
  const auto& services = sc.params.records("jiaxing.services");
  for (size_t s = 0; s < services.size(); ++s)
    if (services[s].get_string("launch") == launch) out.push_back(static_cast<int32_t>(s));
  return out;
}

}  // namespace

TEST_CASE("jiaxing conditions: level 0 switches each mechanism off", "[jiaxing][conditions]") {
  JiaxingParams p = scenario_params();
  REQUIRE(p.network_weight > 0);
  REQUIRE(p.entrepreneur_share > 0);
  p.conditions = {0, 0, 0, 0};
  // Critical mass: no neighbour-driven registration; usefulness does not depend on local users.
  CHECK(conditions::neighbour_weight(p) == 0.0);
  for (double share : {0.0, 0.05, 0.2, 0.6, 1.0}) CHECK(conditions::usefulness(p, share) == 1.0);
  // Entrepreneurs: nobody is one, and the city never converts or builds.
  for (double u : {0.0, 1e-9, 0.1, 0.5}) CHECK_FALSE(conditions::is_entrepreneur(p, u));
  CHECK(conditions::entrepreneur_delay(p, 1) > 365 * 100);
  CHECK(conditions::entrepreneur_delay(p, 0) > 365 * 100);
  // Incentives: the points and time bank add nothing to the intrinsic motive; firms list from
  // demand alone (nothing without demand).
  CHECK(conditions::deliberation_motive(p) == Approx(1.0 / (1.0 + p.incentives.points_value)));
  CHECK(conditions::volunteer_motive(p, 0.0) == Approx(1.0 / (1.0 + p.incentives.time_bank_value)));
  CHECK(conditions::signup_motive(p, 0.0) == 0.0);
  CHECK(conditions::listing_probability(p, 0.0) == 0.0);
  // Accountability: unaccountable effort and responsiveness, no review boost.
  CHECK(conditions::team_effort(p, false) == p.effort_unaccountable);
  CHECK(conditions::team_effort(p, true) == p.effort_unaccountable);
  CHECK(conditions::responsiveness(p) == p.responsiveness_unaccountable);
}

TEST_CASE("jiaxing conditions: level 1 is the calibrated scenario's rule", "[jiaxing][conditions]") {
  JiaxingParams p = scenario_params();
  p.conditions = {1, 1, 1, 1};
  CHECK(conditions::neighbour_weight(p) == p.network_weight);
  CHECK(conditions::usefulness(p, 0.3) == conditions::hill(0.3, p.critical_mass_share, p.critical_mass_steepness));
  CHECK(conditions::deliberation_motive(p) == 1.0);
  CHECK(conditions::volunteer_motive(p, 0.0) == 1.0);
  CHECK(conditions::team_effort(p, false) == p.effort_accountable);
  CHECK(conditions::team_effort(p, true) == Approx(p.effort_accountable * (1 + p.overdue_boost)));
  CHECK(conditions::responsiveness(p) == 1.0);
  CHECK(conditions::entrepreneur_delay(p, 30) == 30);
  CHECK(conditions::is_entrepreneur(p, p.entrepreneur_share * 0.999));
  CHECK_FALSE(conditions::is_entrepreneur(p, p.entrepreneur_share));
}

TEST_CASE("jiaxing conditions: each rule is monotone in its level", "[jiaxing][conditions]") {
  JiaxingParams p = scenario_params();
  double last_nbr = -1, last_use = 2, last_delib = -1, last_vol = -1, last_sign = -1, last_list = -1;
  double last_effort = -1, last_resp = -1, last_share = -1;
  int32_t last_delay = std::numeric_limits<int32_t>::max();
  for (double level : kLevels) {
    p.conditions = {level, level, level, level};
    CHECK(conditions::neighbour_weight(p) > last_nbr);
    // Below saturation a stronger dependence on local users means less usefulness at a low share.
    CHECK(conditions::usefulness(p, 0.1) < last_use);
    CHECK(conditions::deliberation_motive(p) > last_delib);
    CHECK(conditions::volunteer_motive(p, 0.2) > last_vol);
    CHECK(conditions::signup_motive(p, 0.2) > last_sign);
    CHECK(conditions::listing_probability(p, 0.3) > last_list);
    CHECK(conditions::team_effort(p, false) > last_effort);
    CHECK(conditions::responsiveness(p) > last_resp);
    CHECK(conditions::entrepreneur_delay(p, 30) <= last_delay);
    // The entrepreneurs at a level are a subset of those at any higher level: the share of set-up
    // draws below level x entrepreneur_share.
    int n = 0;
    for (int i = 0; i < 1000; ++i) n += conditions::is_entrepreneur(p, (i + 0.5) / 1000);
    CHECK(n / 1000.0 >= last_share);
    last_share = n / 1000.0;
    last_nbr = conditions::neighbour_weight(p);
    last_use = conditions::usefulness(p, 0.1);
    last_delib = conditions::deliberation_motive(p);
    last_vol = conditions::volunteer_motive(p, 0.2);
    last_sign = conditions::signup_motive(p, 0.2);
    last_list = conditions::listing_probability(p, 0.3);
    last_effort = conditions::team_effort(p, false);
    last_resp = conditions::responsiveness(p);
    last_delay = conditions::entrepreneur_delay(p, 30);
  }
  CHECK(last_share == Approx(p.entrepreneur_share).margin(1e-3));
}

TEST_CASE("jiaxing conditions: firms list more with more expected demand and more incentive",
          "[jiaxing][conditions]") {
  JiaxingParams p = scenario_params();
  REQUIRE(p.list_rate > 0);
  REQUIRE(p.incentives.listing_subsidy > 0);
  // Expected utilisation: demand shared with the firms already listed, capped at 1.
  CHECK(conditions::expected_utilisation(0, 0, 3) == 0.0);
  CHECK(conditions::expected_utilisation(3, 0, 3) == 1.0);
  CHECK(conditions::expected_utilisation(3, 1, 3) == 0.5);
  CHECK(conditions::expected_utilisation(100, 1, 3) == 1.0);
  CHECK(conditions::expected_utilisation(5, 0, 0) == 0.0);
  for (double level : kLevels) {
    p.conditions.incentives = level;
    double last = -1;
    for (double u : {0.0, 0.2, 0.5, 0.8, 1.0}) {
      const double q = conditions::listing_probability(p, u);
      CHECK(q > last);
      CHECK(q <= p.list_rate);
      last = q;
    }
  }
  p.conditions.incentives = 1;
  CHECK(conditions::listing_probability(p, 1.0) == Approx(p.list_rate));
}

TEST_CASE("jiaxing conditions: crisis duties leave officials less time for the platform", "[jiaxing][conditions]") {
  JiaxingParams p = scenario_params();
  p.officials_time = {0.5, 0.45};
  CHECK(conditions::platform_time(p, 0.0) == Approx(0.5));
  CHECK(conditions::platform_time(p, 1.0) == Approx(0.05));
  p.officials_time = {0.8, 0.5};
  CHECK(conditions::platform_time(p, 1.0) == 0.0);  // duties take all of it, never more
  double last = 2;
  for (double i : kLevels) {
    CHECK(conditions::platform_time(p, i) <= last);
    last = conditions::platform_time(p, i);
  }
}

// ---- whole-model runs ----------------------------------------------------------------------------

TEST_CASE("jiaxing conditions: critical mass 0 means no neighbour-driven registration", "[jiaxing][conditions]") {
  // Level 0 must give exactly the run without the network term (the grid workers' push stays),
  // and level 1 more registrations than that.
  const RunResult off = run_small({"jiaxing.conditions.critical_mass=0", "population.residents=4000",
                                   "population.officials=8", "population.firms=40"});
  const RunResult no_net = run_small({"jiaxing.conditions.critical_mass=0", "jiaxing.registration.network_weight=0",
                                      "population.residents=4000", "population.officials=8", "population.firms=40"});
  const RunResult on = run_small({"jiaxing.conditions.critical_mass=1", "population.residents=4000",
                                  "population.officials=8", "population.firms=40"});
  const SeriesData& a = daily(off, "n_registered");
  const SeriesData& b = daily(no_net, "n_registered");
  for (int32_t t = 0; t < a.rows; ++t) REQUIRE(a.at(t) == b.at(t));
  CHECK(scalar(off, "registered_end") > 0);  // the push still registers residents
  CHECK(scalar(on, "registered_end") > scalar(off, "registered_end"));
}

TEST_CASE("jiaxing conditions: public entrepreneurs 0 means no converted or new everyday service, and "
          "a lower level brings them later",
          "[jiaxing][conditions]") {
  const std::vector<std::string> tiny = {"population.residents=4000", "population.officials=8", "population.firms=40"};
  auto with = [&](const std::string& level) {
    std::vector<std::string> s = tiny;
    s.push_back("jiaxing.conditions.public_entrepreneurs=" + level);
    return run_small(s);
  };
  const RunResult zero = with("0"), half = with("0.5"), full = with("1");
  const std::vector<int32_t> after = services_launched_by("after_crisis");
  const std::vector<int32_t> conv = services_launched_by("conversion");
  REQUIRE(!after.empty());
  REQUIRE(!conv.empty());
  for (int32_t s : after) {
    CHECK(first_positive(daily(zero, "city_offers_service"), s) == -1);
    const int32_t t_half = first_positive(daily(half, "city_offers_service"), s);
    const int32_t t_full = first_positive(daily(full, "city_offers_service"), s);
    REQUIRE(t_full > 0);
    CHECK(t_half > t_full);
  }
  for (int32_t s : conv) CHECK(first_positive(daily(zero, "city_offers_service"), s) == -1);
  CHECK(sum(daily(zero, "deliberation_acts")) == 0.0);
  CHECK(sum(daily(full, "deliberation_acts")) > 0.0);
}

TEST_CASE("jiaxing conditions: officials' capacity binds in the crisis when duties leave too little time",
          "[jiaxing][conditions]") {
  // Two communities; in the level-1 emergency crisis duties take all but 1 % of officials' time
  // (0.1 requests a day per team), so requests exceed what teams can answer: on most emergency days
  // every unit of capacity is used and requests are still waiting. Without crisis duties (crisis_duty = 0) capacity never binds.
  const std::vector<std::string> tiny = {"population.residents=2000", "population.officials=4", "population.firms=20",
                                         "jiaxing.officials.duty_share=0.5"};
  auto run_with = [&](const std::string& crisis_duty) {
    std::vector<std::string> s = tiny;
    s.push_back("jiaxing.officials.crisis_duty=" + crisis_duty);
    return run_small(s);
  };
  const RunResult tight = run_with("0.49"), loose = run_with("0");
  const int32_t a = tick(tight, "2020-01-23"), b = tick(tight, "2020-03-02");
  auto binding_days = [&](const RunResult& r) {
    const SeriesData& util = daily(r, "team_utilisation");
    const SeriesData& pending = daily(r, "n_pending_requests");
    const SeriesData& ignored = daily(r, "new_ignored_requests");
    REQUIRE(sum(ignored) == 0.0);  // accountability 1: every pending request is in the queue
    int n = 0;
    // Bound: today's capacity (answers / capacity; NaN when the floor of it is 0) all used, and
    // requests still waiting at the end of the day.
    for (int32_t t = a; t <= b; ++t) n += (std::isnan(util.at(t)) || util.at(t) == 1.0) && pending.at(t) > 0;
    return n;
  };
  REQUIRE(sum(daily(tight, "new_requests"), a, b + 1) > 10);
  CHECK(binding_days(tight) >= (b - a) / 2);
  CHECK(binding_days(loose) == 0);
  CHECK(sum(daily(tight, "new_answers"), a, b + 1) < sum(daily(loose, "new_answers"), a, b + 1));
}

TEST_CASE("jiaxing conditions: the old true/false switches are refused with a message naming the level",
          "[jiaxing][conditions]") {
  for (const char* key : {"public_entrepreneurs", "critical_mass", "coproduction_incentives", "accountability"}) {
    const std::string set = std::string("jiaxing.conditions.") + key + "=false";
    try {
      parse_scenario(scenario_text(), "jiaxing_test.toml", small({set}));
      FAIL("accepted " << set);
    } catch (const InputError& e) {
      const std::string m = e.what();
      INFO(m);
      CHECK(m.find(std::string("jiaxing.conditions.") + key + " is a level now") != std::string::npos);
      CHECK(m.find("0 for false") != std::string::npos);
    }
  }
}
