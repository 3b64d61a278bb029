// Task plans (models/collab/task_plan.hpp): the three interdependence kinds give the stage
// structure Thompson's typology says, and a hand-made mixed graph is condensed into its strong
// components in topological order.
#include <catch2/catch.hpp>

#include "models/collab/task_plan.hpp"

using namespace govsim::collab;

TEST_CASE("collab: pooled plans are n independent stages combined at the end", "[collab]") {
  const PlanLibrary lib;
  for (int n = 1; n <= kMaxSubtasks; ++n) {
    INFO("n = " << n);
    const TaskPlan& p = lib.get(Interdependence::Pooled, n);
    CHECK(p.kind == Interdependence::Pooled);
    CHECK(p.num_subtasks == n);
    REQUIRE(p.num_stages == n);
    CHECK(p.combine);
    uint32_t stages_seen = 0;
    for (int v = 0; v < n; ++v) {
      REQUIRE(p.stage_of[v] < n);
      stages_seen |= 1u << p.stage_of[v];
      CHECK(p.subtask_preds[v] == 0);
    }
    CHECK(stages_seen == (1u << n) - 1);  // one sub-task per stage
    for (int s = 0; s < n; ++s) {
      CHECK(p.stage_size[s] == 1);
      CHECK(p.stage_preds[s] == 0);
      CHECK(p.stage_successors[s] == 0u);
    }
  }
}

TEST_CASE("collab: sequential plans are a chain in sub-task order", "[collab]") {
  const PlanLibrary lib;
  for (int n = 1; n <= kMaxSubtasks; ++n) {
    INFO("n = " << n);
    const TaskPlan& p = lib.get(Interdependence::Sequential, n);
    CHECK(p.kind == Interdependence::Sequential);
    CHECK(p.num_subtasks == n);
    REQUIRE(p.num_stages == n);
    CHECK_FALSE(p.combine);
    for (int i = 0; i < n; ++i) {
      INFO("sub-task " << i);
      CHECK(p.stage_of[i] == i);
      CHECK(p.stage_size[i] == 1);
      CHECK(p.stage_preds[i] == (i == 0 ? 0 : 1));
      CHECK(p.subtask_preds[i] == (i == 0 ? 0 : 1));
      CHECK(p.stage_successors[i] == (i + 1 < n ? 1u << (i + 1) : 0u));
    }
  }
}

TEST_CASE("collab: reciprocal plans are one stage of all members", "[collab]") {
  const PlanLibrary lib;
  for (int n = 1; n <= kMaxSubtasks; ++n) {
    INFO("n = " << n);
    const TaskPlan& p = lib.get(Interdependence::Reciprocal, n);
    CHECK(p.kind == Interdependence::Reciprocal);
    CHECK(p.num_subtasks == n);
    REQUIRE(p.num_stages == 1);
    CHECK_FALSE(p.combine);
    CHECK(p.stage_size[0] == n);
    CHECK(p.stage_preds[0] == 0);
    CHECK(p.stage_successors[0] == 0u);
    for (int v = 0; v < n; ++v) {
      CHECK(p.stage_of[v] == 0);
      CHECK(p.subtask_preds[v] == n - 1);  // reads every other member's output
    }
  }
}

TEST_CASE("collab: a mixed dependency graph is planned as its condensation in topological order", "[collab]") {
  SECTION("0 -> 1, 1 <-> 2, 2 -> 3") {
    const TaskPlan p = plan_from_edges(Interdependence::Sequential, 4, {{0, 1}, {1, 2}, {2, 1}, {2, 3}});
    REQUIRE(p.num_subtasks == 4);
    REQUIRE(p.num_stages == 3);
    CHECK_FALSE(p.combine);
    // Stages {0}, {1, 2}, {3}.
    CHECK(p.stage_of[0] == 0);
    CHECK(p.stage_of[1] == 1);
    CHECK(p.stage_of[2] == 1);
    CHECK(p.stage_of[3] == 2);
    CHECK(p.stage_size[0] == 1);
    CHECK(p.stage_size[1] == 2);
    CHECK(p.stage_size[2] == 1);
    CHECK(p.stage_preds[0] == 0);
    CHECK(p.stage_preds[1] == 1);
    CHECK(p.stage_preds[2] == 1);
    CHECK(p.stage_successors[0] == 0b010u);
    CHECK(p.stage_successors[1] == 0b100u);
    CHECK(p.stage_successors[2] == 0u);
    CHECK(p.subtask_preds[0] == 0);
    CHECK(p.subtask_preds[1] == 2);  // from 0 and from 2
    CHECK(p.subtask_preds[2] == 1);
    CHECK(p.subtask_preds[3] == 1);
  }
  SECTION("edges listed against the vertex order: 3 -> 2 <-> 1 -> 0, and 3 -> 0") {
    // Topological order must follow the edges, not the vertex numbers; the direct edge 3 -> 0 and
    // the path through {1, 2} both lead into stage {0}, which waits for two stages.
    const TaskPlan p =
        plan_from_edges(Interdependence::Sequential, 4, {{3, 2}, {2, 1}, {1, 2}, {1, 0}, {3, 0}});
    REQUIRE(p.num_stages == 3);
    CHECK(p.stage_of[3] == 0);
    CHECK(p.stage_of[1] == 1);
    CHECK(p.stage_of[2] == 1);
    CHECK(p.stage_of[0] == 2);
    CHECK(p.stage_size[1] == 2);
    CHECK(p.stage_preds[0] == 0);
    CHECK(p.stage_preds[1] == 1);
    CHECK(p.stage_preds[2] == 2);
    CHECK(p.stage_successors[0] == 0b110u);
    CHECK(p.stage_successors[1] == 0b100u);
    CHECK(p.stage_successors[2] == 0u);
  }
  SECTION("parallel edges between two components count once") {
    // {0, 1} both feed {2, 3}: four member edges, one stage edge.
    const TaskPlan p = plan_from_edges(Interdependence::Reciprocal, 4,
                                       {{0, 1}, {1, 0}, {2, 3}, {3, 2}, {0, 2}, {0, 3}, {1, 2}, {1, 3}});
    REQUIRE(p.num_stages == 2);
    CHECK(p.stage_of[0] == 0);
    CHECK(p.stage_of[1] == 0);
    CHECK(p.stage_of[2] == 1);
    CHECK(p.stage_of[3] == 1);
    CHECK(p.stage_preds[1] == 1);
    CHECK(p.stage_successors[0] == 0b10u);
  }
  SECTION("sizes out of range are refused") {
    CHECK_THROWS(plan_from_edges(Interdependence::Pooled, 0, {}));
    CHECK_THROWS(plan_from_edges(Interdependence::Pooled, kMaxSubtasks + 1, {}));
  }
}
