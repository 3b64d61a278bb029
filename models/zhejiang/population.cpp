// Residents placed by county from the 2020 census (scenarios/data/zhejiang/counties.csv) at
// population.scale: households (sizes from the county's mean household size), communities
// (consecutive blocks of zhejiang.community_size), workplaces by sector (the county's employment
// rate and sector shares, firm sizes by sector), the Hubei-linked residents (seed 001's 300,000:
// the cities' published counts, hubei_linked.hpp, and the rest by census residents; Wenzhou's
// infected share raised by zhejiang.hubei.wenzhou_prevalence_factor)
// and the workers away for the Spring Festival. Every draw is counter-based on the setup tick, so
// the population depends only on the seed and the scenario: the run's seed, or
// zhejiang.population_seed, which fixes it across runs so that a process builds it once and copies
// it for its later runs (population_cache.hpp).
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "models/zhejiang/firm_sizes.hpp"
#include "models/zhejiang/hubei_linked.hpp"
#include "models/zhejiang/population_cache.hpp"
#include "models/zhejiang/world_state.hpp"
#include "sim/model/more_runs.hpp"
#include "sim/model/parallel.hpp"
#include "sim/network/community_graph.hpp"
#include "sim/rng/counter_rng_batch.hpp"
#include "sim/scenario/scenario.hpp"

