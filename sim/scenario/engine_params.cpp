// The engine's own parameters and those of the world a model declares: the part of a scenario
// the engine reads. Which keys exist depends on the model (and components) a scenario selects.
#include "sim/model/component.hpp"
#include "sim/model/model.hpp"
#include "sim/scenario/scenario.hpp"

namespace govsim {
namespace {

// Declares a run setting (seed, dates, files, switches, the scenario's own crisis schedule): not a
// model quantity, so it needs no source (ParamSpec::setting).
void add_setting(ParamRegistry& reg, ParamSpec spec) {
  spec.setting = true;
  reg.add(std::move(spec));
}

bool needs_community_network(const ModelInfo& m, const std::vector<std::string>& components) {
  for (const NetworkSpec& n : m.world.networks)
    if (n.builder == NetworkBuilder::Community) return true;
  for (const std::string& c : components)
    if (const ComponentInfo* ci = find_component(c); ci && !ci->networks.empty()) return true;
  return false;
}

bool has_residents(const ModelInfo& m) {
  for (const AgentKindSpec& a : m.world.agents)
    if (a.kind == "residents") return true;
  return false;
}

void declare_network_parameters(ParamRegistry& reg) {
  using T = ParamType;
  reg.add({"network.household_mean_size", T::Float, 2.6, 1.0, 8.0, {}, "persons",
           "Mean household size; sizes are 1 + Poisson(mean - 1), capped at 8.",
           "China's 2020 census: 2.62 persons per household (National Bureau of Statistics, 7th census bulletin)"});
  reg.add({"network.community_size", T::Int, int64_t(1000), 2.0, 1000000.0, {}, "persons",
           "Residents per grid community; neighbourhood ties stay inside a community.",
           "assumption: order of a Chinese urban grid (wangge) of a few hundred households; results "
           "depend on it only through local clustering"});
  reg.add({"network.neighbour_ties", T::Int, int64_t(4), 0.0, 64.0, {}, "ties/person",
           "Ring-lattice ties per resident inside the community (rounded down to even).",
           "assumption: a handful of neighbours known well enough to influence platform use; no "
           "survey of neighbourhood ties in the seeds"});
  reg.add({"network.neighbour_rewire", T::Float, 0.1, 0.0, 1.0, {}, "probability",
           "Probability that a lattice tie is rewired to a random member of the same community.",
           "assumption: a small-world rewiring (Watts & Strogatz 1998) gives short paths with "
           "local clustering; 0.1 is their standard illustration"});
  reg.add({"network.long_range_ties", T::Float, 1.0, 0.0, 64.0, {}, "ties/person",
           "Mean number of ties to residents anywhere in the population.",
           "assumption: one acquaintance outside the community on average (kin, colleagues); a "
           "sensitivity run is cheap with --set"});

}

void declare_region_parameters(ParamRegistry& reg) {
  using T = ParamType;
  add_setting(reg, {"regions.table", T::String, std::string(""), {}, {}, {}, "path",
           "CSV of regions (one row each: code, name, population, attributes), relative to the scenario "
           "file; empty: one region of population.residents.", ""});
  add_setting(reg, {"regions.borders", T::String, std::string(""), {}, {}, {}, "path",
           "CSV of region pairs (a, b[, weight]) that share a border or a travel link, relative to the "
           "scenario file; empty: no links.", ""});
  add_setting(reg, {"regions.population_column", T::String, std::string("population"), {}, {}, {}, "",
           "Column of the region table that gives each region's residents.", ""});
  reg.add({"regions.travel_share", T::Float, 0.1, 0.0, 1.0, {}, "fraction",
           "Share of long-range ties that go to a linked region (the rest stay inside the region).",
           "assumption: inter-county commuting is a minority of contacts; set from travel data when known"});
  add_setting(reg, {"population.scale", T::Float, 1.0, 1e-6, 1.0, {}, "fraction",
           "Fraction of every region's census population simulated (same rates at every scale).", ""});
}

}  // namespace

void declare_engine_parameters(ParamRegistry& reg, const ModelInfo* model,
                               const std::vector<std::string>& components) {
  using T = ParamType;
  std::vector<std::string> model_names;
  for (const ModelInfo& m : model_catalog()) model_names.push_back(m.name);

  // [run]
  add_setting(reg, {"run.name", T::String, std::string("unnamed"), {}, {}, {}, "",
           "Short name of the scenario, copied into the result file.", ""});
  add_setting(reg, {"run.model", T::String, std::string("reference"), {}, {}, model_names, "",
           "Which domain model drives the agents.", ""});
  // Changeable: an [[events]] entry (or a branch, or a sweep of futures) that sets it re-keys the
  // draws of the days from then on, so futures of one past differ only after that day.
  ParamSpec seed{"run.seed", T::Int, int64_t(1), 0.0, 9007199254740991.0, {}, "",
                 "Seed of the counter-based random numbers; with the run index it keys every draw. A dated event may "
                 "set it: the days from then on draw with the new seed (replicate futures of one past).", ""};
  seed.changeable = true;
  add_setting(reg, std::move(seed));
  add_setting(reg, {"run.index", T::Int, int64_t(0), 0.0, 4294967295.0, {}, "",
           "Run (replicate) index; a second key word of every random draw.", ""});

  // [calendar] — one tick is one day.
  add_setting(reg, {"calendar.start", T::Date, std::nullopt, {}, {}, {}, "date",
           "First simulated day (tick 0), e.g. 2019-09-01.", ""});
  add_setting(reg, {"calendar.end", T::Date, std::nullopt, {}, {}, {}, "date",
           "Last simulated day (inclusive).", ""});

  // [[crisis.phases]] — the crisis timeline.
  add_setting(reg, {"crisis.phases", T::TableArray, std::nullopt, {}, {}, {}, "",
           "Dated crisis phases; days not covered are 'pre' before the first 'mid' phase and "
           "'post' after it, with intensity 0.", ""});
  add_setting(reg, {"crisis.phases[].kind", T::String, std::nullopt, {}, {}, {"pre", "mid", "post"}, "",
           "Phase of the crisis this span belongs to.", ""});
  add_setting(reg, {"crisis.phases[].start", T::Date, std::nullopt, {}, {}, {}, "date",
           "First day of the span (inclusive).", ""});
  add_setting(reg, {"crisis.phases[].end", T::Date, std::nullopt, {}, {}, {}, "date",
           "Last day of the span (inclusive).", ""});
  add_setting(reg, {"crisis.phases[].intensity", T::Float, 0.0, 0.0, 1.0, {}, "fraction",
           "Crisis intensity during the span (0 = none, 1 = full lockdown).", ""});
  add_setting(reg, {"crisis.phases[].label", T::String, std::string(""), {}, {}, {}, "",
           "Free-text label of the span, e.g. 'lockdown'.", ""});

  // [crisis] driver: the dated schedule, or a component of this model that can drive it.
  std::vector<std::string> drivers = {"schedule"};
  if (model)
    for (const std::string& c : model->world.components)
      if (const ComponentInfo* ci = find_component(c); ci && ci->drives_crisis) drivers.push_back(c);
  add_setting(reg, {"crisis.driver", T::String, std::string("schedule"), {}, {}, drivers, "",
           "Where each day's crisis intensity and phase come from: the dated [[crisis.phases]] "
           "schedule, or a component's state (e.g. \"epidemic\"; it must be enabled under [components]).",
           ""});

  // [output]
  add_setting(reg, {"output.monthly", T::Bool, true, {}, {}, {}, "",
           "Also write monthly aggregates of every daily series.", ""});
}

void declare_world_parameters(ParamRegistry& reg, const ModelInfo& model,
                              const std::vector<std::string>& components) {
  // [population] — one count per agent kind the model declares.
  for (const AgentKindSpec& a : model.world.agents)
    reg.add_shared({"population." + a.kind, ParamType::Int, a.default_count, a.kind == "residents" ? 1.0 : 0.0,
                    a.max_count, {}, a.unit, a.doc, a.source});
  if (model.world.regions && has_residents(model) && !reg.find("regions.table")) declare_region_parameters(reg);
  if (needs_community_network(model, components) && !reg.find("network.household_mean_size"))
    declare_network_parameters(reg);
  // [components] — one switch per component the model may be composed with.
  for (const std::string& c : model.world.components)
    if (const ComponentInfo* ci = find_component(c))
      if (!reg.find("components." + c)) add_setting(reg, {"components." + c, ParamType::Bool, false, {}, {}, {}, "", "Add the " + c + " component: " + ci->doc, ""});
}

}  // namespace govsim
