#pragma once
// The Zhejiang "digital collaboration" model's parameters (seed 001): declared once
// (declare_zhejiang_parameters), read into a plain struct (load_zhejiang_parameters) so the hot
// loops never look up strings. docs/zhejiang_model.md gives each one's role and source.
#include <array>
#include <string>

#include "models/zhejiang/colour_map.hpp"
#include "sim/calendar/date.hpp"
#include "sim/params/param_registry.hpp"
#include "sim/params/param_set.hpp"

namespace govsim::zhejiang {

inline constexpr int kNumSectors = 6;
inline constexpr std::array<const char*, kNumSectors> kSectorNames = {
    "agriculture", "industry", "construction", "trade_hospitality", "transport", "other_services"};
inline constexpr int kIndustry = 1;

// One of the seed's three mechanisms: a switch and a continuous strength in [0, 1].
struct Mechanism {
  bool on = true;
  double strength = 1.0;
  double level() const { return on ? strength : 0.0; }
};

struct ZhejiangParams {
  // population
  int community_size = 1000;
  int population_seed = 0;  // 0: the run's seed draws the population; else this seed, the same for every run
  double hubei_linked = 0, wenzhou_prevalence_factor = 1, hubei_infected = 0, hubei_before_closure = 0;
  Date hubei_arrivals_from, hubei_closure, hubei_arrivals_until;
  double migrants_away = 0, migrant_infected = 0, migrant_risk_share = 0;
  std::string origin_cases;          // table of cases where returning workers come from ("": constant share)
  double infections_per_case = 0;    // infections per reported case in the origin
  int origin_window = 14;            // days of reported cases that count as current infections
  Date migrants_return_from, migrants_return_until;
  std::array<double, kNumSectors> firm_size{};
  std::string firm_size_distribution = "zipf";  // "zipf" (Axtell 2001) or "even" (every firm of a sector alike)
  double designated_size = 20;                   // workers: an industrial firm this large is "above designated size"
  // epidemic
  double beta_household = 0, beta_work = 0, beta_community = 0, beta_travel = 0, travel_share = 0;
  double latent_days = 0, presymptomatic_days = 0, symptomatic_days = 0, asymptomatic_share = 0;
  double asymptomatic_infectiousness = 0, quarantine_effect = 0;
  double detect_symptomatic = 0, detect_quarantined = 0, trace_household = 0, trace_work = 0;
  double trace_work_contacts = 0;  // co-workers a case is in contact with (tracing reaches at most these)
  int quarantine_days = 14;
  std::string epidemic_scheme = "dense";  // "dense" (every resident every day) or "sparse" (epidemic_sparse.cpp)
  // response and mechanisms
  bool level1 = false;
  double level1_contact_scale = 1;
  std::string closed_management;  // table of cities under closed management (empty: none)
  std::string hubei_linked_by_city;  // table of published Hubei-linked counts by city (empty: all by residents)
  Mechanism matching, participation, platform;
  double matching_find_rate = 0, matching_trace_gain = 0, participation_detect_gain = 0,
         participation_report_rate = 0, approval_base = 0, approval_platform = 0, supply_matching = 0;
  double declare_share = 0, arrival_match_share = 0;  // risk-area arrivals identified by declaration / by data
  // five-colour map
  bool map_active = false, map_new_cases = false;
  std::string map_mode = "by_colour";
  int assessment_days = 3;     // the colour is re-assessed every this many days from the first map
  int max_downgrade = 1;       // levels a county may fall at one assessment (0: any)
  ScoreRule score;
  std::array<double, kNumColours> contact_scale{};
  std::array<double, kNumColours> permission{};
  // firms
  bool holiday = false, resumption_allowed = false;
  double essential_share = 0, min_workers_present = 0, min_supply = 0, supply_own = 0, supply_neighbours = 0;
};

void declare_zhejiang_parameters(ParamRegistry& reg);
void check_zhejiang_parameters(const ParamSet& p);  // throws InputError with file:line:col
ZhejiangParams load_zhejiang_parameters(const ParamSet& p);

}  // namespace govsim::zhejiang
