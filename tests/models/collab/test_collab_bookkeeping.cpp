// Bookkeeping of the collab model: tasks are conserved in all four typology scenarios with and
// without a platform, exact outcomes of degenerate settings, and bad input refused with the key.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "collab_test_support.hpp"
#include "sim/core/errors.hpp"

using namespace govsim;
using namespace govsim::collab_test;

TEST_CASE("collab: every task is closed, dropped or open, every day, in all four types", "[collab]") {
  SECTION("four types, platform on and off") {
    for (const char* type : kTypes)
      for (const char* platform : {"true", "false"}) {
        INFO("type " << type << ", platform " << platform);
        const RunResult r = run_small(type, {std::string("collab.platform.enabled=") + platform});
        REQUIRE(scalar(r, "tasks_arrived") > 2000);
        REQUIRE(scalar(r, "tasks_closed") > 500);
        check_conservation(r);
        // Non-converged drops are a part of all drops.
        const SeriesData& d = daily(r, "new_dropped");
        const SeriesData& nc = daily(r, "new_dropped_nonconverged");
        for (int32_t t = 0; t < d.rows; ++t) REQUIRE(nc.at(t) <= d.at(t));
      }
  }
  SECTION("platform launched mid-run") {
    const RunResult r = run_small("IV", {"collab.platform.launch=2021-03-18"});
    check_conservation(r);
    CHECK(scalar(r, "tasks_closed_after_launch") > 0);
  }
}

TEST_CASE("collab: with no arrivals nothing happens", "[collab]") {
  const RunResult r = run_small("IV", {"collab.tasks.per_day=0"});
  for (const char* name : {"new_tasks", "new_closed", "new_closed_same_day", "new_dropped", "new_dropped_nonconverged",
                           "new_official_work", "new_public_contributions", "new_asks", "new_declines", "new_misroutes",
                           "n_open"}) {
    INFO(name);
    const SeriesData& s = daily(r, name);
    for (int32_t t = 0; t < s.rows; ++t) REQUIRE(s.at(t) == 0.0);
  }
  CHECK(scalar(r, "tasks_arrived") == 0.0);
  CHECK(scalar(r, "tasks_closed") == 0.0);
  CHECK(scalar(r, "tasks_dropped") == 0.0);
  CHECK(scalar(r, "tasks_open_at_end") == 0.0);
  CHECK(scalar(r, "throughput") == 0.0);
  CHECK(scalar(r, "task_utilisation") == 0.0);  // no official hour was worked on a task
  // ... but the officials' other work fills about its declared share of their hours.
  CHECK(scalar(r, "official_utilisation") == Approx(0.5).margin(0.03));
  CHECK(scalar(r, "queue_steady") == 1.0);
  CHECK(std::isnan(scalar(r, "mean_close_hours")));  // a mean over no tasks
}

TEST_CASE("collab: with participation 0 the public contributes nothing", "[collab]") {
  for (const char* type : {"II", "IV"}) {
    INFO("type " << type);
    const RunResult r = run_small(type, {"collab.participation=0"});
    check_conservation(r);
    REQUIRE(sum(daily(r, "new_closed")) > 1000);
    CHECK(sum(daily(r, "new_public_contributions")) == 0.0);
    CHECK(sum(daily(r, "new_asks")) == 0.0);
    CHECK(sum(daily(r, "new_declines")) == 0.0);
    CHECK(sum(daily(r, "new_dropped")) == sum(daily(r, "new_dropped_nonconverged")));  // no one to miss
    CHECK(scalar(r, "social_info_per_day") == 0.0);
  }
}

