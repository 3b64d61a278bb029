#pragma once
// One community's day: its firms, its services, its residents' needs, registrations, activity
// and co-production, and its team's answers to queued requests. Communities are independent
// within a day (they read other communities' residents only through yesterday's registration
// buffer), so the model runs them in parallel; inside a community, agents go in id order.
#include <cstdint>

#include "models/jiaxing/params.hpp"
#include "models/jiaxing/state.hpp"
#include "sim/network/network.hpp"
#include "sim/rng/counter_rng.hpp"

namespace govsim::jiaxing {

// Raw views of the agent columns (structure of arrays).
struct ResidentView {
  const uint8_t* age;
  const float* literacy;
  float* trust;
  const uint8_t* registered;   // yesterday (read, also for neighbours)
  uint8_t* registered_next;    // today (written)
  int32_t* request_day;        // -1: no pending request
  int16_t* last_active_month;  // -1: never active
  uint8_t* flags;
  uint8_t* news;               // today's outcome of the resident's request (rules::Outcome); the
                               // model spreads it to the neighbours after the step and clears it
  uint8_t* crisis;             // eligibility for and awareness of targeted crisis services (CrisisFlag)
  int16_t* council_month;      // month of the resident's last council vote or comment (-1: none)
};
struct FirmView {
  const uint8_t* sector;  // 0 home services, 1 supplies
  uint8_t* status;        // FirmStatus
  uint8_t* listed;
};

// Random-number streams (agent word = resident, firm or community id). Never reuse a number.
enum Stream : uint32_t {
  kResidentDaily = 1, kFirmDaily = 2, kNeedDetail = 4, kHearing = 5, kTargeted = 6,
  kSetupResident = 10, kSetupOfficial = 11, kSetupFirm = 12, kSetupHousehold = 13, kSetupOnline = 14,
  kAdoptionBase = 100,    // + service index (community id as the agent word)
  kCouncilDayBase = 200   // + service index (month as the tick word, community id as the agent word)
};

void step_community(const JiaxingParams& p, const DayContext& day, const CounterRng& rng, const Network& social,
                    uint32_t community_id, Community& c, const ResidentView& r, const FirmView& f);

}  // namespace govsim::jiaxing
