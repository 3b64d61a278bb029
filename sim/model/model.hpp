#pragma once
// The contract between the engine and a domain model (models/ declares, sim/ runs).
//
// A model declares its world once (ModelInfo::world: the agent kinds it sizes, the networks it
// needs, whether it can live on a region table, the components it may be composed with), its
// parameters (ModelInfo::declare) and cross-parameter checks (ModelInfo::check). The engine
// builds exactly that world and nothing else. At run time a model adds its state columns to the
// world's stores (setup), reads the parameters that may change during a run (configure: called
// after setup and again after every dated event), registers the series it emits
// (register_metrics) and advances one day (step). Rules inside `step` read the current buffers and
// write the next ones, in TBB parallel loops; the engine swaps buffers after every model and
// component has stepped and then calls the metric collectors.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sim/calendar/tick.hpp"
#include "sim/model/state_io.hpp"
#include "sim/model/world.hpp"
#include "sim/metrics/metric_registry.hpp"
#include "sim/params/param_registry.hpp"

namespace govsim {

// One agent kind a model uses. Its count is the parameter `population.<kind>`, declared for the
// model that uses it and for no other; with a region table, residents come from the table instead.
struct AgentKindSpec {
  std::string kind;        // "residents", "officials", ...
  int64_t default_count = 0;
  double max_count = 0;
  std::string unit;        // "persons", "firms"
  std::string doc;         // what an agent of this kind is in this model
  std::string source;      // where the default comes from, or "assumption: why"
};

// How the engine builds a network the model reads.
enum class NetworkBuilder {
  Community,  // households + grid communities + long-range ties over residents (sim/network),
              // per region when the scenario has a region table; declares the [network] keys
};

struct NetworkSpec {
  std::string name;  // as read by World::network(name), e.g. "social"
  NetworkBuilder builder = NetworkBuilder::Community;
};

struct WorldSpec {
  std::vector<AgentKindSpec> agents;      // stores the engine allocates, in this order
  std::vector<NetworkSpec> networks;      // networks the engine builds
  bool regions = false;                   // may be built from a region table ([regions])
  std::vector<std::string> components;    // components a scenario may add ([components])
  // One run may be split over MPI ranks by region (docs/distributed_runs.md). A model that says so
  // promises: only residents (no other agent kind, no network); every draw keyed by global id
  // (World::resident_base() + local id); whatever crosses regions, and every series, computed from
  // per-region quantities exchanged with World::exchange() (e.g. RegionTally), added in region order.
  bool region_partition = false;
};

class Model {
 public:
  virtual ~Model() = default;
  virtual void setup(World& world) = 0;
  // Reads every parameter declared as changeable during a run. Called once after setup and again
  // on every day a dated event changed a parameter (before that day's step).
  virtual void configure(const ParamSet& params) {}
  virtual void register_metrics(const World& world, MetricRegistry& metrics) = 0;
  virtual void step(World& world, const TickContext& ctx) = 0;
  // Checkpoints (docs/checkpoints.md): the state a model keeps outside its store columns (queues,
  // counters carried from day to day), saved at the end of a day and restored into a freshly set
  // up and configured model so that it continues exactly. Store columns, networks, parameters and
  // metric history are saved by the engine. A model whose state is all in columns and in what
  // configure() reads needs neither. Random numbers are counter-based (seed, day, agent, stream):
  // a model must keep no other random state.
  virtual void save_state(StateWriter& out) const {}
  virtual void load_state(const StateReader& in) {}
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
  WorldSpec world;
  // Optional layers of the model switched by its own parameters, whose series exist only when
  // switched on: a title ("collab.society.enabled = true") and the scenario text that switches
  // it on at the output catalog's tiny size. `govsim outputs` lists their series separately.
  struct OutputVariant {
    std::string title, scenario_text;
  };
  std::vector<OutputVariant> output_variants = {};
  // TOML a model needs in the smallest valid scenario (e.g. one service of a catalogue that may not
  // be empty); `govsim outputs` appends it to the tiny scenario it builds to list the series.
  std::string minimal_scenario = {};
};

// Every model compiled into this binary (defined in models/catalog.cpp).
const std::vector<ModelInfo>& model_catalog();

}  // namespace govsim
