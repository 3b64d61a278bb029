#include "sim/engine/simulation.hpp"

#include <tbb/global_control.h>
#include <tbb/info.h>

#include <chrono>
#include <ctime>
#include <algorithm>
#include <numeric>
#include <set>
#include <stdexcept>

#include "govsim/version.hpp"
#include "sim/core/errors.hpp"
#include "sim/core/utc_now.hpp"

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

bool enabled(const ParamSet& p, const std::string& component) {
  return p.has("components." + component) && p.get_bool("components." + component);
}

}  // namespace

const ModelInfo& find_model(const std::string& name) {
  for (const ModelInfo& m : model_catalog())
    if (m.name == name) return m;
  throw std::logic_error("unknown model '" + name + "' (the loader should have rejected it)");
}

void check_partitionable(const ParamSet& p, int ranks) {
  if (ranks <= 1) return;
  const ModelInfo& m = find_model(p.get_string("run.model"));
  const std::string why = "one run cannot be split over " + std::to_string(ranks) + " MPI ranks: ";
  const std::string alt = " (run it as one process; `govsim sweep` and `govsim calibrate` spread whole runs over ranks)";
  if (!m.world.region_partition)
    throw UsageError(why + "model '" + m.name + "' does not support partitioning by region" + alt);
  if (!p.has("regions.table") || p.get_string("regions.table").empty())
    throw UsageError(why + "the scenario has no region table ([regions] table)" + alt);
  for (const std::string& c : m.world.components)
    if (enabled(p, c)) throw UsageError(why + "component '" + c + "' does not support partitioning by region" + alt);
}

Simulation::Simulation(const ParamSet& params) : Simulation(params, nullptr) {}

Simulation::Simulation(const ParamSet& params, RankPlace place) : Simulation(params, nullptr, place) {}

Simulation::Simulation(const ParamSet& params, const StateReader& state) : Simulation(params, &state) {}

Simulation::Simulation(const ParamSet& params, const StateReader* state, RankPlace place)
    : params_(params), info_(&find_model(params.get_string("run.model"))) {
  check_partitionable(params_, place.ranks);
  if (state && place.ranks > 1) throw UsageError("a run split over MPI ranks cannot continue a checkpoint");
  build_world(state, place);
  for (auto& c : components_) c->setup(*world_);
  model_ = info_->create();
  model_->setup(*world_);
  for (auto& c : components_) c->configure(params_);
  model_->configure(params_);
  for (auto& c : components_) c->register_metrics(*world_, metrics_);
  model_->register_metrics(*world_, metrics_);

  const std::string driver = params_.has("crisis.driver") ? params_.get_string("crisis.driver") : "schedule";
  if (driver != "schedule") {
    for (size_t k = 0; k < components_.size(); ++k)
      if (component_names_[k] == driver && components_[k]->crisis_signal()) driver_ = components_[k].get();
    if (!driver_) throw std::logic_error("crisis.driver '" + driver + "' names no enabled component that drives the crisis");
    signal_ = *driver_->crisis_signal();
    const int32_t days = world_->calendar().num_ticks();
    driven_phase_.assign(days, Phase::Pre);
    driven_intensity_.assign(days, 0.0);
    // The crisis as it happened, recorded like any series so it can be plotted and compared.
    metrics_.add_daily({"crisis_intensity", SeriesKind::Stock, "fraction", "Crisis intensity of the day, from the crisis driver.",
                        Aggregation::Mean, "", {}},
                       [this](const TickContext& c, std::span<double> out) { out[0] = c.intensity; });
    metrics_.add_daily({"crisis_phase", SeriesKind::Stock, "phase", "Crisis phase of the day (0 pre, 1 mid, 2 post), from the driver.",
                        Aggregation::Last, "", {}},
                       [this](const TickContext& c, std::span<double> out) { out[0] = double(int(c.phase)); });
  }
  recorder_ = std::make_unique<Recorder>(metrics_, world_->calendar());
  if (state) restore_state(*state);
}

