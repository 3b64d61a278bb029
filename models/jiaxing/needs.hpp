#pragma once
// The residents' needs the Jiaxing model distinguishes (seed 000: information, supplies such as
// masks, health and travel reporting, counselling during the crisis; repairs, elderly care and
// community affairs after it). The order is part of the model: it indexes parameter tables and
// the per-need series columns.
#include <array>
#include <cstdint>

namespace govsim::jiaxing {

enum class Need : uint8_t { Information, Supplies, HealthReport, Counselling, HomeServices, Care, CommunityAffairs };
inline constexpr int kNumNeeds = 7;

inline constexpr std::array<const char*, kNumNeeds> kNeedNames = {
    "information", "supplies", "health_report", "counselling", "home_services", "care", "community_affairs"};

// Defaults of the per-need parameters (declared from this table in params.cpp, documented in
// docs/jiaxing_model.md). Weights are shares of the everyday and of the crisis need rate.
struct NeedDefaults {
  double everyday_weight;  // share of everyday needs (sums to 1 over needs)
  double crisis_weight;    // share of crisis needs (sums to 1 over needs)
  double offline_closure;  // fraction of offline provision closed at crisis intensity 1
  double online_affinity;  // probability of choosing the platform when offline is open
  double request_share;    // share of online uses that go to an official when both a
                           // self-service and an official channel are live
};

inline constexpr std::array<NeedDefaults, kNumNeeds> kNeedDefaults = {{
    {0.30, 0.35, 0.6, 0.25, 0.15},  // information: news, notices, consultations
    {0.10, 0.25, 0.8, 0.15, 0.50},  // supplies: masks, groceries
    {0.00, 0.25, 1.0, 0.90, 0.00},  // health and travel reporting (real-name, mandated)
    {0.02, 0.10, 0.9, 0.30, 0.00},  // counselling
    {0.23, 0.02, 0.9, 0.15, 0.30},  // home services: repairs, housekeeping
    {0.15, 0.03, 0.8, 0.20, 0.50},  // elderly care, help for the disabled and children
    {0.20, 0.00, 0.5, 0.30, 0.30},  // community affairs: notices, suggestions, complaints
}};

}  // namespace govsim::jiaxing
