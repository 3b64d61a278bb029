// The epidemic's day (docs/zhejiang_model.md, "Epidemic"): infectiousness is summed by group
// (community, workplace, county) from yesterday's state; every resident then moves through
// S -> E -> presymptomatic -> symptomatic -> removed (or E -> asymptomatic -> removed), is detected
// by symptoms or by testing in quarantine, and is quarantined when data matching finds a Hubei link
// or tracing lists a household member or co-worker confirmed yesterday. Arrivals (Hubei-linked
// travellers, returning workers) join on their arrival day.
#include <tbb/parallel_for.h>
#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <atomic>
#include <cmath>

#include "models/zhejiang/world_state.hpp"
#include "sim/model/parallel.hpp"
#include "sim/network/community_graph.hpp"
#include "sim/rng/counter_rng_batch.hpp"

namespace govsim::zhejiang {
namespace {

// The daily draws of eight consecutive residents, made at the first word any of them reads.
struct BlockDraws {
  Draw8 d;
  uint32_t base = 0;
  bool ready = false;
};

// Whether any of 32 consecutive disease states is infectious (a fixed-length loop the compiler
// vectorises).
inline bool any_infectious32(const uint8_t* s) {
  unsigned any = 0;
  for (int j = 0; j < 32; ++j) any |= unsigned(uint8_t(s[j] - kP) < 3);  // kP, kY, kA
  return any != 0;
}

static_assert(kY == kP + 1 && kA == kP + 2, "the infectious states are kP, kY, kA in a row");

}  // namespace

DayRates day_rates(const ZhejiangParams& p) {
  return {1.0 / p.latent_days,
          1.0 / p.presymptomatic_days,
          1.0 / p.symptomatic_days,
          1.0 / (p.presymptomatic_days + p.symptomatic_days),
          p.asymptomatic_share,
          p.detect_symptomatic + p.participation.level() * p.participation_detect_gain,
          p.detect_quarantined,
          p.level1 ? p.matching.level() * p.matching_find_rate + p.participation.level() * p.participation_report_rate
                   : 0.0,
          std::min(1.0, p.trace_household + p.matching.level() * p.matching_trace_gain),
          std::min(1.0, p.trace_work + p.matching.level() * p.matching_trace_gain),
          1.0 - p.quarantine_effect,
          float(p.asymptomatic_infectiousness)};
}

void travel_pressure_from_shares(ZjWorld& z) {
  const size_t nc = z.counties.size();
  z.travel_pressure.assign(nc, 0.0);
  for (size_t c = 0; c < nc; ++c) {
    double acc = 0;
    for (const auto& [nb, wt] : z.neighbours[c]) acc += wt * z.county_inf_share[nb];
    z.travel_pressure[c] = z.counties[c].travel_weight_sum > 0 ? acc / z.counties[c].travel_weight_sum : 0.0;
  }
}

void epidemic_day(World& w, ZjWorld& z, uint32_t tick) {
  const ZhejiangParams& p = z.p;
  const double migrant_infected = migrant_infected_on(z, tick);
  const double identified = arrival_identified(p);
  const CounterRng& rng = w.rng();
  const uint8_t* ds = z.disease->cur().data();
  const uint8_t* fl = z.flags->cur().data();
  const uint16_t* qu = z.quarantine->cur().data();
  uint8_t* nds = z.disease->next().data();
  uint8_t* nfl = z.flags->next().data();
  uint16_t* nqu = z.quarantine->next().data();
  const uint32_t* hh = z.household->cur().data();
  const uint32_t* fm = z.firm->cur().data();
  const uint16_t* arr = z.arrival->cur().data();
  const DayRates r = day_rates(p);
  const int32_t return_from = p.migrants_return_from - w.calendar().start();

  // Group infectiousness from yesterday's state.
  z.comm_inf.assign(z.num_communities, 0.f);
  tbb::parallel_for(uint32_t{0}, z.num_communities, [&](uint32_t c) {
    // Only infectious residents add (adding +0 leaves the float sum unchanged), and they are few: a
    // block of 32 is summed in order only if a cheap (vectorisable) scan finds one in P, Y or A.
    float acc = 0;
    const uint32_t end = z.comm_begin[c + 1];
    for (uint32_t b = z.comm_begin[c]; b < end; b += 32) {
      const uint32_t e = std::min(b + 32, end);
      if (e - b == 32 && !any_infectious32(ds + b)) continue;
      for (uint32_t i = b; i < e; ++i)
        acc += infectiousness(ds[i], fl[i], r.asym) * (qu[i] > tick ? float(r.q_out) : 1.f);
    }
    z.comm_inf[c] = acc;
  });
  // The community term of the force of infection, once per community instead of once per resident
  // (the same expression in the same order, so bit-identical; profiling put the per-resident
  // division and conversion among the transition's largest costs).
  z.comm_force.resize(z.num_communities);
  tbb::parallel_for(uint32_t{0}, z.num_communities, [&](uint32_t c) {
    const uint32_t comm_size = z.comm_begin[c + 1] - z.comm_begin[c];
    z.comm_force[c] = p.beta_community * z.comm_inf[c] / comm_size;
  });
  z.firm_inf.assign(z.num_firms, 0.f);
  z.firm_present.assign(z.num_firms, 0);
  tbb::parallel_for(uint32_t{0}, z.num_firms, [&](uint32_t f) {
    float acc = 0;
    uint32_t present = 0;
    for (uint32_t k = z.worker_begin[f]; k < z.worker_begin[f + 1]; ++k) {
      const uint32_t i = z.workers[k];
      const bool isolated = (fl[i] & kConfirmed) && ds[i] != kR;
      if ((fl[i] & kAway) || isolated || qu[i] > tick) continue;
      ++present;
      acc += infectiousness(ds[i], fl[i], r.asym);
    }
    z.firm_inf[f] = acc;
    z.firm_present[f] = present;
  });
  const size_t nc = z.counties.size();
  z.county_inf_share.assign(nc, 0.0);
  for (size_t c = 0; c < nc; ++c) {
    double acc = 0;
    for (uint32_t k = z.counties[c].comm_begin; k < z.counties[c].comm_end; ++k) acc += z.comm_inf[k];
    const uint32_t pop = z.counties[c].end - z.counties[c].begin;
    z.county_inf_share[c] = pop ? acc / pop : 0.0;
  }
  travel_pressure_from_shares(z);

  std::vector<uint16_t>& hh_mark = z.hh_traced[tick % 2];
  std::vector<uint16_t>& firm_mark = z.firm_traced[tick % 2];
  const std::vector<uint16_t>& hh_prev = z.hh_traced[(tick + 1) % 2];
  const std::vector<uint16_t>& firm_prev = z.firm_traced[(tick + 1) % 2];
  const uint16_t mark = uint16_t(tick + 1);
  const uint32_t csize = uint32_t(p.community_size);

  // One resident's day. `comm` is the resident's community (k.comm_begin + (i - k.begin) / csize,
  // kept by the caller without a division). The counter-based draws are made eight residents at a
  // time (draw4x8: the same words as draw4) and only when a word of the block is read (arrivals,
  // susceptibles with a positive force of infection, the infected, detection and quarantine
  // chances above 0): the words depend only on (tick, i), so results stay bit-identical.
  auto transition = [&](uint32_t i, uint32_t c, uint32_t comm, bool near_infectious, bool traced_yesterday,
                        BlockDraws& draws, TallyRow& t) {
    const County& k = z.counties[c];
    uint8_t s = ds[i], f = fl[i];
    uint16_t q = qu[i];
    auto word = [&](int x) -> uint32_t {
      if (!draws.ready) {
        draw4x8(rng, tick, draws.base, kDaily, draws.d);
        draws.ready = true;
      }
      return draws.d.words[x][i - draws.base];
    };
    if (f & kAway) {
      if (arr[i] == tick) {
        f &= uint8_t(~kAway);
        const double infected = (f & kHubei) ? std::min(1.0, p.hubei_infected * k.hubei_prevalence) : migrant_infected;
        if (unit(word(0)) < infected) {
          s = kE;
          f |= kImported;
          ++t[kNewInfections];
          ++t[kInfectedIn0 + int(kOnArrival)];
        }
        // Identified: always at full strength of both mechanisms (no draw is read then).
        if ((f & kRisk) && int32_t(tick) >= return_from && (identified >= 1.0 || unit(word(1)) < identified)) {
          q = uint16_t(tick + p.quarantine_days);
          ++t[kNewQuarantined];
        }
      }
    } else {
      const bool quarantined = q > tick;
      switch (s) {
        case kS: {
          double home = 0;
          if (near_infectious) {  // otherwise every member adds 0
            for (uint32_t j = i; j-- > k.begin && hh[j] == hh[i];) home += infectiousness(ds[j], fl[j], r.asym);
            for (uint32_t j = i + 1; j < k.end && hh[j] == hh[i]; ++j) home += infectiousness(ds[j], fl[j], r.asym);
          }
          const double out = z.county_contact[c] * (quarantined ? r.q_out : 1.0);
          const double l_home = p.beta_household * home, l_comm = out * z.comm_force[comm];
          // lambda keeps its earlier expression (and so its rounding): the runs stay bit-identical.
          double lambda = l_home + out * (z.comm_force[comm] + p.beta_travel * z.travel_pressure[c]);
          const uint32_t fi = fm[i];
          // A firm without infectious workers adds +0 (left out: one random read instead of three).
          double l_work = 0;
          if (fi != kNoFirm && !quarantined && z.firm_inf[fi] > 0 && z.firm_state[fi] == kOpen && z.firm_present[fi] > 0) {
            l_work = z.county_contact[c] * p.beta_work * z.firm_inf[fi] / z.firm_present[fi];
            lambda += l_work;
          }
          // u in [0, 1): no draw can infect unless lambda > 0. 1 - exp(-lambda) <= lambda: a draw at or
          // above lambda never infects, so the exponential is only evaluated for the few draws below it
          // (the same outcome, most of the cost saved).
          if (lambda > 0) {
            const double u = unit(word(0));
            if (u < lambda && u < 1.0 - std::exp(-lambda)) {
              s = kE;
              ++t[kNewInfections];
              // The setting, in proportion to its hazard: word 1 is not read for a susceptible
              // resident otherwise, so attributing changes no outcome.
              const double v = unit(word(1)) * lambda;
              const int at = v < l_home                   ? kAtHome
                             : v < l_home + l_work          ? kAtWork
                             : v < l_home + l_work + l_comm ? kInCommunity
                                                            : kByTravel;
              ++t[kInfectedIn0 + at];
            }
          }
          break;
        }
        case kE:
          if (unit(word(0)) < r.to_infectious) s = unit(word(1)) < r.asym_share ? kA : kP;
          break;
        case kP:
          if (unit(word(0)) < r.to_symptoms) s = kY;
          break;
        case kY:
          if (unit(word(0)) < r.sym_end) s = kR;
          break;
        case kA:
          if (unit(word(0)) < r.asym_end) s = kR;
          break;
        default: break;
      }
      // Detection: by symptoms (care-seeking, self and community reporting), or by testing in quarantine.
      const uint8_t was = ds[i];
      if (!(f & kConfirmed) && (was == kP || was == kY || was == kA)) {
        double pd = was == kY ? r.detect_sym : 0.0;
        if (quarantined) pd = std::max(pd, r.detect_q);
        if (pd > 0 && unit(word(2)) < pd) {
          f |= kConfirmed;
          q = 0;
          ++t[kNewCases];
          if (f & kImported) ++t[kNewImportedCases];
          if (std::atomic_ref<uint8_t>(z.hh_cases[hh[i]]).fetch_add(1, std::memory_order_relaxed) == 1) ++t[kNewClusters];
          std::atomic_ref<uint16_t>(hh_mark[hh[i]]).store(mark, std::memory_order_relaxed);
          if (fm[i] != kNoFirm) {
            if (std::atomic_ref<uint16_t>(z.firm_cases[fm[i]]).fetch_add(1, std::memory_order_relaxed) == 1)
              ++t[kNewClusters];
            std::atomic_ref<uint16_t>(firm_mark[fm[i]]).store(mark, std::memory_order_relaxed);
          }
        }
      }
      // Quarantine: data matching / community reporting of Hubei links, tracing of yesterday's cases.
      if (!(f & kConfirmed) && !quarantined) {
        double stay_free = 1.0;
        const bool unfound = (f & (kHubei | kFound)) == kHubei;
        if (unfound) stay_free *= 1.0 - r.find;
        if (traced_yesterday) {
          if (hh_prev[hh[i]] == tick) stay_free *= 1.0 - r.trace_hh;
          if (fm[i] != kNoFirm && firm_prev[fm[i]] == tick) stay_free *= 1.0 - work_trace_share(z, r, fm[i]);
        }
        if (stay_free < 1.0 && unit(word(3)) >= stay_free) {
          q = uint16_t(tick + p.quarantine_days);
          if (unfound) f |= kFound;
          ++t[kNewQuarantined];
        }
      }
    }
    if (q > tick) ++t[kQuarantined];  // quarantined on this day
    if (f & kAway) ++t[kAwayNow];
    ++t[int(kDisease0) + s];
    nds[i] = s;
    nfl[i] = f;
    nqu[i] = q;
  };

  // Yesterday's marks (tick) exist in a county's households and firms (both county-local) only if
  // it confirmed a case yesterday: z.tallies still holds yesterday's rows here.
  std::vector<uint8_t> traced_yesterday(nc);
  for (size_t c = 0; c < nc; ++c) traced_yesterday[c] = tick > 0 && z.tallies[c][kNewCases] > 0;

  // Residents [b, e) of county c, in order.
  auto run = [&](uint32_t c, uint32_t b0, uint32_t e0, TallyRow& acc) {
    const County& k = z.counties[c];
    uint32_t comm = k.comm_begin + (b0 - k.begin) / csize;
    uint32_t in_comm = (b0 - k.begin) % csize;
    // nxt: the first infectious resident at or after i - (kMaxHousehold - 1) (or hi_lim if none
    // before it); a household member of i is within kMaxHousehold - 1 of i.
    constexpr uint32_t M = kMaxHousehold;
    const uint32_t hi_lim = std::min(k.end, e0 + M);
    uint32_t nxt = b0 - std::min(b0 - k.begin, M);
    auto advance = [&](uint32_t from) {
      nxt = std::max(nxt, from);
      while (nxt < hi_lim && uint8_t(ds[nxt] - kP) >= 3) ++nxt;
    };
    advance(nxt);
    BlockDraws draws;
    for (uint32_t b = b0; b < e0; b += 8) {
      draws.base = b;
      draws.ready = false;
      const uint32_t e = std::min(b + 8, e0);
      for (uint32_t i = b; i < e; ++i) {
        if (nxt + M <= i) advance(i + 1 - M);
        const bool near = nxt < hi_lim && nxt < i + M;
        transition(i, c, comm, near, traced_yesterday[c] != 0, draws, acc);
        if (++in_comm == csize) {
          in_comm = 0;
          ++comm;
        }
      }
    }
  };

  // One parallel loop over all residents (one fork-join a day, not one per county): a task's range
  // is cut at county boundaries, each thread adds into its own row per county, and the rows are
  // summed after the loop (integer counts: exact in any order, so independent of the threads).
  const uint8_t* cty = z.county->cur().data();
  tbb::enumerable_thread_specific<std::vector<TallyRow>> rows([nc] { return std::vector<TallyRow>(nc, TallyRow{}); });
  tbb::parallel_for(tbb::blocked_range<uint32_t>(0, z.n, kAgentGrain), [&](const tbb::blocked_range<uint32_t>& range) {
    std::vector<TallyRow>& mine = rows.local();
    for (uint32_t b = range.begin(); b < range.end();) {
      const uint32_t c = cty[b];
      const uint32_t e = std::min(range.end(), z.counties[c].end);
      run(c, b, e, mine[c]);
      b = e;
    }
  });
  for (size_t c = 0; c < nc; ++c) z.tallies[c] = TallyRow{};
  for (const std::vector<TallyRow>& part : rows)
    for (size_t c = 0; c < nc; ++c)
      for (int x = 0; x < kNumTallies; ++x) z.tallies[c][x] += part[c][x];
}

}  // namespace govsim::zhejiang
