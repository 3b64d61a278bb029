// Issue 16, points 3, 4 and 6: interdependence as exchange (mutual adjustment between the same
// members, errors passed down a chain, contributions under a standard), close times with censoring,
// the steady-state test of the open-task queue, the officials' other work and the dispatch table.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "collab_test_support.hpp"
#include "models/collab/dispatch_table.hpp"
#include "models/collab/queue_stats.hpp"
#include "models/collab/reciprocal_exchange.hpp"
#include "models/collab/survival.hpp"

using namespace govsim;
using namespace govsim::collab;
using namespace govsim::collab_test;

TEST_CASE("exchange: without misreading the spread shrinks by (1 - rate) every round until it is within tolerance",
          "[collab][exchange]") {
  float pos[4] = {0.0f, 2.0f, 5.0f, 8.0f};
  const float none[4] = {0, 0, 0, 0};
  const uint32_t all = 0xFu;
  double spread = position_spread(pos, all);
  REQUIRE(spread == 8.0);
  int rounds = 0;
  for (;;) {
    const AdjustmentRound r = adjust_positions(pos, all, 0.5, 1.0, none);
    ++rounds;
    CHECK(r.spread_before == Approx(spread));
    CHECK(r.spread_after == Approx(0.5 * spread));
    spread = r.spread_after;
    if (r.converged) break;
    CHECK(r.redo != 0u);                  // someone still disagrees
    CHECK((r.redo & ~all) == 0u);         // only members redo
  }
  CHECK(rounds == 3);  // 8 -> 4 -> 2 -> 1
  CHECK(spread <= 1.0);
}

TEST_CASE("exchange: identical positions agree in one round; with rate 0 positions never move", "[collab][exchange]") {
  const float none[3] = {0, 0, 0};
  float same[3] = {0.7f, 0.7f, 0.7f};
  const AdjustmentRound one = adjust_positions(same, 0x7u, 0.5, 1.0, none);
  CHECK(one.converged);
  CHECK(one.redo == 0u);
  float apart[3] = {0.0f, 3.0f, 9.0f};
  for (int i = 0; i < 50; ++i) {
    const AdjustmentRound r = adjust_positions(apart, 0x7u, 0.0, 1.0, none);
    REQUIRE_FALSE(r.converged);
    REQUIRE(r.spread_after == 9.0);
  }
  // A misreading moves a member toward a wrong mean: the spread need not shrink.
  float pos[2] = {0.0f, 2.0f};
  const float misread[2] = {0.0f, 10.0f};
  const AdjustmentRound m = adjust_positions(pos, 0x3u, 0.5, 1.0, misread);
  CHECK(m.spread_after > m.spread_before * 0.5);
}

TEST_CASE("exchange: reciprocal tasks whose members never give way are all dropped after max_rounds",
          "[collab][exchange]") {
  UnitHarness h("III", {"collab.interdependence=2", "collab.participation=0.2", "collab.exchange.adjustment_rate=0",
                        "collab.exchange.disagreement_sd=1000", "collab.coordination.max_rounds=4"});
  h.run(20, false, 20);
  REQUIRE(h.arrived() > 100);
  CHECK(h.closed() == 0u);
  int drops = 0;
  for (const auto& r : h.records())
    if (r.what == UnitHarness::What::Drop && r.non_converged) {
      CHECK(r.rounds == 4);
      ++drops;
    }
  CHECK(drops > 50);
}

TEST_CASE("exchange: a re-asked resident is the same person in every round", "[collab][exchange]") {
  // Members far apart who give way slowly: several rounds, public members re-asked in each.
  const RunResult r = run_small("IV", {"collab.interdependence=2", "collab.exchange.disagreement_sd=4",
                                       "collab.exchange.adjustment_rate=0.3", "collab.public.daily_limit=1",
                                       // plain residents who are all on the platform: the exchange alone
                                       "collab.adoption.enabled=false", "collab.participants.enabled=false"});
  check_conservation(r);
  REQUIRE(scalar(r, "rounds_per_task") > 2.0);
  // Re-asks go to the engaged resident, who always answers: fewer asks per contribution than the
  // first asks alone would need (a fresh ask succeeds with probability about 1 - threshold).
  CHECK(scalar(r, "asks_per_contribution") < 2.0);
}

