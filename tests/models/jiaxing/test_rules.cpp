// The behavioural rules of models/jiaxing/rules.hpp, each in isolation, with the parameters of
// the real scenario (scenarios/jiaxing_weijiayuan.toml, defaults for keys it leaves out).
#include <catch2/catch.hpp>
#include <cmath>

#include "models/jiaxing/conditions.hpp"
#include "models/jiaxing/params.hpp"
#include "models/jiaxing/rules.hpp"
#include "sim/scenario/scenario.hpp"
#include "test_support.hpp"

using namespace govsim::jiaxing;
namespace rules = govsim::jiaxing::rules;
namespace conditions = govsim::jiaxing::conditions;

namespace {

const JiaxingParams& params() {
  static const JiaxingParams p = load_jiaxing_parameters(
      govsim::load_scenario(
          (govsim::testing::source_dir() / "scenarios/jiaxing_weijiayuan.toml").string())
          .params);
  return p;
}

const double kGrid[] = {0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0};

}  // namespace

TEST_CASE("jiaxing rules: the scenario's parameters are not degenerate for the rule tests",
          "[jiaxing]") {
  // If a calibration moves one of these to an edge, the tests below stop being informative.
  const JiaxingParams& p = params();
  CHECK(p.push_pre > 0);
  CHECK(p.push_crisis > 0);
  CHECK(p.network_weight > 0);
  CHECK(p.crisis_rate > 0);
  CHECK(p.offline_rebound > 0);
  CHECK(p.offline_rebound <= 1);
  CHECK(p.trust_gain > 0);
  CHECK(p.trust_loss > 0);
  CHECK(p.late_factor < 1);
  CHECK(p.effort_accountable > p.effort_unaccountable);
  CHECK(p.entrepreneur_pull > 0);
  CHECK(p.adoption_rate > 0);
  CHECK(p.incentives.points_value > 0);
}

TEST_CASE(
    "jiaxing rules: registration hazard rises with literacy and with the registered neighbour "
    "share",
    "[jiaxing]") {
  const JiaxingParams& p = params();
  const double push = p.push_pre, nw = p.network_weight;
  for (double share : kGrid) {
    double last = -1;
    for (double lit : kGrid) {
      const double h = rules::registration_hazard(lit, push, nw, share);
      CHECK(h == Approx(lit * (push + nw * share)));
      if (lit > 0) CHECK(h > last);
      last = h;
    }
  }
  for (double lit : {0.2, 0.7, 1.0}) {
    double last = -1;
    for (double share : kGrid) {
      const double h = rules::registration_hazard(lit, push, nw, share);
      CHECK(h > last);
      last = h;
    }
  }
  CHECK(rules::registration_hazard(0.0, push, nw, 1.0) == 0.0);
  // A probability: capped at 1 however strong the push.
  CHECK(rules::registration_hazard(1.0, 3.0, 3.0, 1.0) == 1.0);
}

TEST_CASE("jiaxing rules: the grid workers' crisis drive pushes registration in proportion to intensity",
          "[jiaxing]") {
  // The push is the grid workers', not the critical mass (conditions.hpp): no condition level
  // changes it.
  JiaxingParams p = params();
  for (double level : {0.0, 1.0}) {
    p.conditions.critical_mass = level;
    CHECK(rules::registration_push(p, false, 0.0) == p.push_pre);
    CHECK(rules::registration_push(p, false, 1.0) == Approx(p.push_pre + p.push_crisis));
    CHECK(rules::registration_push(p, false, 0.5) == Approx(p.push_pre + 0.5 * p.push_crisis));
    CHECK(rules::registration_push(p, true, 0.0) == p.push_post);
  }
}

TEST_CASE("jiaxing rules: without a crisis the crisis part of the need rates is zero",
          "[jiaxing]") {
  const JiaxingParams& p = params();
  double total = 0;
  for (int k = 0; k < kNumNeeds; ++k) {
    INFO(kNeedNames[k]);
    const double everyday = p.everyday_rate * p.need[k].everyday_weight;
    CHECK(rules::need_rate(p, k, false, 0.0) == everyday);
    CHECK(rules::need_rate(p, k, true, 0.0) == Approx(everyday * (1.0 + p.post_shift)));
    // The crisis part is linear in intensity.
    CHECK(rules::need_rate(p, k, false, 1.0) - everyday ==
          Approx(p.crisis_rate * p.need[k].crisis_weight));
    CHECK(rules::need_rate(p, k, false, 0.4) - everyday ==
          Approx(0.4 * p.crisis_rate * p.need[k].crisis_weight).margin(1e-15));
    total += rules::need_rate(p, k, false, 0.0);
  }
  // Everyday weights sum to 1, so the needs add up to the everyday rate.
  CHECK(total == Approx(p.everyday_rate));
  // The health report is a crisis-only need.
  CHECK(rules::need_rate(p, int(Need::HealthReport), false, 0.0) == 0.0);
}

TEST_CASE("jiaxing rules: offline provision closes as the crisis intensifies", "[jiaxing]") {
  const JiaxingParams& p = params();
  for (int k = 0; k < kNumNeeds; ++k) {
    INFO(kNeedNames[k]);
    CHECK(rules::offline_open(p, k, 0.0) == 1.0);
    CHECK(rules::offline_open(p, k, 1.0) == Approx(1.0 - p.need[k].offline_closure));
    double last = 2;
    for (double intensity : kGrid) {
      const double open = rules::offline_open(p, k, intensity);
      CHECK(open >= 0.0);
      CHECK(open <= 1.0);
      if (p.need[k].offline_closure > 0) CHECK(open < last);
      last = open;
    }
  }
}