// Builds exactly the world the model (and its enabled components) declare: regions, one store per
// agent kind, the networks they read.
void Simulation::build_world(const StateReader* state, RankPlace place) {
  const ParamSet& p = params_;
  const CounterRng rng(static_cast<uint64_t>(p.get_int("run.seed")), static_cast<uint32_t>(p.get_int("run.index")));
  world_ = std::make_unique<World>(p, make_calendar(p), rng);

  std::vector<uint32_t> region_sizes;
  if (std::shared_ptr<RegionTable> table = load_region_table(p)) {
    region_sizes = scaled_region_sizes(*table, p.get_double("population.scale"));
    world_->set_regions(std::move(table));
  }

  if (place.ranks > 1) {  // this rank's regions only (check_partitionable: residents, no network)
    world_->set_partition(partition_regions(region_sizes, place.ranks, place.rank));
    const RegionPartition& part = world_->partition();
    world_->add_store("residents", static_cast<uint32_t>(part.local_residents()));
    CommunityLayout& lay = world_->layout();
    lay.region_offset.clear();
    for (uint64_t g : part.region_offset)  // local ids: regions of other ranks are empty
      lay.region_offset.push_back(uint32_t(std::clamp(g, part.resident_base(), part.resident_base() + part.local_residents()) -
                                           part.resident_base()));
    return;
  }

  for (const AgentKindSpec& a : info_->world.agents) {
    uint64_t n = static_cast<uint64_t>(p.get_int("population." + a.kind));
    if (a.kind == "residents" && !region_sizes.empty())
      n = std::accumulate(region_sizes.begin(), region_sizes.end(), uint64_t{0});
    world_->add_store(a.kind, static_cast<uint32_t>(n));
  }

  for (const std::string& name : info_->world.components)
    if (enabled(p, name)) {
      components_.push_back(find_component(name)->create());
      component_names_.push_back(name);
    }

  std::set<std::string> networks;
  for (const NetworkSpec& n : info_->world.networks) networks.insert(n.name);
  for (const std::string& name : info_->world.components)
    if (enabled(p, name))
      for (const std::string& n : find_component(name)->networks) networks.insert(n);
  const uint32_t residents = world_->has_store("residents") ? world_->store("residents").size() : 0;
  if (state && !networks.empty()) {  // a branch reads the networks instead of drawing them again
    load_world_structure(*state);
    set_one_rank_partition();
    return;
  }
  for (const std::string& name : networks) {
    CommunityGraphSpec spec = social_network_spec(p, residents);
    if (!region_sizes.empty()) {
      spec.region_sizes = region_sizes;
      const RegionTable& t = *world_->regions();
      spec.region_links.resize(t.size());
      for (uint32_t r = 0; r < t.size(); ++r) spec.region_links[r] = t.neighbours(r);
      spec.travel_share = p.get_double("regions.travel_share");
    }
    world_->add_network(name, build_community_graph(spec, rng, world_->layout()));
  }
  if (networks.empty() && world_->has_store("residents")) {  // regions without a network: id blocks only
    CommunityLayout& lay = world_->layout();
    lay.region_offset.assign(1, 0);
    if (region_sizes.empty()) region_sizes.push_back(residents);
    for (uint32_t n : region_sizes) lay.region_offset.push_back(lay.region_offset.back() + n);
  }
  set_one_rank_partition();
}