TEST_CASE("exchange: an error in a chain is found downstream and the chain is redone from where it arose",
          "[collab][exchange]") {
  UnitHarness h("III", {"collab.interdependence=1", "collab.participation=0.5", "collab.coordination.misunderstand_prob=0.3"});
  h.run(20, false, 25);
  int restarted = 0, closed = 0;
  for (const auto& [key, recs] : h.by_task()) {
    int last = -1;
    for (const auto& rec : recs) {
      if (rec.what != UnitHarness::What::Dispatch) continue;
      // Dispatches go down the chain one step at a time, or back to an earlier sub-task (a restart).
      if (rec.sub <= last) ++restarted;
      else REQUIRE(rec.sub == last + 1);
      last = rec.sub;
    }
    closed += recs.back().what == UnitHarness::What::Close;
  }
  CHECK(restarted > 50);
  CHECK(closed > 100);
  CHECK(h.arrived() == h.closed() + h.dropped() + h.unit().open_tasks());
}

TEST_CASE("exchange: mutual adjustment costs most; a chain's errors cost more rework than a pool's, fewer messages",
          "[collab][exchange]") {
  // Thompson's ordering of coordination costs (standardisation < plan < mutual adjustment), with
  // the same tasks (type IV's participation) and the same chance to misread an input; only the
  // interdependence differs. Reciprocal tasks cost by far the most adjustment messages. Between
  // pooled and sequential the model gives a split verdict (docs/collab_model.md, "Thompson's
  // ordering"): a chain's misreading is redone from where it arose, so it costs more rework, but a
  // pool checks every one of its n inputs against the standard while a chain has n - 1 hand-overs
  // and one ask-back per error however far it travelled, so the pool sends more adjustment messages.
  for (const bool platform : {false, true}) {
    INFO("platform " << platform);
    std::vector<double> adjust, reworks;
    for (const char* d : {"0", "1", "2"}) {
      const RunResult r = run_small("IV", {std::string("collab.interdependence=") + d,
                                           std::string("collab.platform.enabled=") + (platform ? "true" : "false")});
      adjust.push_back(scalar(r, "adjustment_messages_per_task"));
      reworks.push_back(scalar(r, "reworks_per_task"));
    }
    INFO("adjustment messages " << adjust[0] << " " << adjust[1] << " " << adjust[2]);
    INFO("reworks " << reworks[0] << " " << reworks[1] << " " << reworks[2]);
    CHECK(adjust[2] > 3 * adjust[0]);
    CHECK(adjust[2] > 3 * adjust[1]);
    CHECK(reworks[1] > 1.5 * reworks[0]);  // errors cascade down a chain
    CHECK(adjust[0] > adjust[1]);          // the documented reversal
  }
}

TEST_CASE("survival: Kaplan-Meier equals the plain mean when nothing is censored, and censoring raises it",
          "[collab][survival]") {
  const std::vector<double> times = {0.05, 0.5, 1.0, 2.0, 3.5, 7.0, 20.0, 100.0, 450.0, 1200.0};
  CloseTimeHistogram h;
  double mean = 0;
  for (double t : times) {
    h.add_event(t);
    mean += t / double(times.size());
  }
  const KaplanMeier km = kaplan_meier(h);
  CHECK(km.events == times.size());
  CHECK(km.censored == 0u);
  CHECK(km.restricted_mean_hours == Approx(mean).epsilon(1e-12));
  CHECK(km.survival_at_last == Approx(0.0).margin(1e-12));
  CHECK(km.median_hours == Approx(3.5));
  // Censored tasks (dropped or still open) that lasted long raise the estimate above the mean of
  // the closed ones, which is what leaving them out would report.
  CloseTimeHistogram c = h;
  c.add_censored(10.0);
  c.add_censored(300.0);
  c.add_censored(5000.0);
  const KaplanMeier kc = kaplan_meier(c);
  CHECK(kc.censored == 3u);
  CHECK(kc.restricted_mean_hours > mean);
  CHECK(kc.median_hours >= km.median_hours);
  CHECK(kc.survival_at_last > 0.0);  // the longest task is still censored
  // Nothing closed: no estimate.
  CloseTimeHistogram none;
  none.add_censored(5.0);
  CHECK(std::isnan(kaplan_meier(none).restricted_mean_hours));
}

