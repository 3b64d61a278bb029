#pragma once
// City governments and platform firms: which city decides to adopt a code on which day, who
// builds it (the small local firm, the large platform firm, the government alone), when it goes
// online, and how its firms resume. One serial pass over the cities a day (a few hundred): every
// rule reads the state at the start of the day, so the order of cities does not matter, and
// random numbers are counter-based per (day, city).
#include <cstdint>
#include <string>
#include <vector>

#include "models/health_code/case_table.hpp"
#include "models/health_code/params.hpp"
#include "sim/model/state_io.hpp"
#include "sim/regions/region_table.hpp"
#include "sim/rng/counter_rng.hpp"

namespace govsim::models::health_code {

enum class Stage : uint8_t { None = 0, Deciding = 1, Building = 2, DistrictCode = 3, CityCode = 4 };
enum class Builder : uint8_t { None = 0, SmallFirm = 1, Platform = 2, Alone = 3 };

// What does not change during a run.
struct CityTraits {
  std::vector<std::string> code;
  std::vector<double> population;        // census residents
  std::vector<double> simulated;         // residents simulated (population.scale)
  std::vector<double> capacity_z;        // digital capacity proxy, standardised over cities
  std::vector<uint8_t> entrepreneur;     // 1: the government has a policy entrepreneur
  std::vector<uint32_t> province;        // province index
  std::vector<std::string> province_code;
  std::vector<std::vector<uint32_t>> neighbours;
  double scale = 1.0;
  size_t size() const { return code.size(); }

  // From the region table (college_share, urban_share, parent_code columns; missing columns give a
  // capacity of 0 and one province per region; no table: one city "all") and the simulated sizes.
  static CityTraits build(const RegionTable* t, const std::vector<uint32_t>& simulated, double scale,
                          double entrepreneur_share, const CounterRng& rng);
};

// The cities' state, carried from day to day (saved in checkpoints).
struct CityState {
  std::vector<uint8_t> stage, builder;
  std::vector<uint8_t> district;        // 1: ran the small firm's district code
  std::vector<uint8_t> by_province;     // 1: decided by its province's roll-out
  std::vector<int32_t> decided_tick, ready_tick, launch_tick;
  std::vector<double> resumed;          // share of firms operating
  std::vector<double> applications;     // residents who applied the previous day
  std::vector<double> issued;           // codes issued the previous day
  std::vector<int32_t> province_rollout_tick;
  int32_t platform_join_tick = -1;
  void resize(size_t cities, size_t provinces);
  void save(StateWriter& out) const;
  void load(const StateReader& in);
};

// What residents read about their city on a day (filled by step_cities).
struct CityDay {
  std::vector<uint8_t> mode;        // 0 no code, 1 district code (part of the city), 2 city code
  std::vector<uint8_t> pooled;      // the city's code reads pooled data
  std::vector<float> accept;        // probability an application is served today (capacity)
  std::vector<float> contact_p;     // probability a resident is a traced close contact
  std::vector<float> place_p;       // probability of yellow from cases in the place
  std::vector<float> resumed;       // share of firms operating
  std::vector<uint8_t> international;  // the city runs the international version: arrivals from abroad are coded
  float arrival_p = 0;              // daily probability a resident arrives from abroad (any city)
};

// The adoption hazard of one city on one day (1/day); the named rules multiply it.
struct HazardInputs {
  double capacity_z = 0, pressure = 0, neighbour_share = 0, province_share = 0;
  bool entrepreneur = false;
};
double adoption_hazard(const AdoptionParams& a, const HazardInputs& in);

// log(1 + cases per million) of the city plus the weighted mean of its neighbours', yesterday.
double epidemic_pressure(const CityTraits& c, const CaseTable& cases, uint32_t city, int32_t tick, double nearby_weight);

// Advances every city by one day and fills `day` for the residents' pass.
void step_cities(const HealthCodeParams& p, const CityTraits& c, const CaseTable& cases, const CounterRng& rng,
                 int32_t tick, CityState& s, CityDay& day);

}  // namespace govsim::models::health_code
