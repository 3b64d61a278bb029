// The engine's own parameters: the part of a scenario every model shares.
#include "sim/engine/model.hpp"
#include "sim/engine/world.hpp"
#include "sim/scenario/scenario.hpp"

namespace govsim {

void declare_engine_parameters(ParamRegistry& reg) {
  using T = ParamType;
  std::vector<std::string> model_names;
  for (const ModelInfo& m : model_catalog()) model_names.push_back(m.name);

  // [run]
  reg.add({"run.name", T::String, std::string("unnamed"), {}, {}, {}, "",
           "Short name of the scenario, copied into the result file.", ""});
  reg.add({"run.model", T::String, std::string("reference"), {}, {}, model_names, "",
           "Which domain model drives the agents.", ""});
  reg.add({"run.seed", T::Int, int64_t(1), 0.0, 9007199254740991.0, {}, "",
           "Seed of the counter-based random numbers; with the run index it keys every draw.", ""});
  reg.add({"run.index", T::Int, int64_t(0), 0.0, 4294967295.0, {}, "",
           "Run (replicate) index; a second key word of every random draw.", ""});

  // [calendar] — one tick is one day.
  reg.add({"calendar.start", T::Date, std::nullopt, {}, {}, {}, "date",
           "First simulated day (tick 0), e.g. 2019-09-01.", ""});
  reg.add({"calendar.end", T::Date, std::nullopt, {}, {}, {}, "date",
           "Last simulated day (inclusive).", ""});

  // [[crisis.phases]] — the crisis timeline.
  reg.add({"crisis.phases", T::TableArray, std::nullopt, {}, {}, {}, "",
           "Dated crisis phases; days not covered are 'pre' before the first 'mid' phase and "
           "'post' after it, with intensity 0.", ""});
  reg.add({"crisis.phases[].kind", T::String, std::nullopt, {}, {}, {"pre", "mid", "post"}, "",
           "Phase of the crisis this span belongs to.", ""});
  reg.add({"crisis.phases[].start", T::Date, std::nullopt, {}, {}, {}, "date",
           "First day of the span (inclusive).", ""});
  reg.add({"crisis.phases[].end", T::Date, std::nullopt, {}, {}, {}, "date",
           "Last day of the span (inclusive).", ""});
  reg.add({"crisis.phases[].intensity", T::Float, 0.0, 0.0, 1.0, {}, "fraction",
           "Crisis intensity during the span (0 = none, 1 = full lockdown).", ""});
  reg.add({"crisis.phases[].label", T::String, std::string(""), {}, {}, {}, "",
           "Free-text label of the span, e.g. 'lockdown'.", ""});

  // [population] — agent counts per kind.
  reg.add({"population.residents", T::Int, int64_t(10000), 1.0, 50000000.0, {}, "persons",
           "Number of (adult) residents.", ""});
  reg.add({"population.officials", T::Int, int64_t(50), 0.0, 5000000.0, {}, "persons",
           "Number of officials (grid workers, civil servants, department staff).", ""});
  reg.add({"population.firms", T::Int, int64_t(100), 0.0, 10000000.0, {}, "firms",
           "Number of firms.", ""});
  reg.add({"population.platforms", T::Int, int64_t(1), 0.0, 1000.0, {}, "platforms",
           "Number of digital platforms.", ""});

  // [network] — the resident social network (see sim/network/community_graph.hpp).
  reg.add({"network.household_mean_size", T::Float, 2.6, 1.0, 8.0, {}, "persons",
           "Mean household size; sizes are 1 + Poisson(mean - 1), capped at 8.",
           "assumption; China's 2020 census reports 2.62 persons per household"});
  reg.add({"network.community_size", T::Int, int64_t(1000), 2.0, 1000000.0, {}, "persons",
           "Residents per grid community; neighbourhood ties stay inside a community.",
           "assumption"});
  reg.add({"network.neighbour_ties", T::Int, int64_t(4), 0.0, 64.0, {}, "ties/person",
           "Ring-lattice ties per resident inside the community (rounded down to even).",
           "assumption"});
  reg.add({"network.neighbour_rewire", T::Float, 0.1, 0.0, 1.0, {}, "probability",
           "Probability that a lattice tie is rewired to a random member of the same community.",
           "assumption (Watts-Strogatz)"});
  reg.add({"network.long_range_ties", T::Float, 1.0, 0.0, 64.0, {}, "ties/person",
           "Mean number of ties to residents anywhere in the population.", "assumption"});

  // [output]
  reg.add({"output.monthly", T::Bool, true, {}, {}, {}, "",
           "Also write monthly aggregates of every daily series.", ""});
}

}  // namespace govsim
