#pragma once
// State of the Jiaxing model that is not a plain agent column: per-community teams, queues and
// daily tallies, and the day's shared context.
#include <array>
#include <cstdint>

#include "models/jiaxing/needs.hpp"
#include "models/jiaxing/params.hpp"
#include "models/jiaxing/request_queue.hpp"

namespace govsim::jiaxing {

// Daily tallies, summed over communities after each step (integers: exact in any order).
enum Counter : int {
  kNeeds, kMetOnline, kQueued, kMetOffline, kUnmet,
  kActive, kActiveAge0, kActiveAge1, kActiveAge2,
  kRegistered, kRegAge0, kRegAge1, kRegAge2, kNewRegistrations,
  kNewRequests, kIgnoredRequests, kAnswered, kAnsweredInLimit, kResponseDays, kExpired, kPending, kCapacity,
  kConsultations, kNewMaskRequesters, kNewMaskRecipients, kMasksHandedOut,
  kMutualAid, kMasksExchanged,
  kVolunteers, kNewVolunteers, kVolunteerActs, kCareByVolunteers,
  kCounselling, kNewCounselled, kDeliberation, kBookings,
  kFirmsOpen, kFirmsClosed, kFirmsResumed, kFirmsListed, kFirmClosedDays,
  kServicesLive,
  kDormantUsers, kNewDormant, kReturned, kNewsHeard,
  // targeted crisis services (crisis_channels.hpp) and councils' monthly rounds (deliberation.hpp)
  kMaskExchanges, kMasksDelivered, kMaskStock, kNewAware, kCounsellingCapacity, kCounsellingWaiting,
  kCouncilRounds,
  kUses0, kUses6 = kUses0 + kNumNeeds - 1,
  kGap0, kGap6 = kGap0 + kNumNeeds - 1,  // needs that arose where offline provision was closed, by need
  kBrought0, kBrought6 = kBrought0 + kNumNeeds - 1,  // needs of active (non-dormant) users, by need:
                                                     // what residents bring to the platform (service_decisions.hpp)
  kMonthActive0, kMonthActive1, kMonthActive2,
  kNumCounters
};
using Tally = std::array<uint64_t, kNumCounters>;

// Resident flag bits.
enum Flag : uint8_t {
  kVolunteer = 1, kCounselled = 2, kMaskRequester = 4, kMaskPending = 8, kMaskRecipient = 16,
  kIgnored = 32,  // a pending request no official took up (accountability off)
  kDormant = 64,  // registered but not using the platform (lapsed; may come back)
  kOffline = 128  // does not use the mobile internet: can never register (adoption ceiling, set-up)
};
// Firm status.
enum FirmStatus : uint8_t { kOpen = 0, kClosed = 1, kResumed = 2 };

struct Community {
  uint32_t begin = 0, end = 0;            // resident ids [begin, end)
  uint32_t firm_begin = 0, firm_end = 0;  // firm ids
  double capacity = 0;                    // sum of its officials' capacities (requests/day)
  int entrepreneurs = 0;
  uint32_t adopted = 0;                   // entrepreneur services rolled out here (bitmask)
  RequestQueue queue;
  double answer_carry = 0;                // fractional capacity carried to the next day
  uint64_t mask_stock = 0;               // whole masks held by mask aid (delivered - handed out)
  double mask_carry = 0;                  // fractional delivery carried to the next day
  uint32_t bookings = 0;                  // counselling sessions booked and not yet given (end of day)
  uint32_t sessions_granted = 0;          // today's share of the city's counselling sessions
  uint32_t offers = 0;                    // mutual-aid offers made yesterday
  double volunteer_capacity = 0;          // care needs volunteers can meet today
  std::array<uint32_t, 2> booking_demand{};  // yesterday's residents who tried to book a firm, by sector
                                             // (home services, supplies): what firms expect (conditions.hpp)
  uint32_t registered = 0;                // at the start of the day
  std::array<uint32_t, 3> month_active{}; // distinct active residents this month, by age group
  Tally tally{};
  double trust_sum = 0;
};

// What every community needs to know about today; computed once per tick.
struct DayContext {
  uint32_t tick = 0;
  int32_t month = 0;
  bool new_month = false;
  double intensity = 0;
  bool after_emergency = false;
  double preference = 1;           // online preference multiplier (offline rebound)
  double push = 0;                 // registration push
  std::array<double, kNumNeeds> rate{};       // need rates
  std::array<double, kNumNeeds> cum_rate{};   // cumulative, for picking a need from one draw
  double total_rate = 0;
  std::array<double, kNumNeeds> open{};       // offline availability
  uint32_t launched = 0;           // services within their dates (bitmask)
  int32_t day_of_month = 1;        // 1-based
  int32_t days_in_month = 30;
  bool firms_closing = false;
};

}  // namespace govsim::jiaxing
