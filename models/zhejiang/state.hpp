#pragma once
// State of the Zhejiang model outside the residents' columns: counties (with their map
// indicators), communities, firms with their workers, and the day's tallies.
#include <array>
#include <cstdint>
#include <vector>

#include "models/zhejiang/colour_map.hpp"
#include "models/zhejiang/params.hpp"

namespace govsim::zhejiang {

// Disease state of a resident (the epidemic of issue 13: SEIR with presymptomatic and
// asymptomatic states). Confirmed cases are isolated (flag kConfirmed) until removed.
enum Disease : uint8_t { kS = 0, kE, kP, kY, kA, kR, kNumDisease };
inline constexpr std::array<const char*, kNumDisease> kDiseaseNames = {
    "susceptible", "exposed", "presymptomatic", "symptomatic", "asymptomatic", "removed"};

// Resident flag bits.
enum Flag : uint8_t {
  kAway = 1,       // not in the province yet (Hubei traveller or worker away for the Spring Festival)
  kHubei = 2,      // Hubei-linked resident (seed 001's 300,000)
  kFound = 4,      // found by data matching or community reporting
  kConfirmed = 8,  // a confirmed case (isolated while infectious)
  kImported = 16,  // infected outside the province
  kEmployed = 32,
  kRisk = 64       // a returning worker from a risk area (quarantined on arrival)
};

// Firm states: every firm is in exactly one.
enum FirmState : uint8_t { kOpen = 0, kClosed, kApplied, kApproved, kNumFirmStates };
inline constexpr std::array<const char*, kNumFirmStates> kFirmStateNames = {"open", "closed", "applied", "approved"};

// Random-number streams; a stream id never changes meaning once published.
enum Stream : uint32_t { kSetupPlace = 1301, kSetupWork = 1302, kSetupTravel = 1303, kDaily = 1311, kFirmDaily = 1312,
                         kFirmSetup = 1313, kSetupAway = 1314,
                         // the sparse scheme (epidemic_sparse.cpp)
                         kSparseHome = 1321, kSparseWork = 1322, kSparseComm = 1323, kSparseCommThin = 1324,
                         kSparseTravel = 1325, kSparseTravelThin = 1326, kSparseProgress = 1327,
                         kSparseQuarantine = 1328, kSparseArrival = 1329,
                         kSparseWorkSkip = 1330, kSparseTraceWorkSkip = 1331 };

// Where a resident was infected (the series new_infections_by_setting). A resident exposed to
// several settings on one day is attributed to one of them with probability proportional to its
// hazard (dense scheme) or to the first channel that drew it (sparse scheme, in this order).
enum Setting : int { kAtHome = 0, kAtWork, kInCommunity, kByTravel, kOnArrival, kNumSettings };
inline constexpr std::array<const char*, kNumSettings> kSettingNames = {"household", "workplace", "community",
                                                                        "travel", "arrival"};

// Per-county daily tallies (integers: exact in any reduction order).
enum Tally : int {
  kNewInfections, kNewCases, kNewImportedCases, kNewClusters, kNewQuarantined, kQuarantined, kAwayNow,
  kWorkersPresent, kDisease0, kInfectedIn0 = kDisease0 + kNumDisease, kNumTallies = kInfectedIn0 + kNumSettings
};
using TallyRow = std::array<uint64_t, kNumTallies>;

struct County {
  uint32_t begin = 0, end = 0;            // resident ids
  uint32_t comm_begin = 0, comm_end = 0;  // community ids
  std::array<uint32_t, kNumSectors + 1> firm_offset{};  // firm ids of sector s: [offset[s], offset[s+1])
  uint32_t city = 0;                      // index into the city list
  double travel_weight_sum = 0;
  double hubei_prevalence = 1;            // infected share of its Hubei-linked residents / zhejiang.hubei.infected_share
};

// The map's running indicators of one county (simulated counts; the score divides by the scale).
struct CountyRecord {
  uint64_t cum_cases = 0, cum_local = 0, clusters = 0;
  int32_t last_case_tick = -1;
  std::array<uint64_t, 7> new_ring{};  // new cases on the last 7 days
  uint8_t colour = kGreen;
  uint8_t mapped = 0;                  // 1 once the map has coloured it
  double score = 0;
};

}  // namespace govsim::zhejiang
