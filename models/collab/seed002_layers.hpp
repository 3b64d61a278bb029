#pragma once
// Seed 002's other figures (issue 16, point 5): the glue that runs the three small layers in the collab
// model's day and reports them. Each layer is its own file with its own switch (all off by default,
// so other scenarios are bit for bit unchanged):
//   working_window.hpp  police documents handled after 20:00, with and without mobile office;
//   admin_levels.hpp    the level (community, street, district) a community matter is resolved at;
//   census.hpp          census registration time, self-registration vs enumerator vs the 2010 paper visit.
// The platform is the model's (collab.platform.*): a layer's "with platform" is the days it is live.
#include <array>
#include <cstdint>
#include <vector>

#include "models/collab/actor_params.hpp"
#include "models/collab/admin_levels.hpp"
#include "models/collab/census.hpp"
#include "models/collab/working_window.hpp"
#include "sim/metrics/metric_registry.hpp"
#include "sim/model/model.hpp"
#include "sim/model/state_io.hpp"

namespace govsim::collab {

void declare_seed002_parameters(ParamRegistry& reg);
// Clear errors for inconsistent values (a window that ends before it starts, shares above 1).
void check_seed002_parameters(const ParamSet& p);

// Census durations are kept in bins of this many minutes up to kCensusBins (the last bin: longer).
inline constexpr double kCensusBinMinutes = 0.5;
inline constexpr int kCensusBins = 960;
enum CensusHist { kSelfHist = 0, kEnumeratorHist, kPaperHist, kNumCensusHists };

class Seed002Layers {
 public:
  bool any() const { return ww_.enabled || levels_.enabled || census_.enabled; }
  void setup(const ParamSet& ps, const AdoptionParams& adoption, uint32_t residents, int32_t days, const CounterRng& rng);
  // One day; `live`: the platform is live; `officials_on`: share of officials on it (1 without adoption).
  void step_day(uint32_t tick, bool live, double officials_on, const CounterRng& rng);
  void register_metrics(MetricRegistry& m);
  // Scalars over [from, launch) and [launch, n) (the model's before/after windows).
  void add_scalars(int32_t from, int32_t launch, int32_t n, std::vector<Model::Scalar>& out) const;
  void save(StateWriter& out) const;
  void load(const StateReader& in);

  // Per day (exposed for tests).
  struct Day {
    uint32_t docs = 0, docs_after_20h = 0, docs_on_spot = 0;
    std::array<uint32_t, kNumLevels> matters{};
    uint32_t alerts = 0;
    uint32_t registrations = 0, self_registrations = 0, self_under_20 = 0, enumerator_under_20 = 0;
  };
  const std::vector<Day>& history() const { return history_; }

 private:
  WorkingWindowParams ww_;
  LevelsParams levels_;
  CensusParams census_;
  AdoptionParams adoption_;
  std::vector<Household> households_;
  std::vector<uint32_t> household_start_;  // households of day t: [start[t], start[t+1]) after sorting by day
  std::vector<Day> history_;
  Day today_;
  std::vector<uint32_t> census_hist_;  // kNumCensusHists x kCensusBins
};

}  // namespace govsim::collab
