#pragma once
// Everything the Zhejiang passes share: the built population (static after setup), the columns
// they read and write, and the state carried from day to day (checkpointed by the model).
#include <algorithm>
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
  std::vector<float> firm_rank;            // permanent draw: essential firms (low rank) run through the holiday
  std::vector<float> firm_priority;        // resumption order in the county, 0 = first (largest firms first)
  std::vector<uint8_t> firm_designated;    // 1: an industrial firm above designated size
  std::vector<uint32_t> worker_begin, workers;  // CSR: firm f's workers
  std::vector<int32_t> closed_from;       // per city: first tick under closed management (INT32_MAX: never)
  std::vector<double> origin_recent;       // per tick: recent cases per resident where workers return from (empty: none)
  // day-to-day state (checkpointed)
  std::vector<uint8_t> firm_state;
  std::vector<uint8_t> hh_cases;           // confirmed cases per household (saturating)
  std::vector<uint16_t> firm_cases;
  std::vector<uint16_t> hh_traced[2], firm_traced[2];  // tick + 1 of the last confirmation, by parity
  std::vector<CountyRecord> records;
  std::vector<TallyRow> tallies;           // per county, today's
  std::vector<uint64_t> cum_cases_city;
  uint64_t cum_cases = 0, cum_quarantine_days = 0;
  int32_t map_first_tick = -1;             // the first map's day: assessments every zhejiang.map.assessment_days from it
  // per-day scratch (recomputed every step, not checkpointed)
  std::vector<float> firm_inf, comm_inf;   // infectiousness-weighted counts
  std::vector<double> comm_force;          // beta_community * comm_inf / community size, once per community
  std::vector<uint32_t> firm_present;      // workers present and free to work
  std::vector<double> county_inf_share, travel_pressure;
  std::vector<float> county_contact;       // contact scale by county today
  std::vector<float> county_permission;    // share of firms permitted to resume today
  // The sparse scheme (epidemic_sparse.cpp; zhejiang.epidemic.scheme = "sparse"): the residents' three
  // state columns are single-buffered and changed in place, and these lists replace the scans. All
  // of it is rebuilt from the columns and the tracing marks on the first day after set-up or a
  // restore (`rebuild`), so a checkpoint needs nothing beyond the dense scheme's state.
  struct Sparse {
    bool rebuild = true;
    std::vector<uint32_t> active;                    // present residents in E, P, Y or A, sorted
    std::vector<uint32_t> unfound;                   // present Hubei-linked residents not yet found nor confirmed
    std::vector<std::vector<uint32_t>> arrivals;     // by arrival tick: away residents
    std::vector<std::vector<uint32_t>> q_ends;       // by tick a quarantine ends (stale entries skipped)
    std::vector<uint32_t> traced_hh[2], traced_firm[2];  // households / firms with a case confirmed, by parity
    std::vector<std::pair<uint32_t, int32_t>> present_delta;  // firm_present changes applied the next day
    // per-day scratch, reused
    std::vector<uint32_t> touched_firm, touched_comm, candidates, next_active;
    std::vector<uint64_t> infected;  // resident id << 3 | Setting
    std::vector<uint32_t> work_reached;              // co-workers reached by tracing today, sorted
    std::vector<std::pair<uint32_t, float>> hh_inf;  // (first member, summed infectiousness) of households
    std::vector<double> county_inf;
  } sp;
};

inline constexpr uint32_t kNoFirm = 0xFFFFFFFFu;

// Infectiousness of a resident to others (0 if away, not infectious or confirmed and isolated).
inline float infectiousness(uint8_t s, uint8_t f, float asym) {
  if (f & (kAway | kConfirmed)) return 0.f;
  if (s == kP || s == kY) return 1.f;
  if (s == kA) return asym;
  return 0.f;
}

// The epidemic's daily rates from today's parameters (both schemes).
struct DayRates {
  double to_infectious, to_symptoms, sym_end, asym_end, asym_share, detect_sym, detect_q, find, trace_hh, trace_work,
      q_out;
  float asym;
};
DayRates day_rates(const ZhejiangParams& p);
// Probability that a returning worker arriving on `tick` is infected: from the cases in the rest of
// China (origin_cases.hpp) or, without that table, the constant zhejiang.migrants.infected_share.
inline double migrant_infected_on(const ZjWorld& z, uint32_t tick) {
  if (z.origin_recent.empty()) return z.p.migrant_infected;
  const double recent = z.origin_recent[std::min<size_t>(tick, z.origin_recent.size() - 1)];
  return std::min(1.0, z.p.infections_per_case * recent);
}
// Probability that a returning worker from a risk area is identified and quarantined on arrival: by
// matched travel data and by the worker's own declaration (the two mechanisms' channels).
inline double arrival_identified(const ZhejiangParams& p) {
  return std::min(1.0, p.matching.level() * p.arrival_match_share + p.participation.level() * p.declare_share);
}
// Probability that a co-worker of a case in firm f is quarantined by tracing: the day's tracing share,
// thinned in a large firm to the zhejiang.tracing.work_contacts co-workers the case met.
inline double work_trace_share(const ZjWorld& z, const DayRates& r, uint32_t f) {
  const double others = double(z.worker_begin[f + 1] - z.worker_begin[f]) - 1.0;
  return others <= z.p.trace_work_contacts ? r.trace_work : r.trace_work * z.p.trace_work_contacts / others;
}
// travel_pressure[c] from county_inf_share: the border-weighted mean over c's neighbours.
void travel_pressure_from_shares(ZjWorld& z);

// Builds residents' places (households, communities, workplaces, Hubei links, away workers)
// and the firms, from the county table (population.cpp).
void build_population(World& w, ZjWorld& z);
// The epidemic's day (epidemic_pass.cpp): group infectiousness, then every resident's transition.
void epidemic_day(World& w, ZjWorld& z, uint32_t tick);
// The sparse scheme's day (epidemic_sparse.cpp): the same model, costing in proportion to the residents
// something happens to.
void epidemic_day_sparse(World& w, ZjWorld& z, uint32_t tick);
// The map's day (county_map.cpp): indicators updated with today's cases, scores, colours, and
// the measures (contact scale, permission) every county applies tomorrow.
void map_day(ZjWorld& z, uint32_t tick, bool first_day_of_map);
void apply_measures(ZjWorld& z, uint32_t tick);
// The firms' day (firms_pass.cpp): closures, applications, approvals, opening.
void firms_day(World& w, ZjWorld& z, uint32_t tick);
// Uniform in [0, 1) from one 32-bit word of a draw.
inline double unit(uint32_t word) { return word * (1.0 / 4294967296.0); }

}  // namespace govsim::zhejiang
