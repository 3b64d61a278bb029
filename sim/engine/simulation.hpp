#pragma once
// The scheduler: builds the world a model declares from resolved parameters, then advances it one
// day at a time.
//
// Each tick: the dated events of the day change parameters (and the model and components
// re-read them), every component and then the model steps (reading current buffers, writing next
// ones, in parallel), the engine swaps the buffers, then the recorder calls every registered metric
// collector. Nothing here depends on the number of threads; set that with tbb::global_control
// around the run.
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "sim/model/component.hpp"
#include "sim/model/model.hpp"
#include "sim/engine/run_result.hpp"
#include "sim/model/world.hpp"
#include "sim/metrics/metric_registry.hpp"
#include "sim/scenario/scenario.hpp"

namespace govsim {

class Simulation {
 public:
  explicit Simulation(const ParamSet& params);
  // One rank of a run split over MPI ranks by region (docs/distributed_runs.md): builds only the
  // residents of this rank's regions. Throws UsageError when the model cannot be split
  // (WorldSpec::region_partition) or the scenario has no region table. place.ranks == 1: as above.
  Simulation(const ParamSet& params, RankPlace place);
  // Continues a checkpoint (docs/checkpoints.md): the world is built from `params` (which must be
  // the checkpointed run's, possibly with later events added) except the networks and layout,
  // which are read from `state`; then every store column, the model's and components' own state,
  // the metric history and the calendar position are restored, and events dated on or before the
  // checkpoint day are taken as already applied. Throws DataError if `state` does not fit.
  Simulation(const ParamSet& params, const StateReader& state);

  // Everything needed to continue this run exactly after the last finished day.
  void save_state(StateWriter& out) const;

  int32_t current_tick() const { return tick_; }
  bool finished() const { return tick_ >= world_->calendar().num_ticks(); }
  void step();  // advances one day and records metrics
  // Runs to the end; returns false if `cancel` became true first. `on_day(done, total)` is called
  // after every day when given.
  bool run(const std::atomic<bool>* cancel = nullptr,
           const std::function<void(int32_t, int32_t)>& on_day = {});

  World& world() { return *world_; }
  const World& world() const { return *world_; }
  const Recorder& recorder() const { return *recorder_; }
  const MetricRegistry& metrics() const { return metrics_; }  // every series this run records
  Model& model() { return *model_; }
  const ModelInfo& model_info() const { return *info_; }
  const ParamSet& params() const { return params_; }  // with every event applied so far

  TickContext context(int32_t tick) const;
  // The crisis timeline as it happened: the schedule, or the spans the crisis driver produced.
  Calendar realised_calendar() const;
  // One line per applied event value: "2020-03-03 (day 154): key = value  # label (file:line:col)".
  const std::vector<std::string>& event_log() const { return event_log_; }

 private:
  Simulation(const ParamSet& params, const StateReader* state, RankPlace place = {});
  void build_world(const StateReader* state, RankPlace place);
  void load_world_structure(const StateReader& in);
  void set_one_rank_partition();
  void restore_state(const StateReader& in);
  void apply_events(int32_t tick);
  void reconfigure();

  ParamSet params_;  // the run's own copy: dated events change it
  const ModelInfo* info_;
  std::unique_ptr<World> world_;
  std::vector<std::unique_ptr<Component>> components_;
  std::vector<std::string> component_names_;
  std::unique_ptr<Model> model_;
  MetricRegistry metrics_;
  std::unique_ptr<Recorder> recorder_;
  int32_t tick_ = 0;
  size_t next_event_ = 0;
  std::vector<std::string> event_log_;
  // Crisis driven by a component: tomorrow's signal, and what each day got.
  const Component* driver_ = nullptr;
  CrisisSignal signal_;
  std::vector<Phase> driven_phase_;
  std::vector<double> driven_intensity_;
};

struct RunOptions {
  std::string command_line;
  uint32_t threads = 0;  // 0: all available cores
  const std::atomic<bool>* cancel = nullptr;
  std::function<void(int32_t done, int32_t total)> on_day;  // progress, after every day
  // Checkpoints: after finishing each of these days (ticks, ascending), `checkpoint(sim)` is
  // called (sim/checkpoint writes the file). No cost on other days.
  std::vector<int32_t> checkpoint_ticks;
  std::function<void(const Simulation&)> checkpoint;
  // Test hook for crash recovery: stop (as if killed, throwing Interrupted) after this day.
  int32_t stop_after_tick = -1;
  // This process's rank in a run split over MPI ranks by region (the caller started MPI).
  RankPlace place;
  // Continue from a checkpoint instead of starting on day 0 (govsim branch).
  const StateReader* restore = nullptr;
  // Recorded in the provenance of a branch (sim/checkpoint/branch.hpp).
  std::string branch_checkpoint, branch_date;
  std::vector<std::string> branch_changes;
};

// Runs a loaded scenario to completion under the requested thread count and gathers everything
// the writer needs. Throws Interrupted if cancelled.
RunResult run_scenario(const Scenario& scenario, const RunOptions& options);

// The same run without touching the process-wide thread limit: for callers that run several
// simulations at once, each inside its own tbb::task_arena (the sweep runner). `options.threads`
// is recorded in the provenance as given.
RunResult simulate_scenario(const Scenario& scenario, const RunOptions& options);

const ModelInfo& find_model(const std::string& name);

// Throws UsageError (with the reason) when `params` cannot be run split over `ranks` MPI ranks.
void check_partitionable(const ParamSet& params, int ranks);

}  // namespace govsim
