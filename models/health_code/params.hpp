#pragma once
// Parameters of the health-code diffusion model (seed 004), each declared once in params.cpp.
#include <string>

#include "sim/calendar/date.hpp"
#include "sim/params/param_registry.hpp"
#include "sim/params/param_set.hpp"
#include "sim/params/param_table.hpp"

namespace govsim::models::health_code {

// City governments deciding when to adopt a code (cities.cpp).
struct AdoptionParams {
  double base_rate = 0;          // 1/day, hazard of a city with mean capacity, no pressure, no peers
  double neighbour_weight = 0;   // hazard x (1 + w * share of bordering cities with a code)
  double province_weight = 0;    // hazard x (1 + w * share of same-province cities with a code)
  double pressure_weight = 0;    // log-hazard per unit of log(1 + cases per million)
  double nearby_case_weight = 0; // weight of bordering cities' cases in a city's pressure
  double capacity_weight = 0;    // log-hazard per standard deviation of digital capacity
  double entrepreneur_share = 0; // share of city governments with a policy entrepreneur
  double entrepreneur_factor = 0;// hazard multiplier of a city with an entrepreneur
  bool province_rollout = true;  // a province rolls the code out to all its cities
  int province_lag_days = 0;     // days from a province's first city code to its roll-out
};

// Platform firms: the small local firm, the large platform firm, government alone (cities.cpp).
struct PlatformParams {
  int small_firm_build_days = 0;
  double small_firm_capacity = 0;   // codes per day at full scale
  double district_share = 0;        // share of the requesting city's residents the first code covers
  double join_unmet_ratio = 0;      // unmet applications / capacity that makes the city scale up
  bool cobuild = true;              // governments may co-build with the platform firm
  double first_build_days = 0;      // (rounded to days) the platform firm develops the first city code with its government
  int onboard_lead_days = 0;        // configuring the existing code for another city
  double onboard_per_day = 0;       // cities the platform firm onboards per day
  int alone_build_days = 0;
  double alone_daily_capacity = 0;  // codes per day per resident of a government-alone system
  bool pooled_data = true;          // a co-built code reads pooled data (the middle platform)
};

// Residents: applying, colours, checks, work and travel (residents_pass.cpp).
struct ResidentParams {
  double need_move = 0;        // daily probability of a trip that needs a code
  double uptake_literate = 0;  // daily probability a digitally literate resident in need applies
  double uptake_other = 0;     // same, without digital literacy and without help
  double elder_help = 0;       // probability an elderly resident without literacy gets help
  double literacy_adult_urban = 0, literacy_adult_rural = 0, literacy_elder_urban = 0, literacy_elder_rural = 0;
  double travel_history = 0;    // share of applicants with a travel history to check
  double travel_risky = 0;      // share of those whose travel was through a risk area
  double contacts_per_case = 0; // close contacts traced per recent case
  double self_report = 0;       // daily share reporting symptoms
  double place_yellow_per_case = 0;  // yellow probability per recent case per 10,000 residents
  double siloed_unverified = 0;      // yellow probability when records cannot be checked (siloed data)
  int yellow_days = 0, red_days = 0;
  double community_check = 0;   // probability a resident who goes out is checked at the community gate
  double intercity_trip = 0;    // daily probability a green resident makes an inter-city trip
  double recognition_boost = 0; // relative rise of inter-city trips under mutual recognition
  double unrecognised_yellow = 0;// probability an arriving traveller is put on yellow without recognition
  bool mutual_recognition = false;  // in force (dated event)
  bool recognition_enabled = true;  // counterfactual switch: recognition can come into force
};

// Firms' resumption by city (cities.cpp).
struct WorkParams {
  bool open = false;                 // firms may resume at all (dated event)
  bool resume_without_approval = false;  // firms of cities with a code resume without approval (event)
  double approval_rate = 0;          // daily share of closed firms resuming under prior approval
  double code_rate = 0;              // same, in a city with a code once approval is waived
};

// The international version (14 Mar 2020): arrivals from abroad get a code and are controlled.
struct InternationalParams {
  bool enabled = false;          // the international version is online (dated event)
  double arrivals_per_day = 0;   // arrivals from abroad per day nationally, at census scale
  int quarantine_days = 0;       // quarantine of an arrival put on the code
};

struct HealthCodeParams {
  AdoptionParams adoption;
  PlatformParams platform;
  ResidentParams residents;
  WorkParams work;
  InternationalParams international;
  std::string international_province;  // parent_code of the cities that run the international version
  std::string request_region;  // city whose government asks for a digital scheme (dated event)
  std::string cases_table;     // daily cumulative cases per region (path relative to the scenario)
  std::string focus_region;    // city whose launch day is reported (summary scalars)
  Date province_date, national_date;  // days on which city counts are reported (summary scalars)
};

const ParamTable<HealthCodeParams>& parameters();
void declare(ParamRegistry& reg);
void check(const ParamSet& p);

}  // namespace govsim::models::health_code
