#pragma once
// The dependency structure of a task, built once per (kind, size) with Boost.Graph and shared by
// every task of that shape.
//
// A task is a dependency graph of sub-tasks (Thompson 1967):
//   pooled     - no edges; results are combined at the end (coordination by standardisation);
//   sequential - a chain, each sub-task needs the previous one's output (coordination by plan);
//   reciprocal - every sub-task needs every other one's output (coordination by mutual adjustment).
// The execution plan is the condensation of that graph: its strongly connected components
// ("stages") in topological order. A stage of one sub-task runs once; a stage of several mutually
// dependent sub-tasks iterates in rounds until its members agree. Any dependency graph can be
// planned this way, so new task shapes need no new execution code.
#include <array>
#include <cstdint>
#include <utility>
#include <vector>

namespace govsim::collab {

enum class Interdependence : uint8_t { Pooled = 0, Sequential = 1, Reciprocal = 2 };
inline constexpr int kNumKinds = 3;
inline constexpr const char* kKindNames[kNumKinds] = {"pooled", "sequential", "reciprocal"};

inline constexpr int kMaxSubtasks = 24;  // official + public sub-tasks of one task
inline constexpr int kMaxStages = kMaxSubtasks;

struct TaskPlan {
  Interdependence kind = Interdependence::Pooled;
  uint8_t num_subtasks = 0;
  uint8_t num_stages = 0;
  bool combine = false;  // pooled: the owner combines all results before the task closes
  std::array<uint8_t, kMaxSubtasks> stage_of{};          // sub-task -> stage
  std::array<uint8_t, kMaxStages> stage_size{};          // members per stage
  std::array<uint8_t, kMaxStages> stage_preds{};         // stages that must finish first
  std::array<uint32_t, kMaxStages> stage_successors{};   // bit mask of successor stages
  std::array<uint8_t, kMaxSubtasks> subtask_preds{};     // sub-tasks whose output each one reads
};

// The dependency edges (from, to) of a task of `kind` with `n` sub-tasks in execution order.
std::vector<std::pair<int, int>> dependency_edges(Interdependence kind, int n);

// Plans a task from its dependency edges (strong components + topological order, Boost.Graph).
TaskPlan plan_from_edges(Interdependence kind, int n, const std::vector<std::pair<int, int>>& edges);

// Every plan for sizes 1..kMaxSubtasks of every kind, built once.
class PlanLibrary {
 public:
  PlanLibrary();
  const TaskPlan& get(Interdependence kind, int n) const { return plans_[int(kind)][n - 1]; }

 private:
  std::array<std::array<TaskPlan, kMaxSubtasks>, kNumKinds> plans_;
};

}  // namespace govsim::collab
