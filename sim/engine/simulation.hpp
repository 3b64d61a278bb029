#pragma once
// The scheduler: builds a world from resolved parameters, then advances it one day at a time.
//
// Each tick: every model steps (reading current buffers, writing next ones, in parallel), the
// engine swaps the buffers, then the recorder calls every registered metric collector. Nothing
// here depends on the number of threads; set that with tbb::global_control around the run.
#include <atomic>
#include <memory>
#include <string>

#include "sim/engine/model.hpp"
#include "sim/engine/run_result.hpp"
#include "sim/engine/world.hpp"
#include "sim/metrics/metric_registry.hpp"
#include "sim/scenario/scenario.hpp"

namespace govsim {

class Simulation {
 public:
  explicit Simulation(const ParamSet& params);

  int32_t current_tick() const { return tick_; }
  bool finished() const { return tick_ >= world_->calendar().num_ticks(); }
  void step();  // advances one day and records metrics
  // Runs to the end; returns false if `cancel` became true first.
  bool run(const std::atomic<bool>* cancel = nullptr);

  World& world() { return *world_; }
  const World& world() const { return *world_; }
  const Recorder& recorder() const { return *recorder_; }
  Model& model() { return *model_; }
  const ModelInfo& model_info() const { return *info_; }

  TickContext context(int32_t tick) const;

 private:
  const ModelInfo* info_;
  std::unique_ptr<World> world_;
  std::unique_ptr<Model> model_;
  MetricRegistry metrics_;
  std::unique_ptr<Recorder> recorder_;
  int32_t tick_ = 0;
};

struct RunOptions {
  std::string command_line;
  uint32_t threads = 0;  // 0: all available cores
  const std::atomic<bool>* cancel = nullptr;
};

// Runs a loaded scenario to completion under the requested thread count and gathers everything
// the writer needs. Throws Interrupted if cancelled.
RunResult run_scenario(const Scenario& scenario, const RunOptions& options);

// The same run without touching the process-wide thread limit: for callers that run several
// simulations at once, each inside its own tbb::task_arena (the sweep runner). `options.threads`
// is recorded in the provenance as given.
RunResult simulate_scenario(const Scenario& scenario, const RunOptions& options);

const ModelInfo& find_model(const std::string& name);

}  // namespace govsim