// One rank owns every region of the layout (ids are global ids).
void Simulation::set_one_rank_partition() {
  const std::vector<uint32_t>& off = world_->layout().region_offset;
  if (off.size() < 2) return;
  std::vector<uint32_t> sizes;
  for (size_t r = 0; r + 1 < off.size(); ++r) sizes.push_back(off[r + 1] - off[r]);
  world_->set_partition(partition_regions(sizes, 1, 0));
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

void Simulation::apply_events(int32_t tick) {
  const std::vector<ParamEvent>& events = params_.events();
  const Date today = world_->calendar().date(tick);
  bool changed = false;
  while (next_event_ < events.size() && events[next_event_].date <= today) {
    const ParamEvent ev = events[next_event_++];  // a copy: params_.set may not invalidate it
    for (const auto& [key, v] : ev.set) {
      params_.set(key, v.value, v.loc);
      event_log_.push_back(today.str() + " (day " + std::to_string(tick) + "): " + key + " = " +
                           to_toml_literal(v.value) + (ev.label.empty() ? "" : "  # " + ev.label) + " (" +
                           v.loc.str() + ")");
    }
    changed = true;
  }
  if (changed) reconfigure();
}

// After dated events changed parameters: the draws' key (an event may set run.seed), then every
// component and the model re-read what may change.
void Simulation::reconfigure() {
  world_->set_rng(CounterRng(static_cast<uint64_t>(params_.get_int("run.seed")),
                             static_cast<uint32_t>(params_.get_int("run.index"))));
  for (auto& c : components_) c->configure(params_);
  model_->configure(params_);
}

void Simulation::step() {
  apply_events(tick_);
  TickContext ctx = context(tick_);
  if (driver_) {
    ctx.intensity = signal_.intensity;
    ctx.phase = signal_.phase;
    driven_intensity_[tick_] = ctx.intensity;
    driven_phase_[tick_] = ctx.phase;
  }
  for (auto& c : components_) c->step(*world_, ctx);
  model_->step(*world_, ctx);
  world_->swap_buffers();
  recorder_->record(ctx);
  if (driver_) signal_ = *driver_->crisis_signal();
  ++tick_;
}

bool Simulation::run(const std::atomic<bool>* cancel, const std::function<void(int32_t, int32_t)>& on_day) {
  const int32_t total = world_->calendar().num_ticks();
  while (!finished()) {
    // A split run stops on the same day on every rank.
    if (cancel && world_->exchange().any(cancel->load(std::memory_order_relaxed))) return false;
    step();
    if (on_day) on_day(tick_, total);
  }
  return true;
}

Calendar Simulation::realised_calendar() const {
  const Calendar& cal = world_->calendar();
  if (!driver_) return cal;
  // One span per run of days in the same phase, with the span's mean intensity (the exact daily
  // values are the crisis_intensity series).
  std::vector<PhaseSpan> spans;
  const int32_t days = std::min(tick_, cal.num_ticks());
  for (int32_t t = 0; t < days;) {
    int32_t e = t;
    double sum = 0;
    while (e < days && driven_phase_[e] == driven_phase_[t]) sum += driven_intensity_[e++];
    PhaseSpan s;
    s.kind = driven_phase_[t];
    s.start = cal.date(t);
    s.end = cal.date(e - 1);
    s.intensity = sum / (e - t);
    s.label = "from " + params_.get_string("crisis.driver");
    spans.push_back(s);
    t = e;
  }
  return Calendar(cal.date(0), cal.date(cal.num_ticks() - 1), std::move(spans));
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
  std::unique_ptr<Simulation> owned = options.restore ? std::make_unique<Simulation>(scenario.params, *options.restore)
                                                      : std::make_unique<Simulation>(scenario.params, options.place);
  Simulation& sim = *owned;
  // Checkpoint days and the crash-test stop: looked at once per day, work only on those days.
  size_t next_checkpoint = 0;
  while (next_checkpoint < options.checkpoint_ticks.size() &&
         options.checkpoint_ticks[next_checkpoint] < sim.current_tick())
    ++next_checkpoint;
  auto on_day = [&](int32_t done, int32_t total) {
    if (next_checkpoint < options.checkpoint_ticks.size() && options.checkpoint_ticks[next_checkpoint] == done - 1) {
      ++next_checkpoint;
      if (options.checkpoint) options.checkpoint(sim);
    }
    if (options.stop_after_tick == done - 1)
      throw Interrupted("stopped after day " + std::to_string(done - 1) + " as asked; no result file was written");
    if (options.on_day) options.on_day(done, total);
  };
  if (!sim.run(options.cancel, on_day)) throw Interrupted();
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
  prov.mpi_ranks = uint32_t(options.place.ranks);
  prov.wall_time_s = wall;
  prov.created_utc = utc_now();
  prov.events_applied = sim.event_log();
  prov.branch_checkpoint = options.branch_checkpoint;
  prov.branch_date = options.branch_date;
  prov.branch_changes = options.branch_changes;

  std::vector<SeriesData> daily = sim.recorder().daily();
  std::vector<SeriesData> monthly;
  if (p.get_bool("output.monthly")) monthly = sim.recorder().monthly();
  auto summary = sim.model().summary(sim.world(), daily, monthly);

  const World& w = sim.world();
  std::optional<NetworkStats> social;
  if (w.networks().count("social")) social = compute_network_stats(w.network("social"));
  // A split run reports the whole run: state summed over ranks, every resident.
  const uint64_t state_bytes = w.exchange().sum(w.state_bytes());
  const uint32_t residents = !w.has_store("residents") ? 0u
                             : w.partition().split() ? uint32_t(w.partition().total_residents())
                                                     : w.store("residents").size();
  RunResult r{std::move(prov), sim.realised_calendar(), std::move(daily), std::move(monthly), std::move(summary),
              std::move(social), state_bytes, residents};
  return r;
}

}  // namespace govsim
