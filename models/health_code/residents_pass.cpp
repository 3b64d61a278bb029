#include "models/health_code/residents_pass.hpp"

#include <algorithm>

#include "sim/model/parallel.hpp"
#include "sim/network/community_graph.hpp"

namespace govsim::models::health_code {
namespace {

// Random-number streams of the residents; a stream id never changes meaning once published.
enum Stream : uint32_t { kSetupTraits = 21, kSetupWork = 22, kDayA = 23, kDayB = 24, kDayC = 25, kDayArrival = 26 };

double column_or(const RegionTable* t, const char* name, uint32_t r, double fallback) {
  return t && t->has_numeric(name) ? t->numeric(name)[r] : fallback;
}

}  // namespace

void ResidentColumns::add(World& w, const HealthCodeParams& p) {
  AgentStore& s = w.store("residents");
  city = &s.add_column<uint16_t>("city", 0);
  age = &s.add_column<uint8_t>("age_group", 1);
  literate = &s.add_column<uint8_t>("digital_literacy", 0);
  district = &s.add_column<uint8_t>("in_first_district", 0);
  employed = &s.add_column<uint8_t>("employed", 0);
  firm_rank = &s.add_column<uint8_t>("firm_rank", 0);
  code = &s.add_column<uint8_t>("code", kNoCode, true);
  days_left = &s.add_column<uint8_t>("quarantine_days_left", 0, true);
  working = &s.add_column<uint8_t>("working", 0, true);
  checks = &s.add_column<uint8_t>("checks", 0, true);
  issued = &s.add_column<uint8_t>("issued", 0, true);
  applied = &s.add_column<uint8_t>("applied", 0, true);
  trip = &s.add_column<uint8_t>("intercity_trip", 0, true);
  arrival = &s.add_column<uint8_t>("international_arrival", kNoArrival, true);

  const RegionTable* t = w.regions();
  const std::vector<uint32_t>& off = w.layout().region_offset;
  const CounterRng& rng = w.rng();
  const ResidentParams& rp = p.residents;
  const uint32_t base = w.resident_base();
  for (uint32_t r = 0; r + 1 < off.size(); ++r) {
    const double kids = column_or(t, "age_0_14_share", r, 0.18), old = column_or(t, "age_65p_share", r, 0.135);
    const double urban = column_or(t, "urban_share", r, 0.64);
    const double employment = column_or(t, "employment_rate", r, 0.5);
    const double adult_share = std::max(1e-9, 1.0 - kids - old);
    const double p_employed = std::min(1.0, employment / adult_share);
    const double lit_adult = urban * rp.literacy_adult_urban + (1 - urban) * rp.literacy_adult_rural;
    const double lit_elder = urban * rp.literacy_elder_urban + (1 - urban) * rp.literacy_elder_rural;
    const double dist = p.platform.district_share;
    uint16_t* cy = city->data();
    uint8_t *ag = age->data(), *li = literate->data(), *di = district->data(), *em = employed->data(),
            *fr = firm_rank->data();
    parallel_for_agents(off[r + 1] - off[r], [&](uint32_t k) {
      const uint32_t i = off[r] + k;
      const auto a = rng.draw4(kNetworkSetupTick, base + i, kSetupTraits);
      const auto b = rng.draw4(kNetworkSetupTick, base + i, kSetupWork);
      const float ua = CounterRng::to_unit_float(a[0]);
      cy[i] = uint16_t(r);
      ag[i] = ua < kids ? 0 : (ua < kids + old ? 2 : 1);
      const double lit = ag[i] == 2 ? lit_elder : (ag[i] == 1 ? lit_adult : 0.0);
      li[i] = CounterRng::to_unit_float(a[1]) < lit ? 1 : 0;
      di[i] = CounterRng::to_unit_float(a[2]) < dist ? 1 : 0;
      em[i] = ag[i] == 1 && CounterRng::to_unit_float(b[0]) < p_employed ? 1 : 0;
      fr[i] = uint8_t(b[1] >> 24);
    });
  }
}

void residents_pass(const World& w, const HealthCodeParams& p, const CityDay& day, uint32_t tick,
                    ResidentColumns& c) {
  const ResidentParams& rp = p.residents;
  const CounterRng& rng = w.rng();
  const uint16_t* city = c.city->data();
  const uint8_t *age = c.age->data(), *lit = c.literate->data(), *dist = c.district->data(),
                *emp = c.employed->data(), *rank = c.firm_rank->data();
  const uint8_t* code = c.code->cur().data();
  const uint8_t* days = c.days_left->cur().data();
  uint8_t *code_n = c.code->next().data(), *days_n = c.days_left->next().data(), *work_n = c.working->next().data(),
          *checks_n = c.checks->next().data(), *issued_n = c.issued->next().data(),
          *applied_n = c.applied->next().data(), *trip_n = c.trip->next().data(),
          *arrival_n = c.arrival->next().data();
  const uint32_t base = w.resident_base();
  const auto quarantine_days = uint8_t(p.international.quarantine_days);
  const bool recognition = rp.mutual_recognition && rp.recognition_enabled;
  const float trip_p = float(rp.intercity_trip * (recognition ? 1.0 + rp.recognition_boost : 1.0));
  const auto yellow_days = uint8_t(rp.yellow_days), red_days = uint8_t(rp.red_days);

  parallel_for_agents(w.store("residents").size(), [&](uint32_t i) {
    const uint32_t r = city[i];
    const uint32_t id = base + i;  // global id: the same draws for any number of ranks
    const auto a = rng.draw4(tick, id, kDayA), b = rng.draw4(tick, id, kDayB), e = rng.draw4(tick, id, kDayC);
    const auto U = [](uint32_t x) { return CounterRng::to_unit_float(x); };
    const bool covered = day.mode[r] == 2 || (day.mode[r] == 1 && dist[i]);
    const bool firm_open = emp[i] && (float(rank[i]) + 0.5f) / 256.0f < day.resumed[r];
    const bool move = U(a[0]) < rp.need_move;
    const bool pooled = day.pooled[r] != 0;
    uint8_t k = code[i], d = days[i], issued = 0, applied = 0, checks = 0, trip = 0;

    if (covered) {
      if (k == kNoCode) {
        if (age[i] != 0 && (firm_open || move)) {
          const bool helped = age[i] == 2 && !lit[i] && U(a[1]) < rp.elder_help;
          const double uptake = lit[i] || helped ? rp.uptake_literate : rp.uptake_other;
          if (U(a[2]) < uptake) {
            applied = 1;
            if (U(a[3]) < day.accept[r]) {
              // The colour from the data the code can read.
              const bool travelled = U(b[0]) < rp.travel_history;
              const bool symptoms = U(b[1]) < rp.self_report;
              const bool place = U(b[2]) < day.place_p[r];
              if (pooled) {
                const bool contact = U(b[3]) < day.contact_p[r];
                k = contact ? kRed : (travelled && U(e[0]) < rp.travel_risky) || symptoms || place ? kYellow : kGreen;
              } else {  // siloed: contacts unseen, travel and claims unverifiable
                k = travelled || symptoms || place || U(e[0]) < rp.siloed_unverified ? kYellow : kGreen;
              }
              d = k == kRed ? red_days : (k == kYellow ? yellow_days : 0);
              issued = k;
            }
          }
        }
      } else if (k == kYellow || k == kRed) {
        if (--d == 0) k = kGreen;
      } else if (k == kGreen) {  // new signals about a green holder
        if (pooled && U(b[3]) < day.contact_p[r]) {
          k = kRed;
          d = red_days;
        } else if (U(b[1]) < rp.self_report) {
          k = kYellow;
          d = yellow_days;
        }
      }
    }
    // Arrivals from abroad: coded on arrival and quarantined where the international version runs,
    // unseen by the domestic code elsewhere.
    uint8_t arrival = kNoArrival;
    if (day.arrival_p > 0 && U(rng.draw4(tick, id, kDayArrival)[0]) < day.arrival_p) {
      arrival = day.international[r] ? kArrivalControlled : kArrivalUncontrolled;
      if (arrival == kArrivalControlled) {
        if (k == kNoCode) issued = kYellow;
        k = kYellow;
        d = quarantine_days;
      }
    }
    // Work resumption follows codes: where the code is in use, only a green code gets through the gate.
    const bool working = firm_open && (!covered || k == kGreen);
    if (covered && k == kGreen) {
      if (working) checks |= kCheckWork;
      if (move) checks |= kCheckTransport;
      if ((working || move) && U(e[1]) < rp.community_check) checks |= kCheckCommunity;
      if (U(e[2]) < trip_p) {
        trip = 1;
        if (!recognition && U(e[3]) < rp.unrecognised_yellow) {  // quarantined at the destination
          k = kYellow;
          d = yellow_days;
        }
      }
    }
    code_n[i] = k;
    days_n[i] = d;
    work_n[i] = working && (!covered || k == kGreen) ? 1 : 0;
    checks_n[i] = checks;
    issued_n[i] = issued;
    applied_n[i] = applied;
    trip_n[i] = trip;
    arrival_n[i] = arrival;
  });
}

}  // namespace govsim::models::health_code
