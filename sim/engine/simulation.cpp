#include "sim/engine/simulation.hpp"

#include <tbb/global_control.h>
#include <tbb/info.h>

#include <chrono>
#include <ctime>
#include <stdexcept>

#include "govsim/version.hpp"
#include "sim/core/errors.hpp"
#include "sim/io/atomic_write.hpp"

namespace govsim {
namespace {

CommunityGraphSpec social_network_spec(const ParamSet& p, uint32_t residents) {
  CommunityGraphSpec s;
  s.num_agents = residents;
  s.household_mean_size = p.get_double("network.household_mean_size");
  s.community_size = static_cast<uint32_t>(p.get_int("network.community_size"));
  s.neighbour_ties = static_cast<uint32_t>(p.get_int("network.neighbour_ties"));
  s.neighbour_rewire = p.get_double("network.neighbour_rewire");
  s.long_range_ties = p.get_double("network.long_range_ties");
  return s;
}

}  // namespace

const ModelInfo& find_model(const std::string& name) {
  for (const ModelInfo& m : model_catalog())
    if (m.name == name) return m;
  throw std::logic_error("unknown model '" + name + "' (the loader should have rejected it)");
}

Simulation::Simulation(const ParamSet& params) : info_(&find_model(params.get_string("run.model"))) {
  const CounterRng rng(static_cast<uint64_t>(params.get_int("run.seed")),
                       static_cast<uint32_t>(params.get_int("run.index")));
  world_ = std::make_unique<World>(params, make_calendar(params), rng);

  for (const char* kind : kAgentKinds)
    world_->add_store(kind, static_cast<uint32_t>(params.get_int(std::string("population.") + kind)));

  const uint32_t residents = world_->store("residents").size();
  world_->add_network("social", build_community_graph(social_network_spec(params, residents), rng,
                                                       world_->layout()));

  model_ = info_->create();
  model_->setup(*world_);
  model_->register_metrics(*world_, metrics_);
  recorder_ = std::make_unique<Recorder>(metrics_, world_->calendar());
}

TickContext Simulation::context(int32_t tick) const {
  const Calendar& cal = world_->calendar();
  TickContext c;
  c.tick = tick;
  c.date = cal.date(tick);
  c.phase = cal.phase(tick);
  c.intensity = cal.intensity(tick);
  c.month = cal.month_of(tick);
  c.month_ends = tick + 1 == cal.num_ticks() || cal.month_of(tick + 1) != c.month;
  return c;
}

void Simulation::step() {
  const TickContext ctx = context(tick_);
  model_->step(*world_, ctx);
  world_->swap_buffers();
  recorder_->record(ctx);
  ++tick_;
}

bool Simulation::run(const std::atomic<bool>* cancel) {
  while (!finished()) {
    if (cancel && cancel->load(std::memory_order_relaxed)) return false;
    step();
  }
  return true;
}

RunResult run_scenario(const Scenario& scenario, const RunOptions& options) {
  const uint32_t threads =
      options.threads ? options.threads : static_cast<uint32_t>(tbb::info::default_concurrency());
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  RunOptions o = options;
  o.threads = threads;
  return simulate_scenario(scenario, o);
}

RunResult simulate_scenario(const Scenario& scenario, const RunOptions& options) {
  const uint32_t threads = options.threads;
  const auto t0 = std::chrono::steady_clock::now();
  Simulation sim(scenario.params);
  if (!sim.run(options.cancel)) throw Interrupted();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  const ParamSet& p = scenario.params;
  Provenance prov;
  prov.scenario_path = scenario.path;
  prov.scenario_source = scenario.source_text;
  prov.scenario_resolved = resolved_toml(p);
  prov.seed = static_cast<uint64_t>(p.get_int("run.seed"));
  prov.run_index = static_cast<uint32_t>(p.get_int("run.index"));
  prov.model = sim.model_info().name;
  prov.govsim_version = kVersion;
  prov.git_commit = kGitCommit;
  prov.command_line = options.command_line;
  prov.threads = threads;
  prov.wall_time_s = wall;
  prov.created_utc = utc_now();

  std::vector<SeriesData> daily = sim.recorder().daily();
  std::vector<SeriesData> monthly;
  if (p.get_bool("output.monthly")) monthly = sim.recorder().monthly();
  auto summary = sim.model().summary(sim.world(), daily, monthly);

  RunResult r{std::move(prov), sim.world().calendar(), std::move(daily), std::move(monthly),
              std::move(summary), compute_network_stats(sim.world().network("social")),
              sim.world().state_bytes(), sim.world().store("residents").size()};
  return r;
}

}  // namespace govsim
