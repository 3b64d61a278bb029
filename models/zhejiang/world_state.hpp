#pragma once
// Everything the Zhejiang passes share: the built population (static after setup), the columns
// they read and write, and the state carried from day to day (checkpointed by the model).
#include <cstdint>
#include <string>
#include <vector>

#include "models/zhejiang/state.hpp"
#include "sim/calendar/tick.hpp"
#include "sim/model/world.hpp"
#include "sim/store/agent_store.hpp"

namespace govsim::zhejiang {

struct ZjWorld {
  ZhejiangParams p;
  double scale = 1;
  uint32_t n = 0;
  // residents' columns
  Column<uint8_t>* disease = nullptr;   // double-buffered
  Column<uint8_t>* flags = nullptr;     // double-buffered
  Column<uint16_t>* quarantine = nullptr;  // double-buffered: tick + 1 on which quarantine ends (0: none)
  Column<uint32_t>* household = nullptr;
  Column<uint32_t>* firm = nullptr;     // kNoFirm if not employed
  Column<uint16_t>* arrival = nullptr;  // tick of arrival of an away resident
  Column<uint8_t>* county = nullptr;
  // structure
  std::vector<County> counties;
  std::vector<std::string> city_codes;
  std::vector<std::vector<std::pair<uint32_t, double>>> neighbours;  // bordering counties, link weights
  uint32_t num_households = 0, num_communities = 0, num_firms = 0;
  std::vector<uint32_t> comm_begin;        // community c: residents [comm_begin[c], comm_begin[c+1])
  std::vector<uint8_t> firm_county, firm_sector;
  std::vector<float> firm_rank;            // permanent draw: key firms (low rank) resume first
  std::vector<uint32_t> worker_begin, workers;  // CSR: firm f's workers
  // day-to-day state (checkpointed)
  std::vector<uint8_t> firm_state;
  std::vector<uint8_t> hh_cases;           // confirmed cases per household (saturating)
  std::vector<uint16_t> firm_cases;
  std::vector<uint16_t> hh_traced[2], firm_traced[2];  // tick + 1 of the last confirmation, by parity
  std::vector<CountyRecord> records;
  std::vector<TallyRow> tallies;           // per county, today's
  std::vector<uint64_t> cum_cases_city;
  uint64_t cum_cases = 0, cum_quarantine_days = 0;
  // per-day scratch (recomputed every step, not checkpointed)
  std::vector<float> firm_inf, comm_inf;   // infectiousness-weighted counts
  std::vector<double> comm_force;          // beta_community * comm_inf / community size, once per community
  std::vector<uint32_t> firm_present;      // workers present and free to work
  std::vector<double> county_inf_share, travel_pressure;
  std::vector<float> county_contact;       // contact scale by county today
  std::vector<float> county_permission;    // share of firms permitted to resume today
};

inline constexpr uint32_t kNoFirm = 0xFFFFFFFFu;

// Builds residents' places (households, communities, workplaces, Hubei links, away workers)
// and the firms, from the county table (population.cpp).
void build_population(World& w, ZjWorld& z);
// The epidemic's day (epidemic_pass.cpp): group infectiousness, then every resident's transition.
void epidemic_day(World& w, ZjWorld& z, uint32_t tick);
// The map's day (county_map.cpp): indicators updated with today's cases, scores, colours, and
// the measures (contact scale, permission) every county applies tomorrow.
void map_day(ZjWorld& z, uint32_t tick, bool first_day_of_map);
void apply_measures(ZjWorld& z);
// The firms' day (firms_pass.cpp): closures, applications, approvals, opening.
void firms_day(World& w, ZjWorld& z, uint32_t tick);
// Uniform in [0, 1) from one 32-bit word of a draw.
inline double unit(uint32_t word) { return word * (1.0 / 4294967296.0); }

}  // namespace govsim::zhejiang
