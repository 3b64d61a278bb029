#include "models/collab/task_plan.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>
#include <boost/graph/topological_sort.hpp>

#include <iterator>
#include <stdexcept>

namespace govsim::collab {

std::vector<std::pair<int, int>> dependency_edges(Interdependence kind, int n) {
  std::vector<std::pair<int, int>> e;
  switch (kind) {
    case Interdependence::Pooled: break;
    case Interdependence::Sequential:
      for (int i = 0; i + 1 < n; ++i) e.emplace_back(i, i + 1);
      break;
    case Interdependence::Reciprocal:
      for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
          if (i != j) e.emplace_back(i, j);
      break;
  }
  return e;
}

TaskPlan plan_from_edges(Interdependence kind, int n, const std::vector<std::pair<int, int>>& edges) {
  if (n < 1 || n > kMaxSubtasks) throw std::logic_error("task size out of range");
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  Graph g(static_cast<size_t>(n));
  for (auto [a, b] : edges) boost::add_edge(a, b, g);

  std::vector<int> component(static_cast<size_t>(n));
  const int nc = boost::strong_components(g, boost::make_iterator_property_map(component.begin(),
                                                                               boost::get(boost::vertex_index, g)));
  // Condensation: one vertex per component, an edge where any member edge crosses components.
  Graph cond(static_cast<size_t>(nc));
  std::vector<std::vector<bool>> seen(nc, std::vector<bool>(nc, false));
  for (auto [a, b] : edges) {
    const int ca = component[a], cb = component[b];
    if (ca != cb && !seen[ca][cb]) {
      seen[ca][cb] = true;
      boost::add_edge(ca, cb, cond);
    }
  }
  std::vector<int> reverse_topo;
  boost::topological_sort(cond, std::back_inserter(reverse_topo));
  std::vector<int> stage_of_component(nc);
  for (int i = 0; i < nc; ++i) stage_of_component[reverse_topo[nc - 1 - i]] = i;

  TaskPlan p;
  p.kind = kind;
  p.num_subtasks = static_cast<uint8_t>(n);
  p.num_stages = static_cast<uint8_t>(nc);
  p.combine = kind == Interdependence::Pooled;
  for (int v = 0; v < n; ++v) {
    p.stage_of[v] = static_cast<uint8_t>(stage_of_component[component[v]]);
    ++p.stage_size[p.stage_of[v]];
  }
  for (int a = 0; a < nc; ++a)
    for (int b = 0; b < nc; ++b)
      if (seen[a][b]) {
        const int sa = stage_of_component[a], sb = stage_of_component[b];
        p.stage_successors[sa] |= 1u << sb;
        ++p.stage_preds[sb];
      }
  for (auto [a, b] : edges) ++p.subtask_preds[b];
  return p;
}

PlanLibrary::PlanLibrary() {
  for (int k = 0; k < kNumKinds; ++k)
    for (int n = 1; n <= kMaxSubtasks; ++n) {
      const auto kind = static_cast<Interdependence>(k);
      plans_[k][n - 1] = plan_from_edges(kind, n, dependency_edges(kind, n));
    }
}

}  // namespace govsim::collab
