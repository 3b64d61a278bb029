// Mechanisms of the collab model: one unit is simulated on its own (UnitHarness) and every step
// of every task is followed through UnitSim's trace hook; the reciprocal drop and round counts
// are also checked on the whole model's outputs.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "collab_test_support.hpp"

using namespace govsim;
using namespace govsim::collab_test;
using TraceWhat = UnitHarness::What;
using TraceRecord = UnitHarness::Record;

namespace {

// Index of the first record of `what` (and sub-task `sub`, if >= 0) in `v`, or -1.
int find_rec(const std::vector<TraceRecord>& v, TraceWhat what, int sub = -1) {
  for (size_t i = 0; i < v.size(); ++i)
    if (v[i].what == what && (sub < 0 || v[i].sub == sub)) return int(i);
  return -1;
}
int count_rec(const std::vector<TraceRecord>& v, TraceWhat what, int sub = -1) {
  return int(std::count_if(v.begin(), v.end(), [&](const TraceRecord& r) { return r.what == what && (sub < 0 || r.sub == sub); }));
}
bool terminal(TraceWhat w) { return w == TraceWhat::Close || w == TraceWhat::Drop; }

}  // namespace

TEST_CASE("collab: a pooled task closes only after all its parts and the combine step", "[collab]") {
  for (const bool live : {false, true}) {
    INFO("platform live " << live);
    UnitHarness h("I", {"collab.interdependence=0", "collab.participation=0.5", "collab.coordination.misunderstand_prob=0",
                        "collab.platform.misunderstand_prob=0"});
    h.run(20, live, 25);
    int closed = 0, combined = 0;
    for (const auto& [key, recs] : h.by_task()) {
      REQUIRE(recs.front().what == TraceWhat::Arrive);
      REQUIRE(recs.front().kind == collab::Interdependence::Pooled);
      const int n = recs.front().num_subtasks;
      const int c = find_rec(recs, TraceWhat::Close);
      if (c < 0) continue;  // still open (or dropped for lack of participants)
      ++closed;
      INFO("task " << key.first << "/" << key.second << ", " << n << " sub-tasks");
      REQUIRE(c == int(recs.size()) - 1);  // nothing happens to a task after it closed
      double last_done = -1;
      int last_done_at = -1;
      for (int s = 0; s < n; ++s) {
        REQUIRE(count_rec(recs, TraceWhat::SubtaskDone, s) == 1);  // no one misreads the standard: no returns
        const int d = find_rec(recs, TraceWhat::SubtaskDone, s);
        last_done_at = std::max(last_done_at, d);
        last_done = std::max(last_done, recs[size_t(d)].time);
      }
      REQUIRE(last_done_at < c);
      if (n > 1) {
        REQUIRE(count_rec(recs, TraceWhat::CombineStart) == 1);
        const int k = find_rec(recs, TraceWhat::CombineStart);
        CHECK(k > last_done_at);
        CHECK(k < c);
        CHECK(recs[size_t(k)].time >= last_done);
        CHECK(recs[size_t(c)].time >= recs[size_t(k)].time);
        CHECK(recs[size_t(c)].time > last_done);  // hand-over and combining take time
        ++combined;
      } else {
        CHECK(count_rec(recs, TraceWhat::CombineStart) == 0);
        CHECK(recs[size_t(c)].time == last_done);
      }
    }
    CHECK(closed > 200);
    CHECK(combined > 200);
    CHECK(h.arrived() == h.closed() + h.dropped() + h.unit().open_tasks());
  }
}

TEST_CASE("collab: sequential sub-tasks start one after the other", "[collab]") {
  for (const bool live : {false, true}) {
    INFO("platform live " << live);
    UnitHarness h("III", {"collab.interdependence=1", "collab.participation=0.5",
                          "collab.coordination.misunderstand_prob=0", "collab.platform.misunderstand_prob=0"});
    h.run(20, live, 25);
    int closed = 0;
    for (const auto& [key, recs] : h.by_task()) {
      REQUIRE(recs.front().kind == collab::Interdependence::Sequential);
      const int n = recs.front().num_subtasks;
      INFO("task " << key.first << "/" << key.second << ", " << n << " sub-tasks");
      // Without misreadings the dispatches come in chain order, each once,
      // and sub-task i + 1 is dispatched only after sub-task i finished.
      int expect = 0;
      for (size_t i = 0; i < recs.size(); ++i) {
        if (recs[i].what != TraceWhat::Dispatch) continue;
        REQUIRE(recs[i].sub == expect);
        if (expect > 0) {
          const int d = find_rec(recs, TraceWhat::SubtaskDone, expect - 1);
          REQUIRE(d >= 0);
          REQUIRE(size_t(d) < i);
          REQUIRE(recs[size_t(d)].time <= recs[i].time);
        }
        ++expect;
      }
      // At most one sub-task is under way at any time.
      int under_way = 0;
      for (const TraceRecord& r : recs) {
        under_way += r.what == TraceWhat::Dispatch;
        under_way -= r.what == TraceWhat::SubtaskDone;
        REQUIRE(under_way >= 0);
        REQUIRE(under_way <= 1);
      }
      const int c = find_rec(recs, TraceWhat::Close);
      if (c < 0) continue;
      ++closed;
      REQUIRE(expect == n);
      REQUIRE(c == int(recs.size()) - 1);
      CHECK(count_rec(recs, TraceWhat::CombineStart) == 0);
      CHECK(recs[size_t(c)].time == recs[size_t(find_rec(recs, TraceWhat::SubtaskDone, n - 1))].time);
    }
    CHECK(closed > 200);
  }
}

