#pragma once
// Residents of the cities: applying for a code when they need to move or work, the colour the
// pooled (or siloed) data give them, quarantine, checks, work and inter-city trips. One parallel
// pass over residents a day: reads the current buffers and the cities' day, writes the next ones.
#include <cstdint>

#include "models/health_code/cities.hpp"
#include "models/health_code/params.hpp"
#include "sim/model/world.hpp"

namespace govsim::models::health_code {

enum Colour : uint8_t { kNoCode = 0, kGreen = 1, kYellow = 2, kRed = 3 };
enum Check : uint8_t { kCheckWork = 1, kCheckTransport = 2, kCheckCommunity = 4 };
enum Arrival : uint8_t { kNoArrival = 0, kArrivalControlled = 1, kArrivalUncontrolled = 2 };

// The residents' columns (added to the "residents" store in setup). Random draws are keyed by the
// global id World::resident_base() + i, so a run split over MPI ranks draws what one process does.
struct ResidentColumns {
  Column<uint16_t>* city = nullptr;     // region index
  Column<uint8_t>* age = nullptr;       // 0: 0-14, 1: 15-64, 2: 65+
  Column<uint8_t>* literate = nullptr;  // digital literacy
  Column<uint8_t>* district = nullptr;  // lives in the area of the first (district) code
  Column<uint8_t>* employed = nullptr;
  Column<uint8_t>* firm_rank = nullptr; // the employer's place in the city's resumption order (0-255)
  // double-buffered
  Column<uint8_t>* code = nullptr;      // Colour
  Column<uint8_t>* days_left = nullptr; // quarantine days left (yellow, red)
  Column<uint8_t>* working = nullptr;
  Column<uint8_t>* checks = nullptr;    // Check bits of the day
  Column<uint8_t>* issued = nullptr;    // colour of a code issued today (0: none)
  Column<uint8_t>* applied = nullptr;   // applied today
  Column<uint8_t>* trip = nullptr;      // made an inter-city trip today
  Column<uint8_t>* arrival = nullptr;   // Arrival: arrived from abroad today

  void add(World& w, const HealthCodeParams& p);
};

void residents_pass(const World& w, const HealthCodeParams& p, const CityDay& day, uint32_t tick,
                    ResidentColumns& c);

}  // namespace govsim::models::health_code
