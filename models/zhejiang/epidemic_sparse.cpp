// The epidemic's day in the sparse scheme (zhejiang.epidemic.scheme = "sparse"; docs/zhejiang_model.md,
// "Sparse scheme"): the same model as epidemic_pass.cpp, but a day costs in proportion to the
// residents something can happen to, not to the population. Only ~1000 of 64.6 M residents are ever
// infected, so the dense scheme's visit of every resident every day is almost all copying.
//
// Infection. A present susceptible resident's hazard is a sum of independent terms (household,
// workplace, community, travel); with Poisson hazards P(infected) = 1 - exp(-sum) = P(infected by at
// least one term), so each term is drawn as its own channel and the union is taken:
// - household: members of households with an infectious member (per-member draws);
// - workplace: workers of open firms with infectious present workers, by geometric skipping over the
//   firm's workers at the firm's probability (a large firm costs its infections, not its size);
// - community: residents of communities with an infectious resident, by geometric skipping at the
//   community's probability (only the selected residents are visited), thinned for quarantined ones;
// - travel: the county term beta_travel x travel_pressure x contact, by geometric skipping over the
//   county's residents (exactly a Binomial(residents, p) count of uniformly chosen residents),
//   rejecting those not present and susceptible and thinning quarantined ones by q_out.
// Everything else runs from lists: the infected (progression, detection), arrivals by arrival day,
// quarantine ends by day, unfound Hubei-linked residents (data matching), members of households and
// firms with a case confirmed yesterday (tracing; co-workers reached by skipping). The county tallies and firm_present (workers
// present per firm) are kept up to date by the changes.
//
// Determinism: the day runs on one thread (its work is small) over sorted lists, and every draw is
// counter-based on (tick, resident or group, stream), so results do not depend on the thread count.
// The three state columns are single-buffered in this scheme: every change is decided from
// yesterday's state (group sums first, infection channels before any change) and then written in
// place. The lists are rebuilt from the columns after set-up and after a restore (`rebuild`), so a
// restored run continues exactly.
#include <algorithm>
#include <cmath>

#include "models/zhejiang/world_state.hpp"

namespace govsim::zhejiang {
namespace {

using Sparse = ZjWorld::Sparse;

// Present for work on day T (firms_pass.cpp reads the count): not away, not isolated (confirmed and
// not yet removed), not quarantined.
inline bool at_work(uint8_t s, uint8_t f, uint16_t q, uint32_t T) {
  return !(f & kAway) && !((f & kConfirmed) && s != kR) && !(q > T);
}

inline bool infected_state(uint8_t s) { return s == kE || s == kP || s == kY || s == kA; }

inline double draw(const CounterRng& rng, uint32_t tick, uint32_t i, uint32_t stream) {
  const auto w = rng.draw4(tick, i, stream);
  return CounterRng::to_unit(w[0], w[1]);
}

// Uniforms in [0, 1) for one chunk of at most 2^16 residents starting at `first`, on one day: block b
// of two uniforms is the draw of (tick | b << 16, first, stream). A chunk needs at most one uniform
// per resident plus one, so b < 2^15 < 2^16 and no counter repeats (ticks are below 2^16).
class ChunkSequence {
 public:
  ChunkSequence(const CounterRng& rng, uint32_t tick, uint32_t first, uint32_t stream)
      : rng_(rng), tick_(tick), first_(first), stream_(stream) {}
  double next() {
    if (k_ == 2) {
      w_ = rng_.draw4(tick_ | (b_++ << 16), first_, stream_);
      k_ = 0;
    }
    const double u = CounterRng::to_unit(w_[2 * k_], w_[2 * k_ + 1]);
    ++k_;
    return u;
  }

