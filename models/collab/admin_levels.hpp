#pragma once
// Administrative levels (issue 16, point 5b; docs/collab_model.md, "Seed 002's other figures").
// Switched by collab.levels.enabled; off, nothing here runs.
//
// Seed 002 (Shanghai, Jiangsu Road street): 1,200 elderly people living alone have door and water
// sensors; the AI pushes an alert to the residents' committee after days without water use or going
// out, and staff call or visit; "99 % of matters were handled at the grassroots". Here where a matter
// is resolved is a prediction. A matter arising in a community needs, independently:
//   authority   the community's, the street's or the district's (or higher): powers, approvals;
//   information held at the community, or only at the street or district (records, departments' data);
//   resources   the community's own, or staff and funds only the street or district can commit.
// Each need's level is drawn from its stated shares. A matter escalates community -> street ->
// district until it reaches the highest level any of its needs requires, and is resolved there.
// The platform shares information: with it live, information held above the community is available
// at the community with probability info_sharing (shared records, the alert itself), so that need
// drops to the community; authority and resources are not shared. And the platform's sensors raise
// alerts, Poisson(sensor_elderly * alert_rate) a day: a welfare call or visit, the residents'
// committee's own authority and the information the alert carries, resources drawn as for any matter.
// Matters per day: Poisson(matters_per_day). Draws: counter-based, keyed by (day, matter, stream).
#include <array>
#include <cstdint>

#include "sim/params/param_registry.hpp"
#include "sim/params/param_set.hpp"
#include "sim/rng/counter_rng.hpp"

namespace govsim::collab {

enum class Level : uint8_t { Community = 0, Street = 1, District = 2 };
inline constexpr int kNumLevels = 3;
inline constexpr const char* kLevelNames[kNumLevels] = {"community", "street", "district"};

struct LevelsParams {
  bool enabled = false;
  double matters_per_day = 0;   // matters arising in the communities per day
  double sensor_elderly = 0;    // elderly living alone with sensors (alerts only with the platform)
  double alert_rate = 0;        // alerts per sensor-equipped elder per day
  // Shares of matters whose need is at the street / at the district (the rest: the community).
  std::array<double, 2> authority{}, information{}, resources{};
  double info_sharing = 0;      // with the platform: information above the community available at it
};

void declare_levels_parameters(ParamRegistry& reg);
LevelsParams load_levels_parameters(const ParamSet& p);

// The level a matter is resolved at, from its three uniforms (authority, information, resources),
// the uniform of the platform's sharing, whether the platform is live and whether it is a sensor alert.
Level resolve_level(const LevelsParams& p, const std::array<double, 4>& u, bool platform, bool alert);

struct LevelsDay {
  std::array<uint32_t, kNumLevels> matters{};  // resolved at each level
  uint32_t alerts = 0;                         // of which sensor alerts
};
LevelsDay simulate_levels_day(const LevelsParams& p, bool platform, const CounterRng& rng, uint32_t tick);

}  // namespace govsim::collab
