#include "models/health_code/cities.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "sim/network/community_graph.hpp"

namespace govsim::models::health_code {
namespace {

// Random-number streams of the city rules; a stream id never changes meaning once published.
enum Stream : uint32_t { kDecide = 11, kEntrepreneur = 12 };

std::vector<double> standardised(const std::vector<double>& v) {
  const double n = double(v.size());
  const double mean = std::accumulate(v.begin(), v.end(), 0.0) / n;
  double ss = 0;
  for (double x : v) ss += (x - mean) * (x - mean);
  const double sd = std::sqrt(ss / n);
  std::vector<double> z(v.size(), 0.0);
  if (sd > 0)
    for (size_t i = 0; i < v.size(); ++i) z[i] = (v[i] - mean) / sd;
  return z;
}

}  // namespace

CityTraits CityTraits::build(const RegionTable* t, const std::vector<uint32_t>& simulated, double scale,
                             double entrepreneur_share, const CounterRng& rng) {
  CityTraits c;
  const size_t n = t ? t->size() : 1;  // without a region table: one city, "all"
  c.code = t ? t->codes() : std::vector<std::string>{"all"};
  c.scale = scale;
  c.capacity_z.assign(n, 0.0);
  if (t && t->has_numeric("college_share") && t->has_numeric("urban_share")) {
    const auto a = standardised(t->numeric("college_share")), b = standardised(t->numeric("urban_share"));
    for (size_t i = 0; i < n; ++i) c.capacity_z[i] = 0.5 * (a[i] + b[i]);
  }
  std::map<std::string, uint32_t> prov;
  for (size_t i = 0; i < n; ++i) {
    c.simulated.push_back(i < simulated.size() ? double(simulated[i]) : 0.0);
    c.population.push_back(t ? t->regions()[i].population : c.simulated.back() / scale);
    const std::string p = t && t->has_numeric("parent_code") ? std::to_string(int64_t(t->numeric("parent_code")[i]))
                                                             : c.code[i];
    const auto [it, added] = prov.emplace(p, uint32_t(prov.size()));
    if (added) c.province_code.push_back(p);
    c.province.push_back(it->second);
    std::vector<uint32_t> nb;
    if (t)
      for (const auto& [j, w] : t->neighbours(uint32_t(i))) nb.push_back(j);
    c.neighbours.push_back(std::move(nb));
    c.entrepreneur.push_back(rng.uniform(kNetworkSetupTick, uint32_t(i), kEntrepreneur) < entrepreneur_share ? 1 : 0);
  }
  return c;
}

void CityState::resize(size_t cities, size_t provinces) {
  stage.assign(cities, 0);
  builder.assign(cities, 0);
  district.assign(cities, 0);
  by_province.assign(cities, 0);
  decided_tick.assign(cities, -1);
  ready_tick.assign(cities, -1);
  launch_tick.assign(cities, -1);
  resumed.assign(cities, 0.0);
  applications.assign(cities, 0.0);
  issued.assign(cities, 0.0);
  province_rollout_tick.assign(provinces, -1);
  platform_join_tick = -1;
}

// Every array of the state with its checkpoint name, for save and load alike.
template <class S, class F>
void each_array(S& s, F&& f) {
  f("city_stage", s.stage);
  f("city_builder", s.builder);
  f("city_district", s.district);
  f("city_by_province", s.by_province);
  f("city_decided_tick", s.decided_tick);
  f("city_ready_tick", s.ready_tick);
  f("city_launch_tick", s.launch_tick);
  f("city_resumed", s.resumed);
  f("city_applications", s.applications);
  f("city_issued", s.issued);
  f("province_rollout_tick", s.province_rollout_tick);
}

void CityState::save(StateWriter& out) const {
  each_array(*this, [&](const char* name, const auto& v) { out.put(name, v); });
  out.put_value("platform_join_tick", platform_join_tick);
}

void CityState::load(const StateReader& in) {
  each_array(*this, [&](const char* name, auto& v) { in.get(name, std::span(v)); });
  platform_join_tick = in.get_value<int32_t>("platform_join_tick");
}

double adoption_hazard(const AdoptionParams& a, const HazardInputs& in) {
  const double peers = (1.0 + a.neighbour_weight * in.neighbour_share) * (1.0 + a.province_weight * in.province_share);
  const double ent = in.entrepreneur ? a.entrepreneur_factor : 1.0;
  return a.base_rate * std::exp(a.capacity_weight * in.capacity_z + a.pressure_weight * in.pressure) * peers * ent;
}

double epidemic_pressure(const CityTraits& c, const CaseTable& cases, uint32_t city, int32_t tick, double nearby_weight) {
  const auto per_million = [&](uint32_t r) {
    return c.population[r] > 0 ? cases.cumulative(r, tick - 1) * 1e6 / c.population[r] : 0.0;
  };
  double near = 0, pop = 0;
  for (uint32_t j : c.neighbours[city]) {
    near += per_million(j) * c.population[j];
    pop += c.population[j];
  }
  const double nearby = pop > 0 ? near / pop : 0.0;
  return std::log1p(per_million(city) + nearby_weight * nearby);
}

void step_cities(const HealthCodeParams& p, const CityTraits& c, const CaseTable& cases, const CounterRng& rng,
                 int32_t tick, CityState& s, CityDay& day) {
  const size_t n = c.size();
  const std::vector<uint8_t> stage0 = s.stage;  // the state at the start of the day: rules read only this
  const auto has_code = [&](size_t i) { return stage0[i] == uint8_t(Stage::CityCode); };
  // Cities copy a city-wide code once one runs somewhere (a district's trial is not yet a model).
  const bool any_code = std::any_of(stage0.begin(), stage0.end(), [](uint8_t st) { return st == uint8_t(Stage::CityCode); });

  // Same-province peers with a code, and province roll-outs (province-level decisions).
  std::vector<double> prov_cities(c.province_code.size(), 0.0), prov_codes(c.province_code.size(), 0.0);
  for (size_t i = 0; i < n; ++i) {
    prov_cities[c.province[i]] += 1;
    prov_codes[c.province[i]] += has_code(i) ? 1 : 0;
  }
  // A province rolls out `province_lag_days` after the launch of its first city code.
  if (p.adoption.province_rollout)
    for (size_t i = 0; i < n; ++i)
      if (has_code(i) && s.province_rollout_tick[c.province[i]] < 0)
        s.province_rollout_tick[c.province[i]] = s.launch_tick[i] + p.adoption.province_lag_days;

  const PlatformParams& f = p.platform;
  const int first_build = int(std::lround(f.first_build_days));
  for (size_t i = 0; i < n; ++i) {
    const auto st = Stage(stage0[i]);
    if (st == Stage::None) {
      const int32_t rollout = s.province_rollout_tick[c.province[i]];
      if (!p.request_region.empty() && p.request_region == c.code[i]) {  // policy entrepreneur's request (event)
        s.stage[i] = uint8_t(Stage::Building);
        s.builder[i] = uint8_t(Builder::SmallFirm);
        s.decided_tick[i] = tick;
        s.ready_tick[i] = tick + f.small_firm_build_days;
      } else if (any_code && p.adoption.province_rollout && rollout >= 0 && tick >= rollout) {
        s.stage[i] = uint8_t(Stage::Deciding);
        s.decided_tick[i] = tick;
        s.by_province[i] = 1;
      } else if (any_code) {
        HazardInputs in;
        in.capacity_z = c.capacity_z[i];
        in.pressure = epidemic_pressure(c, cases, uint32_t(i), tick, p.adoption.nearby_case_weight);
        double nb = 0;
        for (uint32_t j : c.neighbours[i]) nb += has_code(j) ? 1 : 0;
        in.neighbour_share = c.neighbours[i].empty() ? 0.0 : nb / double(c.neighbours[i].size());
        const double peers = prov_cities[c.province[i]] - 1;
        in.province_share = peers > 0 ? prov_codes[c.province[i]] / peers : 0.0;
        in.entrepreneur = c.entrepreneur[i] != 0;
        const double h = adoption_hazard(p.adoption, in);
        if (rng.uniform(uint32_t(tick), uint32_t(i), kDecide) < 1.0 - std::exp(-h)) {
          s.stage[i] = uint8_t(Stage::Deciding);
          s.decided_tick[i] = tick;
        }
      }
    } else if (st == Stage::Building && tick >= s.ready_tick[i]) {
      if (Builder(s.builder[i]) == Builder::SmallFirm) {
        s.stage[i] = uint8_t(Stage::DistrictCode);
        s.district[i] = 1;
      } else {
        s.stage[i] = uint8_t(Stage::CityCode);
        s.launch_tick[i] = tick;
      }
    } else if (st == Stage::DistrictCode) {
      // The small firm cannot keep up: the city scales the code up, with the platform firm if it may.
      const double unmet = s.applications[i] - s.issued[i];
      if (unmet > f.join_unmet_ratio * f.small_firm_capacity * c.scale) {
        s.stage[i] = uint8_t(Stage::Building);
        if (f.cobuild) {
          if (s.platform_join_tick < 0) s.platform_join_tick = tick;
          s.builder[i] = uint8_t(Builder::Platform);
          s.ready_tick[i] = tick + first_build;
        } else {
          s.builder[i] = uint8_t(Builder::Alone);
          s.ready_tick[i] = tick + f.alone_build_days;
        }
      }
    }
  }

  // Cities that have decided: onboarded by the platform firm, up to its daily capacity, once its
  // code exists (a province's roll-out first, then in order of decision, then table order); built
  // alone when co-building is off or before the firm has joined. A capacity of K cities a day
  // onboards floor((d + 1) K) - floor(d K) cities on day d after joining (K may be fractional).
  const bool platform_ready = f.cobuild && s.platform_join_tick >= 0;
  std::vector<uint32_t> waiting;
  for (size_t i = 0; i < n; ++i)
    if (s.stage[i] == uint8_t(Stage::Deciding)) waiting.push_back(uint32_t(i));
  std::stable_sort(waiting.begin(), waiting.end(), [&](uint32_t a, uint32_t b) {
    if (s.by_province[a] != s.by_province[b]) return s.by_province[a] > s.by_province[b];
    return s.decided_tick[a] < s.decided_tick[b];
  });
  int64_t capacity = 0;
  if (platform_ready) {
    const double d = double(tick - s.platform_join_tick);
    capacity = int64_t(std::floor((d + 1) * f.onboard_per_day)) - int64_t(std::floor(d * f.onboard_per_day));
  }
  int64_t onboarded = 0;
  for (uint32_t i : waiting) {
    if (platform_ready) {
      if (onboarded >= capacity) break;
      ++onboarded;
      s.builder[i] = uint8_t(Builder::Platform);
      // The first co-built code is developed with this city; later ones reuse it.
      s.ready_tick[i] = tick + std::max(f.onboard_lead_days, s.platform_join_tick + first_build - tick);
    } else {
      s.builder[i] = uint8_t(Builder::Alone);
      s.ready_tick[i] = tick + f.alone_build_days;
    }
    s.stage[i] = uint8_t(Stage::Building);
  }

  // Firms resume: under prior approval, or freely where the code is in use once approval is waived.
  const WorkParams& w = p.work;
  for (size_t i = 0; i < n; ++i) {
    const bool code = s.stage[i] == uint8_t(Stage::CityCode);
    const double rate = !w.open ? 0.0 : (code && w.resume_without_approval ? w.code_rate : w.approval_rate);
    s.resumed[i] += rate * (1.0 - s.resumed[i]);
  }

  // What residents see today.
  const ResidentParams& r = p.residents;
  day.mode.resize(n);
  day.pooled.resize(n);
  day.accept.resize(n);
  day.contact_p.resize(n);
  day.place_p.resize(n);
  day.resumed.resize(n);
  day.international.resize(n);
  const double census = std::accumulate(c.population.begin(), c.population.end(), 0.0);
  day.arrival_p = census > 0 ? float(std::min(1.0, p.international.arrivals_per_day / census)) : 0.0f;
  for (size_t i = 0; i < n; ++i) {
    const auto st = Stage(s.stage[i]);
    const auto b = Builder(s.builder[i]);
    day.mode[i] = st == Stage::CityCode ? 2 : st == Stage::DistrictCode ? 1 : 0;
    // The district code keeps serving while the city's is built.
    if (st == Stage::Building && s.district[i]) day.mode[i] = 1;
    const bool platform = st == Stage::CityCode && b == Builder::Platform;
    day.pooled[i] = platform && f.pooled_data ? 1 : 0;
    double cap = -1;  // < 0: no limit
    if (day.mode[i] == 1) cap = f.small_firm_capacity * c.scale;
    else if (st == Stage::CityCode && b == Builder::Alone) cap = f.alone_daily_capacity * c.simulated[i];
    day.accept[i] = cap < 0 ? 1.0f : float(std::min(1.0, cap / std::max(1.0, s.applications[i])));
    const double recent = cases.recent(uint32_t(i), tick - 1, 14);
    const double pop = std::max(1.0, c.population[i]);
    day.contact_p[i] = float(std::min(1.0, r.contacts_per_case * recent / pop));
    day.place_p[i] = float(std::min(0.5, r.place_yellow_per_case * recent / pop * 1e4));
    day.resumed[i] = float(s.resumed[i]);
    day.international[i] = p.international.enabled && st == Stage::CityCode &&
                                   (p.international_province.empty() || c.province_code[c.province[i]] == p.international_province)
                               ? 1 : 0;
  }
}

}  // namespace govsim::models::health_code
