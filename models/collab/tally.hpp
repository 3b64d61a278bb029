#pragma once
// Per-unit daily counters of the collaboration model. Each unit fills its own tally while it is
// simulated (in parallel); the model adds them up in unit order, so totals are exact and
// independent of the thread count. Sums of hours are doubles added in a fixed order as well.
#include <array>
#include <cstdint>

namespace govsim::collab {

enum Counter : int {
  kArrived,              // tasks that arrived
  kClosed,               // tasks closed
  kClosedSameDay,        // ... on the day they arrived
  kSatisfied,            // ... within the residents' satisfaction time
  kDropped,              // tasks dropped (no convergence, or no participant found)
  kDroppedNonConverged,  // ... because mutual adjustment did not converge
  kOfficialWork,         // official sub-task completions (administrative work items)
  kPublicContributions,  // public contributions completed and taken in (social information)
  kAsks,                 // residents asked to contribute
  kDeclines,             // ... who declined or had reached their daily limit
  kRoutings,             // official sub-tasks routed for the first time
  kAutoDispatched,       // ... of which dispatched automatically
  kMisroutes,            // arrivals at a wrong desk
  kClosedPooled,         // closures by interdependence kind
  kClosedSequential,
  kClosedReciprocal,
  kMinorArrived,         // induced minor matters that arrived (adoption.hpp)
  kMinorClosed,          // ... closed
  kContributionsResident,  // contributions by actor kind (ActorKind order, participation.hpp)
  kContributionsVolunteer,
  kContributionsPartyMember,
  kContributionsSocialOrganisation,
  kContributionsFirm,
  kInfoProcessed,        // public contributions in tasks closed (each once, however many rounds repeated it)
  kNumCounters
};

enum HoursSum : int {
  kCloseHours,         // sum over closed tasks of hours from arrival to closure
  kRoutingSteps,       // sum over closed tasks of routing steps (hand-overs of work items)
  kMessages,           // sum over closed tasks of coordination messages
  kCoordinationHours,  // sum over closed tasks of official hours spent coordinating
  kReworks,            // sum over closed tasks of reworked sub-tasks
  kRounds,             // sum over closed tasks of mutual-adjustment rounds
  kBusyHours,          // official working hours started on the day
  kCloseHoursPooled,   // close hours by kind
  kCloseHoursSequential,
  kCloseHoursReciprocal,
  kRecordHours,        // official hours recording work items for review (formalism, adoption.hpp)
  kMinorCloseHours,    // sum over closed minor matters of hours from arrival to closure
  kOtherWorkHours,     // official hours spent on other work (not the simulated tasks)
  kAdjustMessages,     // sum over closed tasks of messages that reconcile work (ask-backs, returns, rounds)
  kRestarts,           // sum over closed tasks of chain re-runs (sequential errors found)
  kNumSums
};

struct UnitTally {
  std::array<uint64_t, kNumCounters> count{};
  std::array<double, kNumSums> sum{};
  void clear() {
    count.fill(0);
    sum.fill(0);
  }
  void add(const UnitTally& o) {
    for (int i = 0; i < kNumCounters; ++i) count[i] += o.count[i];
    for (int i = 0; i < kNumSums; ++i) sum[i] += o.sum[i];
  }
};

}  // namespace govsim::collab
