#include "models/collab/admin_levels.hpp"

#include <algorithm>
#include <string>

#include "models/collab/layer_draws.hpp"
#include "sim/params/param_table.hpp"

namespace govsim::collab {
namespace {

constexpr const char* kShares =
    "assumption: seed 002 gives no breakdown of community matters by the authority, information or resources "
    "they need; a plausible order (most are the residents' committee's own), varied in "
    "paper_repro/seed002_figures.py and never fitted to the 99 %";

const ParamTable<LevelsParams>& table() {
  using L = LevelsParams;
  static const ParamTable<L> t = [] {
    ParamTable<L> tb;
    tb.flag("collab.levels.enabled", &L::enabled, false,
            "Simulate at which administrative level (community, street, district) community matters are "
            "resolved (seed 002's 99 % at the grassroots; docs/collab_model.md, \"Seed 002's other figures\").",
            "assumption: off by default so other scenarios are unchanged; scenarios/seed002_elderly_sensors.toml turns it on");
    tb.real("collab.levels.matters_per_day", &L::matters_per_day, 20, 0, 1e6, "matters/day",
            "Matters arising in the street's communities per day (Poisson), besides sensor alerts.",
            "assumption: an order of magnitude for a Shanghai street; the shares do not depend on it");
    tb.real("collab.levels.sensor_elderly", &L::sensor_elderly, 1200, 0, 1e7, "persons",
            "Elderly people living alone with door and water sensors (alerts only while the platform is live).",
            "seed 002: Jiangsu Road street equipped more than 1,200 elderly people living alone (1200余名獨居老人)");
    tb.real("collab.levels.alert_rate", &L::alert_rate, 0.002, 0, 1, "alerts/(person day)",
            "Sensor alerts (several days without water use or going out) per equipped elder per day.",
            "assumption: a few alerts per elder a year; seed 002 gives no count");
    auto pair = [&](const std::string& need, std::array<double, 2> L::*field, double street, double district,
                    const std::string& what) {
      tb.real("collab.levels." + need + "_street", [field](L& p) -> double& { return (p.*field)[0]; }, street, 0, 1,
              "fraction", "Share of matters that need " + what + " of the street (not beyond).", kShares);
      tb.real("collab.levels." + need + "_district", [field](L& p) -> double& { return (p.*field)[1]; }, district, 0, 1,
              "fraction", "Share of matters that need " + what + " of the district or higher.", kShares);
    };
    pair("authority", &L::authority, 0.08, 0.02, "the authority (powers, approvals)");
    pair("information", &L::information, 0.15, 0.05,
         "information held only at the level (departments' records)");
    pair("resources", &L::resources, 0.05, 0.01, "staff or funds only the level can commit");
    tb.real("collab.levels.info_sharing", &L::info_sharing, 0.7, 0, 1, "probability",
            "With the platform live: chance that information a matter needs, held above the community, is "
            "available at the community (shared records, sensor data), so that need no longer escalates it.",
            "assumption: seed 002 says platforms spare grassroots staff from collecting data for many departments; "
            "no figure. Varied in paper_repro/seed002_figures.py");
    return tb;
  }();
  return t;
}

int need_level(const std::array<double, 2>& share, double u) {
  return u < share[1] ? 2 : u < share[1] + share[0] ? 1 : 0;
}

}  // namespace

void declare_levels_parameters(ParamRegistry& reg) { table().declare(reg); }
LevelsParams load_levels_parameters(const ParamSet& p) { return table().load(p); }

Level resolve_level(const LevelsParams& p, const std::array<double, 4>& u, bool platform, bool alert) {
  const int authority = alert ? 0 : need_level(p.authority, u[0]);
  int information = alert && platform ? 0 : need_level(p.information, u[1]);
  if (platform && u[3] < p.info_sharing) information = 0;
  const int resources = need_level(p.resources, u[2]);
  return static_cast<Level>(std::max({authority, information, resources}));
}

LevelsDay simulate_levels_day(const LevelsParams& p, bool platform, const CounterRng& rng, uint32_t tick) {
  LevelsDay out;
  LayerDraws day(rng, tick, 0, kStreamAdminLevels);
  const uint32_t regular = day.poisson(p.matters_per_day);
  const uint32_t alerts = platform ? day.poisson(p.sensor_elderly * p.alert_rate) : 0;
  for (uint32_t m = 0; m < regular + alerts; ++m) {
    LayerDraws d(rng, tick, m + 1, kStreamAdminLevels);
    const std::array<double, 4> u = {d.uniform(), d.uniform(), d.uniform(), d.uniform()};
    ++out.matters[static_cast<int>(resolve_level(p, u, platform, m >= regular))];
  }
  out.alerts = alerts;
  return out;
}

}  // namespace govsim::collab