TEST_CASE("collab: a reciprocal task converges within max_rounds or is dropped as non-converged", "[collab]") {
  // Three official members starting about three tolerances apart and giving way a third of the
  // distance a round, with frequent misreadings: some tasks agree within three rounds, most do not.
  UnitHarness h("III", {"collab.interdependence=2", "collab.participation=0", "collab.exchange.disagreement_sd=3",
                        "collab.exchange.adjustment_rate=0.3", "collab.coordination.misunderstand_prob=0.5",
                        "collab.coordination.max_rounds=3"});
  h.run(20, false, 25);
  int closed = 0, non_converged = 0;
  for (const auto& [key, recs] : h.by_task()) {
    INFO("task " << key.first << "/" << key.second);
    REQUIRE(recs.front().kind == collab::Interdependence::Reciprocal);
    REQUIRE(recs.front().num_subtasks == 3);
    const auto end = std::find_if(recs.begin(), recs.end(), [](const TraceRecord& r) { return terminal(r.what); });
    if (end == recs.end()) continue;  // still open
    REQUIRE(end + 1 == recs.end());   // nothing happens to a task after it closed or was dropped
    if (end->what == TraceWhat::Close) {
      ++closed;
      CHECK(end->rounds >= 1);
      CHECK(end->rounds <= 3);
    } else {
      REQUIRE(end->non_converged);  // no public members: the only reason to drop
      CHECK(end->rounds == 3);
      ++non_converged;
    }
    // Round 1 dispatches all three members; each later round only those who still disagree.
    CHECK(count_rec(recs, TraceWhat::Dispatch) >= 3);
    // Closing and dropping both happen once the last round's members are all done.
    CHECK(count_rec(recs, TraceWhat::Dispatch) == count_rec(recs, TraceWhat::SubtaskDone));
  }
  CHECK(closed > 20);
  CHECK(non_converged > 100);
  CHECK(h.arrived() == h.closed() + h.dropped() + h.unit().open_tasks());
}

TEST_CASE("collab: reciprocal tasks that never converge are dropped and counted, never lost", "[collab]") {
  // Nobody gives way (adjustment rate 0) and the members start far apart: no task can agree.
  const RunResult r = run_small("III", {"collab.interdependence=2", "collab.participation=0",
                                        "collab.exchange.adjustment_rate=0", "collab.exchange.disagreement_sd=1000",
                                        "collab.coordination.max_rounds=2"});
  check_conservation(r);
  const double dropped = sum(daily(r, "new_dropped"));
  CHECK(dropped > 1000);
  CHECK(sum(daily(r, "new_dropped_nonconverged")) == dropped);  // no public members, no other drops
  CHECK(sum(daily(r, "new_asks")) == 0.0);
  CHECK(scalar(r, "share_dropped") > 0.99);
}

TEST_CASE("collab: members who agree from the start and never misread close in exactly one round", "[collab]") {
  for (const bool platform : {false, true}) {
    INFO("platform " << platform);
    const RunResult r =
        run_small("III", {"collab.interdependence=2", "collab.exchange.disagreement_sd=0",
                          "collab.coordination.misunderstand_prob=0", "collab.platform.misunderstand_prob=0",
                          std::string("collab.platform.enabled=") + (platform ? "true" : "false")});
    check_conservation(r);
    REQUIRE(sum(daily(r, "new_closed")) > 500);
    const SeriesData& by_kind = daily(r, "new_closed_by_kind");  // pooled, sequential, reciprocal
    double reciprocal = 0;
    for (int32_t t = 0; t < by_kind.rows; ++t) reciprocal += by_kind.at(t, 2);
    CHECK(reciprocal == sum(daily(r, "new_closed")));
    CHECK(scalar(r, "rounds_per_task") == 1.0);
    CHECK(scalar(r, "reworks_per_task") == 0.0);
    CHECK(sum(daily(r, "new_dropped_nonconverged")) == 0.0);
    const SeriesData& rounds = daily(r, "rounds_per_task");
    const SeriesData& closed = daily(r, "new_closed");
    for (int32_t t = 0; t < rounds.rows; ++t)
      if (closed.at(t) > 0) CHECK(rounds.at(t) == 1.0);
  }
}

TEST_CASE("collab: max_rounds is honoured over its whole declared range (up to 1000)", "[collab]") {
  // Regression for a fixed bug: the per-stage round counter was a uint8_t while max_rounds goes to
  // 1000, so it wrapped at 256 and a non-converging task was never dropped.
  //
  // Rounds made almost instantaneous (24-hour desks, 0.001-hour work, no hand-over latency, no
  // other work) and never converging (nobody gives way, members far apart), so every task must be
  // dropped as non-converged after exactly max_rounds rounds.
  for (const int max_rounds : {200, 255, 256, 1000}) {
    INFO("collab.coordination.max_rounds = " << max_rounds);
    UnitHarness h("III", {"collab.interdependence=2", "collab.participation=0", "collab.exchange.adjustment_rate=0",
                          "collab.exchange.disagreement_sd=1000", "collab.officials.other_work_share=0",
                          "collab.officials.office_hours=24", "collab.work.official_hours=0.001",
                          "collab.platform.handoff_hours=0", "collab.platform.message_hours=0",
                          "collab.coordination.max_rounds=" + std::to_string(max_rounds)});
    h.run(2, true, 5);
    REQUIRE(h.arrived() > 0);
    int max_seen = 0;
    for (const TraceRecord& r : h.records()) max_seen = std::max(max_seen, int(r.rounds));
    CHECK(max_seen == max_rounds);             // no task goes on past max_rounds rounds
    CHECK(h.dropped() == h.arrived());         // and each is dropped as non-converged
    CHECK(h.unit().open_tasks() == 0u);
  }
}