TEST_CASE(
    "jiaxing rules: online preference is 1 before the emergency ends and recovers towards 1 after",
    "[jiaxing]") {
  const JiaxingParams& p = params();
  for (double d : {-100.0, 0.0, 5.0, 1000.0}) CHECK(rules::online_preference(p, false, d) == 1.0);
  CHECK(rules::online_preference(p, true, 0.0) == Approx(1.0 - p.offline_rebound));
  double last = -1;
  for (double d = 0; d <= 20 * p.rebound_days; d += p.rebound_days / 4) {
    const double pref = rules::online_preference(p, true, d);
    CHECK(pref > last);
    CHECK(pref < 1.0);
    CHECK(pref >= 0.0);
    last = pref;
  }
  CHECK(rules::online_preference(p, true, 20 * p.rebound_days) == Approx(1.0).margin(1e-8));
  // One time constant closes 1 - 1/e of the gap.
  CHECK(1.0 - rules::online_preference(p, true, p.rebound_days) ==
        Approx(p.offline_rebound * std::exp(-1.0)));
}

TEST_CASE(
    "jiaxing rules: online use is the only way when offline is closed and competes when it is open",
    "[jiaxing]") {
  CHECK(rules::online_use(0.8, 0.0, 0.2, 1.0) == Approx(0.8));
  CHECK(rules::online_use(0.8, 1.0, 0.2, 1.0) == Approx(0.16));
  CHECK(rules::online_use(0.8, 1.0, 0.2, 0.5) == Approx(0.08));
  double last = -1;
  for (double open = 1.0; open >= 0.0; open -= 0.125) {
    const double u = rules::online_use(0.7, open, 0.3, 0.9);
    CHECK(u > last);
    CHECK(u <= 0.7);
    last = u;
  }
}

TEST_CASE("jiaxing rules: the critical-mass factor is 0 at share 0, 1/2 at s0 and increasing",
          "[jiaxing]") {
  const JiaxingParams& p = params();
  const double s0 = p.critical_mass_share, h = p.critical_mass_steepness;
  CHECK(conditions::hill(0.0, s0, h) == 0.0);
  CHECK(conditions::hill(s0, s0, h) == Approx(0.5));
  for (double hh : {0.5, 1.0, 2.0, 8.0}) {
    CHECK(conditions::hill(s0, s0, hh) == Approx(0.5));
    double last = 0;
    for (int i = 1; i <= 100; ++i) {
      const double f = conditions::hill(i / 100.0, s0, hh);
      CHECK(f > last);
      CHECK(f < 1.0);
      last = f;
    }
  }
  // Steeper: lower below s0, higher above.
  CHECK(conditions::hill(s0 / 2, s0, 4.0) <
        conditions::hill(s0 / 2, s0, 1.0));
  CHECK(conditions::hill(std::min(1.0, 2 * s0), s0, 4.0) >
        conditions::hill(std::min(1.0, 2 * s0), s0, 1.0));
}

TEST_CASE(
    "jiaxing rules: answers raise trust, late ones less, dropped requests lower it, all within [0, "
    "1]",
    "[jiaxing]") {
  const JiaxingParams& p = params();
  for (float t : {0.0f, 0.05f, 0.3f, 0.6f, 0.95f, 0.999f}) {
    INFO("trust " << t);
    const float timely = rules::trust_after_answer(p, t, true);
    const float late = rules::trust_after_answer(p, t, false);
    const float dropped = rules::trust_after_drop(p, t);
    CHECK(timely > t);
    CHECK(late > t);
    CHECK(late < timely);
    CHECK(timely <= 1.0f);
    CHECK(timely == Approx(t + p.trust_gain * (1.0 - t)).epsilon(1e-6));
    CHECK(late == Approx(t + p.trust_gain * p.late_factor * (1.0 - t)).epsilon(1e-6));
    if (t > 0) CHECK(dropped < t);
    CHECK(dropped >= 0.0f);
    CHECK(dropped == Approx(t * (1.0 - p.trust_loss)).epsilon(1e-6));
  }
  CHECK(rules::trust_after_answer(p, 1.0f, true) == 1.0f);
  CHECK(rules::trust_after_answer(p, 1.0f, false) == 1.0f);
  CHECK(rules::trust_after_drop(p, 0.0f) == 0.0f);
  // Repeated: stays in [0, 1] and converges to the ends.
  float up = 0.2f, down = 0.9f;
  for (int i = 0; i < 500; ++i) {
    up = rules::trust_after_answer(p, up, i % 2 == 0);
    down = rules::trust_after_drop(p, down);
    REQUIRE(up >= 0.0f);
    REQUIRE(up <= 1.0f);
    REQUIRE(down >= 0.0f);
    REQUIRE(down <= 1.0f);
  }
  CHECK(up == Approx(1.0f).margin(1e-4));
  CHECK(down == Approx(0.0f).margin(1e-4));
}

TEST_CASE("jiaxing rules: roll-out hazard increases with the community's public entrepreneurs",
          "[jiaxing]") {
  const JiaxingParams& p = params();
  CHECK(rules::adoption_hazard(p, 0) == Approx(p.adoption_rate));
  double last = 0;
  for (int e = 0; e <= 6; ++e) {
    const double h = rules::adoption_hazard(p, e);
    CHECK(h > last);
    CHECK(h <= 1.0);
    last = h;
  }
  CHECK(rules::adoption_hazard(p, 1000000) == 1.0);
}