namespace govsim::zhejiang {
namespace {

constexpr double kWenzhou = 330300;  // Wenzhou's prefecture code (parent_code)

uint16_t tick_between(Date start, Date a, Date b, double u) {
  const int32_t span = b - a + 1;
  const Date d = a + std::min<int32_t>(span - 1, int32_t(u * span));
  const int32_t t = d - start;
  return uint16_t(std::clamp<int32_t>(t, 0, 65535));
}

// County attributes from the table, or, without one (govsim outputs builds a tiny world), one
// pseudo-county with round values of the order of Zhejiang's (assumption: not used by any scenario).
struct Attributes {
  const RegionTable* t;
  size_t size() const { return t ? t->size() : 1; }
  double get(const std::string& col, size_t c, double fallback) const {
    return t && t->has_numeric(col) ? t->numeric(col)[c] : fallback;
  }
  double population(size_t c, uint32_t n) const { return t ? t->regions()[c].population : double(n); }
  std::vector<std::pair<uint32_t, double>> neighbours(size_t c) const {
    return t ? t->neighbours(uint32_t(c)) : std::vector<std::pair<uint32_t, double>>{};
  }
};

// What the residents' build reads beyond z (its counties' ranges and firm offsets, z.p, z.scale):
// the draws, the calendar and the county attributes.
struct ResidentInputs {
  CounterRng rng;
  Date start;
  std::vector<double> hh_mean, emp_rate, linked;
  std::vector<std::array<double, kNumSectors>> share;
};

// Every value build_residents reads, byte for byte: a population built from an equal key is the same.
PopulationKey population_key(const ResidentInputs& in, const ZjWorld& z) {
  const ZhejiangParams& p = z.p;
  PopulationKey key;
  key.add(in.rng.seed()).add(in.rng.run()).add(in.start).add(z.n).add(z.scale).add(z.num_firms);
  key.add(p.migrants_away).add(p.migrant_risk_share).add(p.migrants_return_from).add(p.migrants_return_until);
  key.add(p.hubei_before_closure).add(p.hubei_arrivals_from).add(p.hubei_closure).add(p.hubei_arrivals_until);
  key.add(p.firm_size_distribution == "zipf");
  for (size_t c = 0; c < z.counties.size(); ++c) {
    const County& k = z.counties[c];
    key.add(k.begin).add(k.end).add(k.firm_offset);
    key.add(in.hh_mean[c]).add(in.emp_rate[c]).add(in.linked[c]).add(in.share[c]);
  }
  return key;
}

// Households, every resident's county, workplace, Hubei link and absence, the firms' workers and
// their permanent ranks. Reads only what population_key covers.
void build_residents(const ResidentInputs& in, ZjWorld& z) {
  const CounterRng& rng = in.rng;
  const ZhejiangParams& p = z.p;
  const size_t nc = z.counties.size();
  const uint32_t firms = z.num_firms;
  const std::vector<double>&hh_mean = in.hh_mean, &emp_rate = in.emp_rate, &linked = in.linked;
  const auto& share = in.share;
  auto tick_at = [&in](Date a, Date b, double u) { return tick_between(in.start, a, b, u); };
  z.firm_rank.assign(firms, 0);
  tbb::parallel_for(uint32_t{0}, firms,
                    [&](uint32_t f) { z.firm_rank[f] = float(rng.uniform(kNetworkSetupTick, f, kFirmSetup)); });
  uint32_t* hh = z.household->cur().data();
  uint32_t* fm = z.firm->cur().data();
  uint16_t* arr = z.arrival->cur().data();
  uint8_t* cty = z.county->cur().data();
  uint8_t* fl = z.flags->cur().data();
  // Households county by county (sequential inside a county, parallel across), then global ids.
  std::vector<uint32_t> hh_count(nc, 0);
  tbb::parallel_for(size_t{0}, nc, [&](size_t c) {
    const County& k = z.counties[c];
    uint32_t h = 0;
    for (uint32_t i = k.begin; i < k.end;) {
      const double u = rng.uniform(kNetworkSetupTick, i, kSetupPlace);
      const uint32_t size = std::min({1 + CounterRng::poisson_inversion(std::max(0.0, hh_mean[c] - 1.0), u),
                                      kMaxHousehold, k.end - i});
      for (uint32_t a = i; a < i + size; ++a) hh[a] = h;
      i += size;
      ++h;
    }
    hh_count[c] = h;
  });
  std::vector<uint32_t> hh_base(nc + 1, 0);
  for (size_t c = 0; c < nc; ++c) hh_base[c + 1] = hh_base[c] + hh_count[c];
  z.num_households = hh_base[nc];
  // Every resident: county, household id, work, Hubei link, away.
  const bool zipf = p.firm_size_distribution == "zipf";
  tbb::parallel_for(size_t{0}, nc, [&](size_t c) {
    const County& k = z.counties[c];
    const double pop = double(k.end - k.begin);
    const double h_share = pop > 0 ? std::min(1.0, linked[c] * z.scale / pop) : 0.0;
    std::array<double, kNumSectors> cum{};
    double acc = 0;
    for (int s = 0; s < kNumSectors; ++s) cum[s] = acc += share[c][s];
    parallel_for_blocks(k.end - k.begin, [&](uint32_t b, uint32_t e) {
      // The two draws of each resident, made eight residents at a time (draw4x8: the same words as
      // draw4 for each resident id, so the population is unchanged).
      Draw8 work8, travel8;
      uint32_t base = k.begin + b;
      for (uint32_t i = k.begin + b; i < k.begin + e; ++i) {
        if (i == k.begin + b || i - base == 8) {
          base = i;
          draw4x8(rng, kNetworkSetupTick, base, kSetupWork, work8);
          draw4x8(rng, kNetworkSetupTick, base, kSetupTravel, travel8);
        }
        const uint32_t l = i - base;
        hh[i] += hh_base[c];
        cty[i] = uint8_t(c);
        fm[i] = kNoFirm;
        arr[i] = 0;
        uint8_t f = 0;
        const std::array<uint32_t, 4> d = {work8.words[0][l], work8.words[1][l], work8.words[2][l], work8.words[3][l]};
        if (unit(d[0]) < emp_rate[c] && acc > 0) {
          const double x = unit(d[1]) * acc;
          int s = 0;
          while (s + 1 < kNumSectors && x >= cum[s]) ++s;
          const uint32_t fb = k.firm_offset[s], fe = k.firm_offset[s + 1];
          if (fe > fb) {
            fm[i] = fb + firm_index(fe - fb, unit(d[2]), zipf);
            f |= kEmployed;
          }
          if ((f & kEmployed) && unit(d[3]) < p.migrants_away) {
            const auto r = rng.uniform2(kNetworkSetupTick, i, kSetupAway);
            f |= kAway;
            if (r[1] < p.migrant_risk_share) f |= kRisk;
            arr[i] = tick_at(p.migrants_return_from, p.migrants_return_until, r[0]);
          }
        }
        const std::array<uint32_t, 4> h = {travel8.words[0][l], travel8.words[1][l], travel8.words[2][l],
                                           travel8.words[3][l]};
        if (unit(h[0]) < h_share) {
          f = uint8_t((f & ~kRisk) | kHubei | kAway);
          arr[i] = unit(h[1]) < p.hubei_before_closure
                       ? tick_at(p.hubei_arrivals_from, p.hubei_closure, unit(h[2]))
                       : tick_at(p.hubei_closure + 1, p.hubei_arrivals_until, unit(h[2]));
        }
        fl[i] = f;
      }
    });
  });
  // Workers of each firm (CSR, in resident id order).
  z.worker_begin.assign(size_t(firms) + 1, 0);
  for (uint32_t i = 0; i < z.n; ++i)
    if (fm[i] != kNoFirm) ++z.worker_begin[fm[i] + 1];
  for (uint32_t f = 0; f < firms; ++f) z.worker_begin[f + 1] += z.worker_begin[f];
  z.workers.assign(z.worker_begin[firms], 0);
  std::vector<uint32_t> fill(z.worker_begin.begin(), z.worker_begin.end() - 1);
  for (uint32_t i = 0; i < z.n; ++i)
    if (fm[i] != kNoFirm) z.workers[fill[fm[i]]++] = i;
}


template <class T>
std::vector<T> copy_of(const Column<T>* c) {
  const auto v = c->cur();
  return {v.begin(), v.end()};
}

template <class T>
void copy_into(const std::vector<T>& from, Column<T>* c) {
  std::copy(from.begin(), from.end(), c->cur().begin());
}

BuiltResidents snapshot_residents(const ZjWorld& z) {
  return {copy_of(z.household), copy_of(z.firm), copy_of(z.arrival), copy_of(z.county), copy_of(z.flags),
          z.num_households,     z.worker_begin,  z.workers,          z.firm_rank};
}

void restore_residents(const BuiltResidents& b, ZjWorld& z) {
  copy_into(b.household, z.household);
  copy_into(b.firm, z.firm);
  copy_into(b.arrival, z.arrival);
  copy_into(b.county, z.county);
  copy_into(b.flags, z.flags);
  z.num_households = b.num_households;
  z.worker_begin = b.worker_begin;
  z.workers = b.workers;
  z.firm_rank = b.firm_rank;
}

}  // namespace

void build_population(World& w, ZjWorld& z) {
  const Attributes t{w.regions()};
  const ZhejiangParams& p = z.p;
  const std::vector<uint32_t>& off = w.layout().region_offset;
  const size_t nc = t.size();
  z.counties.assign(nc, {});
  // Cities in order of first appearance, from parent_code.
  std::vector<double> parent(nc), city_code;
  for (size_t c = 0; c < nc; ++c) {
    parent[c] = t.get("parent_code", c, 0);
    auto it = std::find(city_code.begin(), city_code.end(), parent[c]);
    z.counties[c].city = uint32_t(it - city_code.begin());
    if (it == city_code.end()) city_code.push_back(parent[c]);
  }
  z.city_codes.clear();
  for (double c : city_code) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", c);
    z.city_codes.emplace_back(buf);
  }
  // Hubei-linked residents by county (full-scale counts): a listed city's published count and the
  // rest of the province total, each spread by census residents.
  std::vector<double> city_linked(city_code.size(), -1.0);
  if (!p.hubei_linked_by_city.empty())
    city_linked = load_hubei_linked(scenario_data_path(w.params(), "zhejiang.hubei.linked_by_city"), z.city_codes,
                                    p.hubei_linked);
  std::vector<double> city_pop(city_code.size(), 0.0);
  double listed = 0, unlisted_pop = 0;
  for (size_t c = 0; c < nc; ++c) city_pop[z.counties[c].city] += t.population(c, z.n);
  for (size_t k = 0; k < city_code.size(); ++k) {
    if (city_linked[k] >= 0) listed += city_linked[k];
    else unlisted_pop += city_pop[k];
  }
  std::vector<double> linked(nc, 0.0);
  for (size_t c = 0; c < nc; ++c) {
    const uint32_t k = z.counties[c].city;
    const double pop = t.population(c, z.n);
    if (city_linked[k] >= 0) linked[c] = city_pop[k] > 0 ? city_linked[k] * pop / city_pop[k] : 0.0;
    else linked[c] = unlisted_pop > 0 ? (p.hubei_linked - listed) * pop / unlisted_pop : 0.0;
    z.counties[c].hubei_prevalence = parent[c] == kWenzhou ? p.wenzhou_prevalence_factor : 1.0;
  }
  std::vector<double> hh_mean(nc), emp_rate(nc);
  std::vector<std::array<double, kNumSectors>> share(nc);
  for (size_t c = 0; c < nc; ++c) {
    hh_mean[c] = t.get("mean_household_size", c, 2.5);
    emp_rate[c] = t.get("employment_rate", c, 0.6);
    for (int s = 0; s < kNumSectors; ++s) {
      std::string col = "employed_share_";
      col += kSectorNames[s];
      share[c][s] = t.get(col, c, 1.0 / kNumSectors);
    }
  }
  // Communities and firms: ids in county order.
  const uint32_t csize = uint32_t(p.community_size);
  z.comm_begin.clear();
  z.neighbours.clear();
  uint32_t firms = 0;
  for (size_t c = 0; c < nc; ++c) {
    County& k = z.counties[c];
    k.begin = off[c];
    k.end = off[c + 1];
    k.comm_begin = uint32_t(z.comm_begin.size());
    for (uint32_t b = k.begin; b < k.end; b += csize) z.comm_begin.push_back(b);
    k.comm_end = uint32_t(z.comm_begin.size());
    for (int s = 0; s < kNumSectors; ++s) {
      k.firm_offset[s] = firms;
      const double workers = (k.end - k.begin) * emp_rate[c] * share[c][s];
      if (workers > 0) firms += std::max<uint32_t>(1, uint32_t(std::lround(workers / p.firm_size[s])));
    }
    k.firm_offset[kNumSectors] = firms;
    z.neighbours.push_back(t.neighbours(c));
    for (const auto& [nb, wt] : z.neighbours.back()) k.travel_weight_sum += wt;
  }
  z.num_communities = uint32_t(z.comm_begin.size());
  z.comm_begin.push_back(z.n);
  z.num_firms = firms;
  z.firm_county.assign(firms, 0);
  z.firm_sector.assign(firms, 0);
  for (size_t c = 0; c < nc; ++c)
    for (int s = 0; s < kNumSectors; ++s)
      for (uint32_t f = z.counties[c].firm_offset[s]; f < z.counties[c].firm_offset[s + 1]; ++f) {
        z.firm_county[f] = uint8_t(c);
        z.firm_sector[f] = uint8_t(s);
      }

  // The residents: copied from this process's cache when the population is fixed across runs and
  // was built before with the same inputs, else built (and kept for the next run).
  ResidentInputs in{p.population_seed ? CounterRng(uint64_t(p.population_seed), 0) : w.rng(), w.calendar().start(),
                    std::move(hh_mean), std::move(emp_rate), std::move(linked), std::move(share)};
  if (p.population_seed == 0) {
    build_residents(in, z);
  } else {
    const PopulationKey key = population_key(in, z);
    if (auto kept = find_population(key)) {
      restore_residents(*kept, z);
    } else {
      build_residents(in, z);
      // The copy costs a full-scale run about 3 s and 1 GB: kept only for runs that will read it.
      if (more_runs_follow()) keep_population(key, std::make_shared<const BuiltResidents>(snapshot_residents(z)));
    }
  }
  rank_firms(z);
}

}  // namespace govsim::zhejiang
