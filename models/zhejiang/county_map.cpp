// The five-colour map's day: each county's published indicators are updated with the day's
// confirmed cases and, once the map is active, scored every day and coloured at each assessment
// (every zhejiang.map.assessment_days from the first map, falling at most zhejiang.map.max_downgrade
// levels at a time: colour_map.hpp, assessed_colour). The colour decides the county's measures from the next day: contacts outside the household and the share
// of firms permitted to resume. Counterfactual modes replace the colour by the strictest measures
// everywhere (until the province has a week without a new case) or by one uniform moderate level.
#include <algorithm>

#include "models/zhejiang/world_state.hpp"

namespace govsim::zhejiang {

void map_day(ZjWorld& z, uint32_t tick, bool) {
  const ZhejiangParams& p = z.p;
  const double to_full = z.scale > 0 ? 1.0 / z.scale : 1.0;
  if (p.map_active && z.map_first_tick < 0) z.map_first_tick = int32_t(tick);
  const bool assessment = p.map_active && (int64_t(tick) - z.map_first_tick) % p.assessment_days == 0;
  for (size_t c = 0; c < z.counties.size(); ++c) {
    CountyRecord& rec = z.records[c];
    const TallyRow& t = z.tallies[c];
    rec.cum_cases += t[kNewCases];
    rec.cum_local += t[kNewCases] - t[kNewImportedCases];
    rec.clusters += t[kNewClusters];
    rec.new_ring[tick % 7] = t[kNewCases];
    if (t[kNewCases] > 0) rec.last_case_tick = int32_t(tick);
    z.cum_cases_city[z.counties[c].city] += t[kNewCases];
    z.cum_cases += t[kNewCases];
    z.cum_quarantine_days += t[kQuarantined];
    if (!p.map_active) continue;
    Indicators x;
    x.cumulative = double(rec.cum_cases) * to_full;
    x.local_share = rec.cum_cases ? double(rec.cum_local) / double(rec.cum_cases) : 0.0;
    x.clusters = double(rec.clusters) * to_full;
    x.days_without_new = rec.last_case_tick < 0 ? 1e9 : double(int32_t(tick) - rec.last_case_tick);
    uint64_t week = 0;
    for (uint64_t v : rec.new_ring) week += v;
    x.new_week = double(week) * to_full;
    rec.score = risk_score(x, p.score, p.map_new_cases);
    if (!assessment && rec.mapped) continue;  // the published colour holds until the next assessment
    const Colour scored = colour_of(rec.score, case_free(x, p.score, p.map_new_cases), p.score);
    rec.colour = rec.mapped ? assessed_colour(Colour(rec.colour), scored, p.max_downgrade) : scored;
    rec.mapped = 1;
  }
}

void apply_measures(ZjWorld& z, uint32_t tick) {
  const ZhejiangParams& p = z.p;
  const size_t nc = z.counties.size();
  z.county_contact.assign(nc, 1.f);
  z.county_permission.assign(nc, 1.f);
  if (!p.level1) return;
  uint64_t week = 0;
  for (const CountyRecord& rec : z.records)
    for (uint64_t v : rec.new_ring) week += v;
  for (size_t c = 0; c < nc; ++c) {
    int colour = -1;  // no map: the level-1 response's province-wide measures
    if (p.map_mode == "strictest") colour = week > 0 || !p.map_active ? kRed : kGreen;
    else if (p.map_mode == "uniform") colour = kYellow;
    else if (p.map_active && z.records[c].mapped) colour = z.records[c].colour;
    if (colour < 0) {
      // Before the map: the level-1 scale, or a red county's in a city under closed management.
      const bool closed = int64_t(tick) >= int64_t(z.closed_from[z.counties[c].city]);
      z.county_contact[c] = float(closed ? p.contact_scale[kRed] : p.level1_contact_scale);
      z.county_permission[c] = 1.f;
    } else {
      z.county_contact[c] = float(p.contact_scale[colour]);
      z.county_permission[c] = float(p.permission[colour]);
    }
  }
}

}  // namespace govsim::zhejiang
