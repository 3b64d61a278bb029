#include "models/zhejiang/series.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "sim/metrics/resilience.hpp"
#include "sim/model/by_region.hpp"

namespace govsim::zhejiang {
namespace {

using Out = std::span<double>;

uint64_t total(const ZjWorld& z, int tally) {
  uint64_t s = 0;
  for (const TallyRow& t : z.tallies) s += t[tally];
  return s;
}

double open_share(const ZjWorld& z, uint32_t b, uint32_t e) {
  uint64_t open = 0;
  for (uint32_t f = b; f < e; ++f) open += z.firm_state[f] == kOpen;
  return e > b ? double(open) / (e - b) : std::numeric_limits<double>::quiet_NaN();
}

// Share of a sector's firms open in the whole province.
double sector_open(const ZjWorld& z, int s) {
  uint64_t open = 0, all = 0;
  for (const County& k : z.counties)
    for (uint32_t f = k.firm_offset[s]; f < k.firm_offset[s + 1]; ++f) {
      open += z.firm_state[f] == kOpen;
      ++all;
    }
  return all ? double(open) / all : std::numeric_limits<double>::quiet_NaN();
}

// The published resumption rate's population: industrial firms above designated size.
double designated_open(const ZjWorld& z) {
  uint64_t open = 0, all = 0;
  for (const County& k : z.counties)
    for (uint32_t f = k.firm_offset[kIndustry]; f < k.firm_offset[kIndustry + 1]; ++f)
      if (z.firm_designated[f]) {
        open += z.firm_state[f] == kOpen;
        ++all;
      }
  return all ? double(open) / all : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

void register_series(const World& w, const ZjWorld& z, MetricRegistry& m) {
  const ZjWorld* zp = &z;
  auto total_series = [&](const std::string& name, SeriesKind kind, const char* unit, const std::string& doc, Aggregation agg,
                          int tally) {
    m.add_daily({name, kind, unit, doc, agg, "", {}}, [zp, tally](const TickContext&, Out o) { o[0] = double(total(*zp, tally)); });
  };
  auto region_series = [&](const std::string& name, SeriesKind kind, const char* unit, const std::string& doc, Aggregation agg,
                           int tally) {
    m.add_daily(per_region({name, kind, unit, doc, agg, "", {}}, w), [zp, tally](const TickContext&, Out o) {
      for (size_t c = 0; c < zp->tallies.size(); ++c) o[c] = double(zp->tallies[c][tally]);
    });
  };
  total_series("new_infections", SeriesKind::New, "persons/day", "Residents infected on the day (locally or on arrival).",
               Aggregation::Sum, kNewInfections);
  total_series("new_cases", SeriesKind::New, "persons/day", "Confirmed cases on the day.", Aggregation::Sum, kNewCases);
  total_series("new_imported_cases", SeriesKind::New, "persons/day", "Confirmed cases infected outside the province.",
               Aggregation::Sum, kNewImportedCases);
  total_series("new_quarantined", SeriesKind::New, "persons/day", "Residents put in 14-day quarantine on the day.",
               Aggregation::Sum, kNewQuarantined);
  total_series("n_quarantined", SeriesKind::Stock, "persons", "Residents in quarantine on the day (quarantined persons).",
               Aggregation::Mean, kQuarantined);
  total_series("n_away", SeriesKind::Stock, "persons", "Residents not yet in the province (travellers, workers away).",
               Aggregation::Mean, kAwayNow);
  for (int s = 0; s < kNumDisease; ++s) {
    std::string name = "n_";
    name += kDiseaseNames[s];
    std::string doc = "Residents ";
    doc += kDiseaseNames[s];
    doc += " at the end of the day (the six states add up to every resident).";
    total_series(name, SeriesKind::Stock, "persons", doc, Aggregation::Mean, int(kDisease0) + s);
  }
  SeriesSpec by_setting{"new_infections_by_setting", SeriesKind::New, "persons/day",
                        "Residents infected on the day, by where: household, workplace, community, travel (contacts "
                        "with other counties) or on arrival from outside the province. A resident exposed in several "
                        "settings on the day counts once, in proportion to the settings' hazards (dense scheme) or in "
                        "that order (sparse). The groups add up to new_infections.",
                        Aggregation::Sum, "setting", {}};
  for (const char* s : kSettingNames) by_setting.groups.emplace_back(s);
  m.add_daily(by_setting, [zp](const TickContext&, Out o) {
    for (int s = 0; s < kNumSettings; ++s) o[s] = double(total(*zp, kInfectedIn0 + s));
  });
  m.add_daily({"cum_cases", SeriesKind::Cumulative, "persons", "Confirmed cases since the start.", Aggregation::Last, "", {}},
              [zp](const TickContext&, Out o) { o[0] = double(zp->cum_cases); });
  region_series("new_cases", SeriesKind::New, "persons/day", "Confirmed cases on the day, by county.", Aggregation::Sum,
                kNewCases);
  region_series("n_quarantined", SeriesKind::Stock, "persons", "Residents in quarantine, by county.", Aggregation::Mean,
                kQuarantined);
  m.add_daily(per_region({"cum_cases", SeriesKind::Cumulative, "persons", "Confirmed cases since the start, by county.",
                          Aggregation::Last, "", {}},
                         w),
              [zp](const TickContext&, Out o) {
                for (size_t c = 0; c < zp->records.size(); ++c) o[c] = double(zp->records[c].cum_cases);
              });
  m.add_daily(per_region({"n_colour", SeriesKind::Stock, "colour index",
                          "Each county's colour on the day: 0 red, 1 orange, 2 yellow, 3 blue, 4 green (NaN before the map).",
                          Aggregation::Last, "", {}},
                         w),
              [zp](const TickContext&, Out o) {
                for (size_t c = 0; c < zp->records.size(); ++c)
                  o[c] = zp->records[c].mapped && zp->p.map_active ? double(zp->records[c].colour)
                                                                   : std::numeric_limits<double>::quiet_NaN();
              });
  m.add_daily(per_region({"mean_risk_score", SeriesKind::Mean, "points", "Each county's risk score on the day (0 before the map).",
                          Aggregation::Mean, "", {}},
                         w),
              [zp](const TickContext&, Out o) {
                for (size_t c = 0; c < zp->records.size(); ++c) o[c] = zp->p.map_active ? zp->records[c].score : 0.0;
              });
  SeriesSpec by_colour{"n_counties_by_colour", SeriesKind::Stock, "counties",
                       "Counties of each colour on the day (all zero before the map).", Aggregation::Mean, "colour", {}};
  for (const char* c : kColourNames) by_colour.groups.emplace_back(c);
  m.add_daily(by_colour, [zp](const TickContext&, Out o) {
    for (int c = 0; c < kNumColours; ++c) o[c] = 0;
    if (!zp->p.map_active) return;
    for (const CountyRecord& r : zp->records)
      if (r.mapped) o[r.colour] += 1;
  });
  SeriesSpec city_new{"new_cases_by_city", SeriesKind::New, "persons/day", "Confirmed cases on the day, by prefecture city.",
                      Aggregation::Sum, "city", z.city_codes};
  m.add_daily(city_new, [zp](const TickContext&, Out o) {
    for (size_t k = 0; k < zp->city_codes.size(); ++k) o[k] = 0;
    for (size_t c = 0; c < zp->counties.size(); ++c) o[zp->counties[c].city] += double(zp->tallies[c][kNewCases]);
  });
  SeriesSpec city_cum{"cum_cases_by_city", SeriesKind::Cumulative, "persons",
                      "Confirmed cases since the start, by prefecture city.", Aggregation::Last, "city", z.city_codes};
  m.add_daily(city_cum, [zp](const TickContext&, Out o) {
    for (size_t k = 0; k < zp->city_codes.size(); ++k) o[k] = double(zp->cum_cases_city[k]);
  });
  // Firms.
  for (int s = 0; s < kNumFirmStates; ++s) {
    std::string name = "n_firms_";
    name += kFirmStateNames[s];
    std::string doc = "Firms ";
    doc += kFirmStateNames[s];
    doc += " on the day (the four states add up to every firm).";
    m.add_daily({name, SeriesKind::Stock, "firms", doc, Aggregation::Mean, "", {}}, [zp, s](const TickContext&, Out o) {
      uint64_t n = 0;
      for (uint8_t st : zp->firm_state) n += st == s;
      o[0] = double(n);
    });
  }
  m.add_daily({"share_firms_open", SeriesKind::Share, "fraction", "Share of all firms operating on the day.", Aggregation::Mean,
               "", {}},
              [zp](const TickContext&, Out o) { o[0] = open_share(*zp, 0, zp->num_firms); });
  m.add_daily({"share_industrial_firms_open", SeriesKind::Share, "fraction",
               "Provincial resumption rate of industrial firms (mining, manufacturing, utilities): share operating.",
               Aggregation::Mean, "", {}},
              [zp](const TickContext&, Out o) { o[0] = sector_open(*zp, kIndustry); });
  m.add_daily({"share_designated_industrial_firms_open", SeriesKind::Share, "fraction",
               "Provincial resumption rate of industrial firms above designated size (zhejiang.firms.designated_size "
               "workers or more): share operating. The population of the published rate.",
               Aggregation::Mean, "", {}},
              [zp](const TickContext&, Out o) { o[0] = designated_open(*zp); });
  m.add_daily(per_region({"share_firms_open", SeriesKind::Share, "fraction", "Share of firms operating, by county.",
                          Aggregation::Mean, "", {}},
                         w),
              [zp](const TickContext&, Out o) {
                for (size_t c = 0; c < zp->counties.size(); ++c)
                  o[c] = open_share(*zp, zp->counties[c].firm_offset[0], zp->counties[c].firm_offset[kNumSectors]);
              });
  SeriesSpec cs{"share_firms_open_by_county_sector", SeriesKind::Share, "fraction",
                "Resumption index: share of firms operating, by county and sector (groups 'code/sector').",
                Aggregation::Mean, "county_sector", {}};
  const SeriesSpec counties = per_region({"x", SeriesKind::Share, "", "", Aggregation::Mean, "", {}}, w);
  for (const std::string& code : counties.groups)
    for (const char* s : kSectorNames) {
      std::string g = code;
      g += '/';
      g += s;
      cs.groups.push_back(g);
    }
  m.add_daily(cs, [zp](const TickContext&, Out o) {
    for (size_t c = 0; c < zp->counties.size(); ++c)
      for (int s = 0; s < kNumSectors; ++s)
        o[c * kNumSectors + s] = open_share(*zp, zp->counties[c].firm_offset[s], zp->counties[c].firm_offset[s + 1]);
  });
}

std::vector<Model::Scalar> summarise(const World& w, const ZjWorld& z, const std::vector<SeriesData>& daily) {
  std::vector<Model::Scalar> out;
  const Calendar& cal = w.calendar();
  auto find = [&](const char* name) -> const SeriesData* {
    for (const SeriesData& s : daily)
      if (s.spec.name == name) return &s;
    return nullptr;
  };
  // Reporting dates of the fitted figures (the values themselves live in paper_repro/targets/).
  for (const char* day : {"2020-02-01", "2020-02-09", "2020-02-21", "2020-02-24", "2020-03-01", "2020-03-15", "2020-03-31"}) {
    const int32_t t = cal.tick_of(*Date::parse(day));
    if (t < 0) continue;
    std::string tag = day;
    for (char& ch : tag)
      if (ch == '-') ch = '_';
    if (const SeriesData* s = find("cum_cases_by_city"))
      for (size_t k = 0; k < z.city_codes.size(); ++k)
        out.push_back({"cum_cases_" + z.city_codes[k] + "_" + tag, "persons",
                       "Confirmed cases since the start in this prefecture city by this date (simulated residents).",
                       s->at(t, k)});
    if (const SeriesData* s = find("cum_cases"))
      out.push_back({"cum_cases_" + tag, "persons", "Confirmed cases in the province by this date (simulated).", s->at(t)});
    if (const SeriesData* s = find("share_industrial_firms_open"))
      out.push_back({"share_industrial_firms_open_" + tag, "fraction", "Provincial industrial resumption rate on this date.",
                     s->at(t)});
    if (const SeriesData* s = find("share_designated_industrial_firms_open"))
      out.push_back({"share_designated_industrial_firms_open_" + tag, "fraction",
                     "Provincial resumption rate of industrial firms above designated size on this date.", s->at(t)});
  }
  // The first published map: counts by colour on its first day.
  if (const SeriesData* s = find("n_counties_by_colour"))
    for (int32_t t = 0; t < s->rows; ++t) {
      double sum = 0;
      for (int c = 0; c < kNumColours; ++c) sum += s->at(t, c);
      if (sum <= 0) continue;
      for (int c = 0; c < kNumColours; ++c) {
        std::string name = "n_counties_";
        name += kColourNames[c];
        name += "_first_map";
        out.push_back({name, "counties", "Counties of this colour on the first day of the map.", s->at(t, c)});
      }
      break;
    }
  const int32_t n = cal.num_ticks();
  double qdays = 0;
  if (const SeriesData* s = find("n_quarantined"))
    for (int32_t t = 0; t < s->rows; ++t) qdays += s->at(t);
  out.push_back({"quarantine_days", "person-days", "Days spent in quarantine, summed over residents (simulated).", qdays});
  if (const SeriesData* s = find("cum_cases")) out.push_back({"cum_cases_end", "persons", "Confirmed cases by the last day.", s->at(n - 1)});
  // Resilience of economic activity (share of firms open): the holiday and the epidemic as one shock.
  if (const SeriesData* s = find("share_firms_open"); s && n > 1) {
    std::vector<double> x(s->values.begin(), s->values.begin() + n);
    int32_t start = -1;
    for (int32_t t = 1; t < n && start < 0; ++t)
      if (x[t] < 0.99 * x[0]) start = t;
    if (start > 0) {
      const Resilience r = resilience_of(x, start, start, n - std::min(n, 7), n);
      out.push_back({"activity_pre", "fraction", "Share of firms open before the shock.", r.pre_level});
      out.push_back({"activity_loss_area", "days", "Days of lost activity (shortfall of firms open, relative to before).", r.loss_area});
      out.push_back({"activity_recovery_days", "days", "Days from the shock until firms open are back within 1 % of the pre level.",
                     r.recovery_days});
      out.push_back({"activity_bounce_forward", "ratio", "Share of firms open over the last week relative to before.",
                     r.bounce_forward});
    }
  }
  return out;
}

}  // namespace govsim::zhejiang
