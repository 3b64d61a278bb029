#pragma once
// The working window of field officers (issue 16, point 5a; docs/collab_model.md, "Seed 002's
// other figures"). Switched by collab.working_window.enabled; off, nothing here runs.
//
// Seed 002 (Yuezhengyi's "smart police"): officers with much field work used to receive and handle
// documents only on a police-network computer in the office, so after field duty they had to go back
// to it; with the mobile-office platform "documents handled after 8 pm more than tripled". Here that
// ratio is a prediction of who handles which document where and when:
//   documents   an officer receives Poisson(docs_per_day) documents a working day, each at a uniform
//               hour of [doc_start_hour, doc_end_hour) (the senders' working day);
//   office day  with probability 1 - field_day_share the officer is at the desk: each document is
//               handled when it arrives (the next morning if it arrives after office hours);
//   field day   the duty ends at an hour E ~ Normal(field_end_hour, field_end_sd_hours), clipped to
//               [office start + 1 h, 23.5 h]. Without the platform nothing can be handled in the field:
//               at E the officer is back at the desk at E + travel_hours if that is within office hours,
//               else goes back that evening with probability evening_return_prob (or leaves the pile
//               for the next morning). With the platform each document arriving during duty is handled
//               on the spot with probability field_handle_share; the rest wait until E, when the officer
//               handles them where they are if E is within office hours, else that evening, at home
//               from E + home_hours (commute, dinner), with probability after_hours_willingness (or
//               the next morning);
//   handling    a pile is handled one document after another, doc_minutes each, from its start.
// A document counts as handled after 20:00 when its handling starts at or after 20:00 (the seed's
// threshold; a constant, not a parameter). Draws: counter-based, keyed by (day, officer, stream).
#include <cstdint>

#include "sim/params/param_registry.hpp"
#include "sim/params/param_set.hpp"
#include "sim/rng/counter_rng.hpp"

namespace govsim::collab {

inline constexpr double kEveningHour = 20.0;  // seed 002: "晚上8點后"

struct WorkingWindowParams {
  bool enabled = false;
  int officers = 0;                    // field officers simulated
  double docs_per_day = 0;             // documents per officer per working day
  double doc_start_hour = 0, doc_end_hour = 0;  // documents arrive in this window
  double field_day_share = 0;          // share of working days on field duty
  double field_end_hour = 0, field_end_sd_hours = 0;  // when field duty ends
  double travel_hours = 0;             // field to office desk
  double evening_return_prob = 0;      // without the platform: back to the desk that evening
  double after_hours_willingness = 0;  // with the platform: handles the pile that evening where they are
  double field_handle_share = 0;       // with the platform: handled on the spot during duty
  double home_hours = 0;               // with the platform: from the end of duty to the evening pile at home
  double doc_minutes = 0;              // handling time of one document
  double office_start_hour = 0, office_end_hour = 0;  // collab.officials.* (not declared here)
};

void declare_working_window_parameters(ParamRegistry& reg);
WorkingWindowParams load_working_window_parameters(const ParamSet& p);

struct OfficerDay {
  uint32_t documents = 0;  // received (and handled, that day or the next morning)
  uint32_t after_20h = 0;  // handled starting at or after 20:00
  uint32_t on_spot = 0;    // handled in the field during duty (platform only)
};

// One officer's working day. `mobile`: the officer can use the mobile-office platform that day.
OfficerDay simulate_officer_day(const WorkingWindowParams& p, bool mobile, const CounterRng& rng, uint32_t tick,
                                uint32_t officer);

}  // namespace govsim::collab