TEST_CASE("survival: the model reports censored close times, above the closed tasks' mean when tasks are dropped",
          "[collab][survival]") {
  const RunResult r = run_small("III", {"collab.interdependence=2", "collab.exchange.disagreement_sd=3",
                                        "collab.exchange.adjustment_rate=0.3", "collab.coordination.max_rounds=4",
                                        "collab.platform.enabled=false"});
  REQUIRE(scalar(r, "share_dropped") > 0.05);
  CHECK(scalar(r, "share_censored") > 0.05);
  CHECK(scalar(r, "km_mean_close_hours") > scalar(r, "mean_close_hours"));
}

TEST_CASE("queue: a growing open-task series is flagged, a stable noisy one passes", "[collab][queue]") {
  std::vector<double> stable, growing;
  for (int i = 0; i < 90; ++i) {
    stable.push_back(400 + 30 * std::sin(i * 1.7) + (i % 7) * 5);
    growing.push_back(400 + 80.0 * i + 30 * std::sin(i * 1.7));
  }
  const QueueTrend s = open_task_trend(stable.data(), int(stable.size()), 400);
  CHECK(s.steady);
  const QueueTrend g = open_task_trend(growing.data(), int(growing.size()), 400);
  CHECK_FALSE(g.steady);
  CHECK(g.slope_per_day == Approx(80).margin(2));
  CHECK(open_task_trend(growing.data(), 5, 400).steady);  // too short to judge
}

TEST_CASE("queue: an overloaded run is flagged as not steady, a light one is steady", "[collab][queue]") {
  const RunResult light = run_small("I", {"collab.tasks.per_day=40"});
  CHECK(scalar(light, "queue_steady") == 1.0);
  // Officials with no time left for the tasks: the queue can only grow.
  const RunResult heavy = run_small("I", {"collab.tasks.per_day=400", "collab.officials.other_work_share=0.95"});
  CHECK(scalar(heavy, "queue_steady") == 0.0);
  CHECK(scalar(heavy, "open_tasks_trend_per_day") > 0.0);
}

TEST_CASE("dispatch table: the automatic share follows from the events' kinds the table lists", "[collab][dispatch]") {
  const DispatchTable full(20, 1.0, 20), none(20, 1.0, 0), half(100, 1.0, 50);
  CHECK(full.expected_listed_share() == 1.0);
  CHECK(none.expected_listed_share() == 0.0);
  double h50 = 0, h100 = 0;
  for (int k = 1; k <= 100; ++k) (k <= 50 ? h50 : h100) += 1.0 / k;
  CHECK(half.expected_listed_share() == Approx(h50 / (h50 + h100)));
  CHECK(half.category(0.0) == 0);
  CHECK(half.category(0.999999) == 99);
  // In the model: the share dispatched automatically matches the table's coverage.
  // (Adoption off: every receiving official is on the platform, so the table alone decides.)
  const RunResult r = run_small("III", {"collab.dispatch.table=true", "collab.dispatch.categories=100",
                                        "collab.dispatch.table_categories=50", "collab.adoption.enabled=false"});
  CHECK(scalar(r, "share_auto_dispatched") == Approx(h50 / (h50 + h100)).margin(0.02));
}

TEST_CASE("info: social information counts each contribution of a closed task once", "[collab]") {
  const RunResult r = run_small("IV", {"collab.interdependence=2", "collab.exchange.disagreement_sd=3"});
  CHECK(scalar(r, "social_info_per_day") > 0.0);
  CHECK(scalar(r, "social_info_per_day") < scalar(r, "contributions_taken_in_per_day"));  // repeats not counted
}