 private:
  const CounterRng& rng_;
  uint32_t tick_, first_, stream_, b_ = 0;
  int k_ = 2;
  std::array<uint32_t, 4> w_{};
};

// Calls `hit(j)` for each resident j of [b, e) selected independently with probability p, visiting
// only the selected ones: the gaps between them are geometric (failures before a success).
template <class Hit>
void skip_sample(const CounterRng& rng, uint32_t tick, uint32_t b, uint32_t e, double p, uint32_t stream, Hit&& hit) {
  if (!(p > 0)) return;
  const double log_q = std::log1p(-std::min(p, 1.0));  // -inf if p = 1: every gap is 0
  constexpr uint32_t kChunk = 1u << 16;
  for (uint32_t c0 = b; c0 < e; c0 = c0 + std::min(kChunk, e - c0)) {
    const uint32_t c1 = c0 + std::min(kChunk, e - c0);
    ChunkSequence seq(rng, tick, c0, stream);
    uint64_t j = c0;
    for (;;) {
      const double gap = p >= 1.0 ? 0.0 : std::floor(std::log1p(-seq.next()) / log_q);
      if (!(gap < double(c1 - j))) break;  // also stops on NaN
      j += uint64_t(gap);
      hit(uint32_t(j));
      ++j;
    }
  }
}

// The lists, firm_present and the scratch arrays from the columns and the tracing marks, for the
// day `tick` (the columns hold the state at the end of tick - 1).
void rebuild(ZjWorld& z, uint32_t tick, uint32_t num_ticks) {
  Sparse& sp = z.sp;
  const uint8_t* ds = z.disease->cur().data();
  const uint8_t* fl = z.flags->cur().data();
  const uint16_t* qu = z.quarantine->cur().data();
  const uint32_t* hh = z.household->cur().data();
  const uint32_t* fm = z.firm->cur().data();
  const uint16_t* arr = z.arrival->cur().data();
  sp.active.clear();
  sp.unfound.clear();
  sp.arrivals.assign(num_ticks, {});
  sp.q_ends.assign(size_t(num_ticks) + size_t(z.p.quarantine_days) + 1, {});
  sp.present_delta.clear();
  for (int k = 0; k < 2; ++k) {
    sp.traced_hh[k].clear();
    sp.traced_firm[k].clear();
  }
  z.firm_present.assign(z.num_firms, 0);
  z.firm_inf.assign(z.num_firms, 0.f);
  z.comm_inf.assign(z.num_communities, 0.f);
  sp.touched_firm.clear();
  sp.touched_comm.clear();
  const uint32_t T = tick ? tick - 1 : 0;  // firm_present as at the end of yesterday
  const std::vector<uint16_t>& hh_prev = z.hh_traced[(tick + 1) % 2];
  for (uint32_t i = 0; i < z.n; ++i) {
    const uint8_t f = fl[i];
    if (f & kAway) {
      if (arr[i] >= tick && arr[i] < num_ticks) sp.arrivals[arr[i]].push_back(i);
      continue;
    }
    if (infected_state(ds[i])) sp.active.push_back(i);
    if ((f & (kHubei | kFound | kConfirmed)) == kHubei) sp.unfound.push_back(i);
    if (qu[i] > 0 && qu[i] >= tick) {
      if (qu[i] >= sp.q_ends.size()) sp.q_ends.resize(size_t(qu[i]) + 1);
      sp.q_ends[qu[i]].push_back(i);
    }
    if (fm[i] != kNoFirm && at_work(ds[i], f, qu[i], T)) ++z.firm_present[fm[i]];
    if (tick > 0 && hh_prev[hh[i]] == tick) sp.traced_hh[(tick + 1) % 2].push_back(i);
  }
  if (tick > 0)
    for (uint32_t f = 0; f < z.num_firms; ++f)
      if (z.firm_traced[(tick + 1) % 2][f] == tick) sp.traced_firm[(tick + 1) % 2].push_back(f);
  sp.rebuild = false;
}

// Resident ids [b, e) of i's household: consecutive ids inside i's county.
std::pair<uint32_t, uint32_t> household_of(const ZjWorld& z, uint32_t i) {
  const uint32_t* hh = z.household->cur().data();
  const County& k = z.counties[z.county->cur()[i]];
  uint32_t b = i, e = i + 1;
  while (b > k.begin && hh[b - 1] == hh[i]) --b;
  while (e < k.end && hh[e] == hh[i]) ++e;
  return {b, e};
}

void sort_unique(std::vector<uint32_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

void epidemic_day_sparse(World& w, ZjWorld& z, uint32_t tick) {
  const ZhejiangParams& p = z.p;
  const double migrant_infected = migrant_infected_on(z, tick);
  const double identified = arrival_identified(p);
  const CounterRng& rng = w.rng();
  Sparse& sp = z.sp;
  if (sp.rebuild) rebuild(z, tick, uint32_t(w.calendar().num_ticks()));
  uint8_t* ds = z.disease->cur().data();
  uint8_t* fl = z.flags->cur().data();
  uint16_t* qu = z.quarantine->cur().data();
  const uint32_t* hh = z.household->cur().data();
  const uint32_t* fm = z.firm->cur().data();
  const uint8_t* cty = z.county->cur().data();
  const DayRates r = day_rates(p);
  const int32_t return_from = p.migrants_return_from - w.calendar().start();
  const size_t nc = z.counties.size();
  const uint32_t csize = uint32_t(p.community_size);
  const uint16_t qend = uint16_t(tick + p.quarantine_days);
  if (qend >= sp.q_ends.size()) sp.q_ends.resize(size_t(qend) + 1);
  auto dis = [](int s) { return int(kDisease0) + s; };
  for (TallyRow& t : z.tallies) {
    for (int x : {kNewInfections, kNewCases, kNewImportedCases, kNewClusters, kNewQuarantined, kWorkersPresent}) t[x] = 0;
    for (int x = 0; x < kNumSettings; ++x) t[kInfectedIn0 + x] = 0;
  }
  // A worker's presence changed from `before` to `after` (as on day `tick`): firm_present follows the
  // next day, after today's firms have read it.
  auto presence = [&](uint32_t i, bool before, bool after) {
    if (fm[i] != kNoFirm && before != after) sp.present_delta.push_back({fm[i], after ? 1 : -1});
  };

  // 1. firm_present for today: yesterday's changes, then the quarantines that end today.
  for (const auto& [f, d] : sp.present_delta) z.firm_present[f] = uint32_t(int64_t(z.firm_present[f]) + d);
  sp.present_delta.clear();
  if (tick < sp.q_ends.size()) {
    for (uint32_t i : sp.q_ends[tick]) {
      if (qu[i] != tick) continue;  // ended early by a confirmation
      --z.tallies[cty[i]][kQuarantined];
      if (fm[i] != kNoFirm && at_work(ds[i], fl[i], qu[i], tick)) ++z.firm_present[fm[i]];
    }
    std::vector<uint32_t>().swap(sp.q_ends[tick]);
  }

  // 2. Infectiousness by household, community, firm and county from yesterday's state.
  for (uint32_t c : sp.touched_comm) z.comm_inf[c] = 0.f;
  for (uint32_t f : sp.touched_firm) z.firm_inf[f] = 0.f;
  sp.touched_comm.clear();
  sp.touched_firm.clear();
  sp.hh_inf.clear();
  sp.county_inf.assign(nc, 0.0);
  for (uint32_t i : sp.active) {
    const float wgt = infectiousness(ds[i], fl[i], r.asym);
    if (wgt == 0.f) continue;
    const bool quarantined = qu[i] > tick;
    const uint32_t c = cty[i];
    const County& k = z.counties[c];
    // Members of a household are consecutive ids, so its infectious members are adjacent here.
    if (!sp.hh_inf.empty() && hh[sp.hh_inf.back().first] == hh[i]) sp.hh_inf.back().second += wgt;
    else sp.hh_inf.push_back({i, wgt});
    const float out = wgt * (quarantined ? float(r.q_out) : 1.f);
    const uint32_t comm = k.comm_begin + (i - k.begin) / csize;
    z.comm_inf[comm] += out;
    sp.touched_comm.push_back(comm);
    sp.county_inf[c] += out;
    if (fm[i] != kNoFirm && !quarantined) {
      z.firm_inf[fm[i]] += wgt;
      sp.touched_firm.push_back(fm[i]);
    }
  }
  sort_unique(sp.touched_comm);
  sort_unique(sp.touched_firm);
  z.county_inf_share.assign(nc, 0.0);
  for (size_t c = 0; c < nc; ++c) {
    const uint32_t pop = z.counties[c].end - z.counties[c].begin;
    z.county_inf_share[c] = pop ? sp.county_inf[c] / pop : 0.0;
  }
  travel_pressure_from_shares(z);

  // 3. Infection channels, all on yesterday's state; the union is applied in step 6.
  sp.infected.clear();
  auto susceptible = [&](uint32_t j) { return ds[j] == kS && !(fl[j] & kAway); };
  // Community and travel: q_out thins quarantined residents (their contacts outside the household).
  // A hit is kept with its setting in the low bits: sorting keeps a resident's hits together, the
  // first (lowest setting) is the one counted.
  auto infect = [&](uint32_t j, int at) { sp.infected.push_back(uint64_t(j) << 3 | uint64_t(at)); };
  auto out_channel = [&](uint32_t b, uint32_t e, double lambda, uint32_t stream, uint32_t thin_stream, int at) {
    if (!(lambda > 0)) return;
    const double p_free = -std::expm1(-lambda);
    const double keep_q = -std::expm1(-lambda * r.q_out) / p_free;
    skip_sample(rng, tick, b, e, p_free, stream, [&](uint32_t j) {
      if (!susceptible(j)) return;
      if (qu[j] > tick && !(draw(rng, tick, j, thin_stream) < keep_q)) return;
      infect(j, at);
    });
  };
  for (const auto& [i0, inf] : sp.hh_inf) {
    const double pr = -std::expm1(-p.beta_household * double(inf));
    if (!(pr > 0)) continue;
    const auto [b, e] = household_of(z, i0);
    for (uint32_t j = b; j < e; ++j)
      if (susceptible(j) && draw(rng, tick, j, kSparseHome) < pr) infect(j, kAtHome);
  }
  for (uint32_t f : sp.touched_firm) {
    if (!(z.firm_inf[f] > 0) || z.firm_state[f] != kOpen || z.firm_present[f] == 0) continue;
    const double lambda = z.county_contact[z.firm_county[f]] * p.beta_work * z.firm_inf[f] / z.firm_present[f];
    const double pr = -std::expm1(-lambda);
    // Every co-worker is drawn with pr and kept if susceptible and free: by geometric skipping over
    // the firm's workers, so a firm costs its infections, not its size (Zipf firms reach thousands).
    skip_sample(rng, tick, z.worker_begin[f], z.worker_begin[f + 1], pr, kSparseWorkSkip, [&](uint32_t k) {
      const uint32_t j = z.workers[k];
      if (susceptible(j) && !(qu[j] > tick)) infect(j, kAtWork);
    });
  }
  for (uint32_t comm : sp.touched_comm) {
    const uint32_t b = z.comm_begin[comm], e = z.comm_begin[comm + 1];
    const double force = p.beta_community * z.comm_inf[comm] / (e - b);
    out_channel(b, e, z.county_contact[cty[b]] * force, kSparseComm, kSparseCommThin, kInCommunity);
  }
  for (size_t c = 0; c < nc; ++c)
    out_channel(z.counties[c].begin, z.counties[c].end, z.county_contact[c] * p.beta_travel * z.travel_pressure[c],
                kSparseTravel, kSparseTravelThin, kByTravel);
  std::sort(sp.infected.begin(), sp.infected.end());
  sp.infected.erase(std::unique(sp.infected.begin(), sp.infected.end(), [](uint64_t a, uint64_t b) { return a >> 3 == b >> 3; }),
                    sp.infected.end());

  // 4. Progression and detection of yesterday's infected.
  std::vector<uint16_t>& hh_mark = z.hh_traced[tick % 2];
  std::vector<uint16_t>& firm_mark = z.firm_traced[tick % 2];
  const std::vector<uint16_t>& hh_prev = z.hh_traced[(tick + 1) % 2];
  std::vector<uint32_t>& traced_hh_today = sp.traced_hh[tick % 2];
  std::vector<uint32_t>& traced_firm_today = sp.traced_firm[tick % 2];
  traced_hh_today.clear();
  traced_firm_today.clear();
  const uint16_t mark = uint16_t(tick + 1);
  sp.next_active.clear();
  for (uint32_t i : sp.active) {
    TallyRow& t = z.tallies[cty[i]];
    const uint8_t s0 = ds[i], f0 = fl[i];
    const uint16_t q0 = qu[i];
    uint8_t s = s0, f = f0;
    uint16_t q = q0;
    const bool quarantined = q0 > tick;
    const auto d = rng.draw4(tick, i, kSparseProgress);
    switch (s0) {
      case kE:
        if (unit(d[0]) < r.to_infectious) s = unit(d[1]) < r.asym_share ? kA : kP;
        break;
      case kP:
        if (unit(d[0]) < r.to_symptoms) s = kY;
        break;
      case kY:
        if (unit(d[0]) < r.sym_end) s = kR;
        break;
      case kA:
        if (unit(d[0]) < r.asym_end) s = kR;
        break;
      default: break;
    }
    if (!(f & kConfirmed) && (s0 == kP || s0 == kY || s0 == kA)) {
      double pd = s0 == kY ? r.detect_sym : 0.0;
      if (quarantined) pd = std::max(pd, r.detect_q);
      if (pd > 0 && unit(d[2]) < pd) {
        f |= kConfirmed;
        if (quarantined) --t[kQuarantined];
        q = 0;
        ++t[kNewCases];
        if (f & kImported) ++t[kNewImportedCases];
        if (z.hh_cases[hh[i]]++ == 1) ++t[kNewClusters];
        hh_mark[hh[i]] = mark;
        traced_hh_today.push_back(i);
        if (fm[i] != kNoFirm) {
          if (z.firm_cases[fm[i]]++ == 1) ++t[kNewClusters];
          firm_mark[fm[i]] = mark;
          traced_firm_today.push_back(fm[i]);
        }
      }
    }
    if (s != s0) {
      --t[dis(s0)];
      ++t[dis(s)];
    }
    presence(i, at_work(s0, f0, q0, tick), at_work(s, f, q, tick));
    ds[i] = s;
    fl[i] = f;
    qu[i] = q;
    if (s != kR) sp.next_active.push_back(i);
  }
  sort_unique(traced_firm_today);

  // 5. Quarantine: data matching / community reporting of present Hubei-linked residents, tracing of
  // the households and co-workers of yesterday's cases.
  sp.candidates.clear();
  sp.work_reached.clear();
  if (r.find > 0) sp.candidates = sp.unfound;
  if (tick > 0) {
    for (uint32_t i0 : sp.traced_hh[(tick + 1) % 2]) {
      const auto [b, e] = household_of(z, i0);
      for (uint32_t j = b; j < e; ++j) sp.candidates.push_back(j);
    }
    // Co-workers of yesterday's cases: each reached with work_trace_share, drawn by skipping over the
    // firm's workers (cost in proportion to those reached, not to the firm's size).
    for (uint32_t f : sp.traced_firm[(tick + 1) % 2])
      skip_sample(rng, tick, z.worker_begin[f], z.worker_begin[f + 1], work_trace_share(z, r, f), kSparseTraceWorkSkip,
                  [&](uint32_t k) { sp.work_reached.push_back(z.workers[k]); });
  }
  sort_unique(sp.work_reached);
  sp.candidates.insert(sp.candidates.end(), sp.work_reached.begin(), sp.work_reached.end());
  sort_unique(sp.candidates);
  for (uint32_t j : sp.candidates) {
    uint8_t f = fl[j];
    if ((f & (kAway | kConfirmed)) || qu[j] > tick) continue;
    double stay_free = 1.0;
    const bool unfound = (f & (kHubei | kFound)) == kHubei;
    if (unfound) stay_free *= 1.0 - r.find;
    if (tick > 0 && hh_prev[hh[j]] == tick) stay_free *= 1.0 - r.trace_hh;
    const bool reached_at_work = std::binary_search(sp.work_reached.begin(), sp.work_reached.end(), j);
    if (reached_at_work || (stay_free < 1.0 && draw(rng, tick, j, kSparseQuarantine) >= stay_free)) {
      const bool before = at_work(ds[j], f, qu[j], tick);
      if (unfound) f |= kFound;
      fl[j] = f;
      qu[j] = qend;
      sp.q_ends[qend].push_back(j);
      TallyRow& t = z.tallies[cty[j]];
      ++t[kNewQuarantined];
      ++t[kQuarantined];
      presence(j, before, false);
    }
  }
  std::erase_if(sp.unfound, [&](uint32_t j) { return (fl[j] & (kFound | kConfirmed)) != 0; });

  // 6. Today's infections.
  for (uint64_t hit : sp.infected) {
    const uint32_t j = uint32_t(hit >> 3);
    ds[j] = kE;
    TallyRow& t = z.tallies[cty[j]];
    --t[dis(kS)];
    ++t[dis(kE)];
    ++t[kNewInfections];
    ++t[kInfectedIn0 + int(hit & 7)];
    sp.next_active.push_back(j);
  }

  // 7. Arrivals (Hubei-linked travellers, returning workers).
  if (tick < sp.arrivals.size()) {
    const std::vector<uint32_t>& today = sp.arrivals[tick];
    for (size_t a = 0; a < today.size(); ++a) {
      if (a + 16 < today.size()) {  // the arrivals are scattered over the columns: fetch ahead
        const uint32_t ahead = today[a + 16];
        __builtin_prefetch(fl + ahead);
        __builtin_prefetch(ds + ahead);
        __builtin_prefetch(qu + ahead);
        __builtin_prefetch(fm + ahead);
        __builtin_prefetch(cty + ahead);
      }
      const uint32_t i = today[a];
      TallyRow& t = z.tallies[cty[i]];
      uint8_t f = uint8_t(fl[i] & ~kAway);
      --t[kAwayNow];
      const double infected =
          (f & kHubei) ? std::min(1.0, p.hubei_infected * z.counties[cty[i]].hubei_prevalence) : migrant_infected;
      const auto d = rng.draw4(tick, i, kSparseArrival);
      if (ds[i] == kS && unit(d[0]) < infected) {
        ds[i] = kE;
        f |= kImported;
        --t[dis(kS)];
        ++t[dis(kE)];
        ++t[kNewInfections];
        ++t[kInfectedIn0 + int(kOnArrival)];
        sp.next_active.push_back(i);
      }
      // Identified: always at full strength of both mechanisms (d[1] is not read then).
      if ((f & kRisk) && int32_t(tick) >= return_from && (identified >= 1.0 || unit(d[1]) < identified)) {
        qu[i] = qend;
        sp.q_ends[qend].push_back(i);
        ++t[kNewQuarantined];
        ++t[kQuarantined];
      }
      if ((f & (kHubei | kFound)) == kHubei) sp.unfound.push_back(i);
      fl[i] = f;
      presence(i, false, at_work(ds[i], f, qu[i], tick));
    }
    std::vector<uint32_t>().swap(sp.arrivals[tick]);
  }
  std::sort(sp.next_active.begin(), sp.next_active.end());
  sp.active.swap(sp.next_active);
}

}  // namespace govsim::zhejiang
