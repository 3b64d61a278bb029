#pragma once
// Census registration (issue 16, point 5c; docs/collab_model.md, "Seed 002's other figures").
// Switched by collab.census.enabled; off, nothing here runs.
//
// Seed 002: in the 7th census (2020) households could register themselves with a WeChat mini-program,
// "cutting registration time to under 20 minutes" against the 2010 census's paper forms filled in at
// the door. Here a registration's duration is the sum of its form steps:
//   households  residents are grouped in order into households of 1 + Poisson(household_size - 1)
//               persons; each registers on a day drawn uniformly over the run;
//   who fills   the first member able to use an online platform at all fills the form; ability, age
//               (60+) and literacy are the adoption block's draws for that resident
//               (draw_resident_adoption, collab.adoption.*: the CNNIC and census shares), not new ones;
//   self        with the platform live, a household with an able member registers itself with
//               probability self_share: setup_minutes (scan, identity check) + for each item either
//               confirm_seconds (pre-filled from shared records: a share prefill_share of the person
//               items) or item_seconds, times the filler's speed (slow_60_plus, slow_low_literacy and
//               a lognormal personal factor of s.d. speed_sd) + help: the filler gets stuck with
//               probability stuck_prob (stuck_prob_vulnerable if 60+ or of low literacy) and then waits
//               help_minutes (exponential) for a family member or the enumerator's call;
//   enumerator  otherwise an enumerator visits: visit_minutes + each item read out and written down in
//               enumerator_item_seconds, times the respondent's personal factor; with the platform the
//               enumerator's device shows the pre-filled items (confirmed in confirm_seconds);
//   paper 2010  for every household, also the 2010 counterfactual: the enumerator's visit with a paper
//               form and no pre-filled item (the baseline of the comparison, in the same run).
// Draws: the household's from the counter-based generator keyed by (registration day, first member).
#include <cstdint>
#include <vector>

#include "models/collab/actor_params.hpp"
#include "sim/params/param_registry.hpp"
#include "sim/params/param_set.hpp"
#include "sim/rng/counter_rng.hpp"

namespace govsim::collab {

struct CensusParams {
  bool enabled = false;
  double household_size = 0;        // mean persons per household
  int person_items = 0, household_items = 0;
  double prefill_share = 0;         // share of person items pre-filled from shared records
  double setup_minutes = 0, item_seconds = 0, confirm_seconds = 0;
  double slow_60_plus = 0, slow_low_literacy = 0, speed_sd = 0;
  double stuck_prob = 0, stuck_prob_vulnerable = 0, help_minutes = 0;
  double self_share = 0;
  double visit_minutes = 0, enumerator_item_seconds = 0;
};

void declare_census_parameters(ParamRegistry& reg);
CensusParams load_census_parameters(const ParamSet& p);

// The filler of a form (or the respondent of a visit).
struct Filler {
  bool aged_60_plus = false, low_literacy = false;
};

// Minutes of one self-registration of `persons` persons; `u` are five uniforms (speed x2, stuck, help, spare).
double self_registration_minutes(const CensusParams& p, int persons, const Filler& f, double prefill_share,
                                 const double* u);
// Minutes of one enumerator visit; `u`: two uniforms (the respondent's speed).
double enumerator_minutes(const CensusParams& p, int persons, double prefill_share, const double* u);

struct Registration {
  bool self = false;       // registered themselves on the mini-program
  double minutes = 0;      // duration of the registration that happened
  double paper_minutes = 0;  // the 2010 paper counterfactual for the same household
  int persons = 0;
};

// The households (first member, size, registration day), formed at set-up.
struct Household {
  uint32_t first = 0;
  uint16_t persons = 0;
  int32_t day = 0;
};
std::vector<Household> form_households(const CensusParams& p, uint32_t residents, int32_t days, const CounterRng& rng);

// Registers one household on its day; `platform`: the mini-program and shared records are live.
Registration register_household(const CensusParams& p, const AdoptionParams& a, const Household& h, bool platform,
                                const CounterRng& rng);

}  // namespace govsim::collab
