#pragma once
// The Zhejiang model's series and end-of-run scalars (names per docs/outputs.md conventions).
#include <vector>

#include "models/zhejiang/world_state.hpp"
#include "sim/metrics/metric_registry.hpp"
#include "sim/model/model.hpp"

namespace govsim::zhejiang {

void register_series(const World& w, const ZjWorld& z, MetricRegistry& m);
std::vector<Model::Scalar> summarise(const World& w, const ZjWorld& z, const std::vector<SeriesData>& daily);

}  // namespace govsim::zhejiang
