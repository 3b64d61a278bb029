#pragma once
// Platform adoption and its costs (issue 16, point 1; docs/collab_model.md, "Adoption and its
// costs"). Switched by collab.adoption.enabled; off, a live platform is used by everyone from its
// first day at no cost (the model before issue 16), bit for bit.
//
// With adoption on, a platform's effect is earned by the actors who use it, and it can also cost:
//   officials   each adopts at its own day after the platform's first live day (exponential,
//               mean collab.adoption.official_mean_days); for learning_days after it an official
//               works learning_slowdown slower;
//   residents   each can use the platform or not (digital divide by age: CNNIC shares under and
//               over 60); a capable resident adopts at an exponential day, slower with low
//               literacy; a resident not on it is reached and takes part through the offline
//               channel (the no-platform threshold and ask latency);
//   formalism   every official work item done on the platform carries record_hours of recording
//               for review (留痕), a cost that exists only with the platform;
//   categories  automatic dispatch and standard interfaces work only for matters whose category is
//               well defined (category_definition): the rest are routed by hand and keep the
//               no-platform rework and combining costs;
//   induced     easier reporting brings extra minor matters (one official sub-task each) in
//               proportion to the residents on the platform.
// The coordination costs a unit applies on a day are those of its actors' mix (blend()); each
// agent's adoption day is drawn once at set-up from the counter-based generator keyed by its id.
#include <cstdint>
#include <vector>

#include "models/collab/params.hpp"
#include "sim/rng/counter_rng.hpp"

namespace govsim::collab {

// What a unit works under on one day; built by Adoption::conditions (or from the platform switch
// alone when adoption is off) and read by UnitSim.
struct DayConditions {
  CoordinationCosts costs;         // the costs of the day's actor mix
  bool live = false;               // the platform is live
  double offline_threshold = 0;    // reach cost of a resident not on the platform
  double platform_threshold = 0;   // reach cost of a resident on it (while it is live)
  double official_time_factor = 1; // official work time multiplier (learning)
  double record_hours = 0;         // official recording time per work item (formalism)
  double minor_per_day = 0;        // induced minor matters arriving in the unit per day
  double officials_on = 1;         // share of the unit's officials on the platform (while it is live)
};

// The conditions without adoption: everyone on the platform while it is live, no extra cost.
DayConditions instant_conditions(const CollabParams& p, bool live);

// Blend of a cost between its no-platform value (x = 0) and its platform value (x = 1); exact at
// both ends, so full adoption reproduces the platform values bit for bit.
inline double blend(double without, double with, double x) { return (1 - x) * without + x * with; }

// Resident i's adoption, drawn once: whether they can use the platform at all and after how many
// days of its being live they do. `never` when they cannot.
struct ResidentAdoption {
  bool aged_60_plus = false;
  bool low_literacy = false;
  int32_t days = 0;
};
inline constexpr int32_t kNeverAdopts = INT32_MAX;
ResidentAdoption draw_resident_adoption(const AdoptionParams& a, const CounterRng& rng, uint32_t resident);
// Expected share of residents able to use the platform at all (the digital divide by age).
inline double share_able_to_use(const AdoptionParams& a) {
  return a.share_60_plus * a.online_60_plus + (1 - a.share_60_plus) * a.online_under_60;
}
int32_t draw_official_adoption_days(const AdoptionParams& a, const CounterRng& rng, uint32_t official);

// Adoption days of every actor, and the per-unit shares on a day.
class Adoption {
 public:
  // Per unit: adoption days (after the first live day) of its officials and residents.
  void add_unit(std::vector<int32_t> official_days, std::vector<int32_t> resident_days);
  // The conditions of unit `u` on a day `days_live` days after the platform's first live day
  // (negative or `live` false: not live).
  // `regular_per_day`: the unit's mean regular arrivals (induced minor matters are in proportion).
  DayConditions conditions(const CollabParams& p, size_t u, bool live, int32_t days_live, double regular_per_day) const;

  // Shares on a day (for the outputs and tests).
  double officials_on(size_t u, int32_t days_live) const;
  double officials_learning(size_t u, int32_t days_live, int32_t learning_days) const;
  double residents_on(size_t u, int32_t days_live) const;
  // District shares (all units).
  double district_officials_on(int32_t days_live) const;
  double district_residents_on(int32_t days_live) const;

 private:
  struct Unit {
    std::vector<int32_t> officials, residents;  // sorted adoption days
  };
  std::vector<Unit> units_;
  Unit all_;  // every unit's days, sorted
};

}  // namespace govsim::collab
