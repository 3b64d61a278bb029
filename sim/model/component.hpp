#pragma once
// Components: reusable model parts (an epidemic on the contact network, firms' operating status,
// a platform's service catalogue...) that a scenario adds to a model with `[components]`.
//
// A component declares its own parameters (under its own section, e.g. [epidemic]), adds its own
// columns to the world's stores, registers its own series and steps before the model each day.
// A component may also drive the crisis: when the scenario sets `crisis.driver` to its name, the
// engine takes each day's crisis intensity and phase from the component's state at the end of the
// previous day, instead of from the dated [[crisis.phases]] schedule.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/calendar/tick.hpp"
#include "sim/model/state_io.hpp"
#include "sim/model/world.hpp"
#include "sim/metrics/metric_registry.hpp"
#include "sim/params/param_registry.hpp"

namespace govsim {

// The crisis as a component sees it at the end of a day.
struct CrisisSignal {
  double intensity = 0.0;  // in [0, 1]
  Phase phase = Phase::Pre;
};

class Component {
 public:
  virtual ~Component() = default;
  virtual void setup(World& world) = 0;
  virtual void configure(const ParamSet& params) {}  // after setup and after every event day
  virtual void register_metrics(const World& world, MetricRegistry& metrics) = 0;
  virtual void step(World& world, const TickContext& ctx) = 0;
  // Checkpoints: as Model::save_state / load_state (state outside store columns only).
  virtual void save_state(StateWriter& out) const {}
  virtual void load_state(const StateReader& in) {}
  // The crisis for the next day, from the state after today's step; nullopt if this component
  // cannot drive the crisis.
  virtual std::optional<CrisisSignal> crisis_signal() const { return std::nullopt; }
};

struct ComponentInfo {
  std::string name;  // key under [components] and section of its parameters
  std::string doc;
  std::function<void(ParamRegistry&)> declare;
  std::function<void(const ParamSet&)> check;  // may be empty
  std::function<std::unique_ptr<Component>()> create;
  bool drives_crisis = false;  // may be named by crisis.driver
  // Networks the component reads (built by the engine even if the model needs none).
  std::vector<std::string> networks;
};

// Every component compiled into this binary (models/catalog.cpp).
const std::vector<ComponentInfo>& component_catalog();
const ComponentInfo* find_component(const std::string& name);

}  // namespace govsim