TEST_CASE("collab: a platform that dispatches everything itself never misroutes", "[collab]") {
  // Every official on it from the first day and every category defined, so nothing is routed by hand.
  const RunResult r = run_small("III", {"collab.platform.auto_dispatch=1", "collab.platform.misroute_prob=0",
                                        "collab.adoption.official_mean_days=0", "collab.adoption.category_definition=1"});
  check_conservation(r);
  REQUIRE(sum(daily(r, "new_closed")) > 1000);
  CHECK(scalar(r, "share_auto_dispatched") == 1.0);
  CHECK(sum(daily(r, "new_misroutes")) == 0.0);
  const SeriesData& live = daily(r, "platform_live");
  for (int32_t t = 0; t < live.rows; ++t) REQUIRE(live.at(t) == 1.0);
  // For contrast: routed by hand without the platform, items do reach wrong desks.
  const RunResult off = run_small("III", {"collab.platform.enabled=false"});
  CHECK(scalar(off, "share_auto_dispatched") == 0.0);
  CHECK(sum(daily(off, "new_misroutes")) > 100);
}

TEST_CASE("collab: when hardly anyone is willing, tasks are dropped for lack of participants, not lost",
          "[collab]") {
  // Threshold 0.99: about 1 % of residents take part, once a day each; 400 residents (about
  // 1 willing per unit) cannot fill 25 tasks x 8 public slots a unit a day, so public sub-tasks
  // exhaust their asks (quickly: ask_hours is tiny) and their tasks are dropped.
  const RunResult r =
      run_small("II", {"population.residents=400", "collab.participation=1", "collab.platform.enabled=false",
                       "collab.coordination.threshold=0.99", "collab.coordination.ask_hours=0.001",
                       "calendar.end=2021-03-10", "collab.warmup_days=0"});
  check_conservation(r);
  const double dropped = sum(daily(r, "new_dropped"));
  CHECK(dropped > 0.9 * sum(daily(r, "new_tasks")));
  CHECK(sum(daily(r, "new_dropped_nonconverged")) == 0.0);  // pooled: all for lack of participants
  CHECK(sum(daily(r, "new_declines")) >= 1000 * dropped);  // each gave up after 1000 declines
  CHECK(scalar(r, "share_dropped") > 0.9);
}

namespace {

// Parses the small type I scenario with `sets`, expecting an InputError; returns its message.
std::string input_error(const std::vector<std::string>& sets) {
  try {
    scenario("I", small(sets));
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("expected an InputError");
  return {};
}

}  // namespace

TEST_CASE("collab: bad input is refused with the key at fault", "[collab]") {
  SECTION("arrival window ends before it starts") {
    CHECK_THAT(input_error({"collab.tasks.arrive_start_hour=12", "collab.tasks.arrive_end_hour=9"}),
               Catch::Contains("collab.tasks.arrive_end_hour"));
    CHECK_THAT(input_error({"collab.tasks.arrive_start_hour=9", "collab.tasks.arrive_end_hour=9"}),
               Catch::Contains("collab.tasks.arrive_end_hour"));
  }
  SECTION("more official sub-tasks than departments") {
    CHECK_THAT(input_error({"collab.departments=2", "collab.tasks.official_subtasks=3"}),
               Catch::Contains("collab.tasks.official_subtasks"));
  }
  SECTION("too few officials for the units and department desks") {
    // 4 units x 8 desks need 32 desk officials and 4 grid workers.
    CHECK_THAT(input_error({"population.officials=40"}), Catch::Contains("population.officials"));
    CHECK_THAT(input_error({"population.officials=200", "collab.units=40"}), Catch::Contains("population.officials"));
    CHECK_THAT(input_error({"population.officials=200", "collab.grid_worker_share=0.01"}),
               Catch::Contains("population.officials"));
  }
  SECTION("a valid small scenario parses") { CHECK_NOTHROW(scenario("I", small())); }
  SECTION("the officials check matches the model's split exactly") {
    // 4 units x 8 desks, grid share 0.3: 45 officials give floor(13.5) = 13 grid workers and 32
    // desk officials, one per desk; 44 give 13 and 31, one desk short.
    CHECK_THAT(input_error({"population.officials=44"}), Catch::Contains("population.officials"));
    const RunResult r = run_small("III", {"population.officials=45"});
    check_conservation(r);
    CHECK(scalar(r, "tasks_closed") > 500);  // every desk is staffed: work gets done everywhere
  }
}
