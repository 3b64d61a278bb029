#pragma once
// The contract between the engine and a domain model (models/ declares, sim/ runs).
//
// A model declares its parameters once (ModelInfo::declare), may add cross-parameter checks
// (ModelInfo::check), and at run time adds its state columns to the world's stores (setup),
// registers the series it emits (register_metrics), and advances one day (step). Rules inside
// `step` read the current buffers and write the next ones, in TBB parallel loops; the engine
// swaps buffers after every model has stepped and then calls the metric collectors.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sim/engine/tick.hpp"
#include "sim/engine/world.hpp"
#include "sim/metrics/metric_registry.hpp"
#include "sim/params/param_registry.hpp"

namespace govsim {

class Model {
 public:
  virtual ~Model() = default;
  virtual void setup(World& world) = 0;
  virtual void register_metrics(const World& world, MetricRegistry& metrics) = 0;
  virtual void step(World& world, const TickContext& ctx) = 0;
  // Scalars computed at the end of a run (resilience metrics and the like): name -> value.
  struct Scalar {
    std::string name, unit, description;
    double value;
  };
  virtual std::vector<Scalar> summary(const World& world, const std::vector<SeriesData>& daily,
                                      const std::vector<SeriesData>& monthly) {
    return {};
  }
};

struct ModelInfo {
  std::string name;  // value of `run.model` in a scenario
  std::string doc;   // one line for `govsim params` and the docs
  std::function<void(ParamRegistry&)> declare;
  std::function<void(const ParamSet&)> check;  // may be empty; throws InputError
  std::function<std::unique_ptr<Model>()> create;
};

// Every model compiled into this binary (defined in models/catalog.cpp).
const std::vector<ModelInfo>& model_catalog();

}  // namespace govsim
