#pragma once
// What a rule knows about "today".
#include <cstdint>

#include "sim/calendar/calendar.hpp"

namespace govsim {

struct TickContext {
  int32_t tick = 0;
  Date date;
  Phase phase = Phase::Pre;
  double intensity = 0.0;  // crisis intensity in [0, 1]
  int32_t month = 0;       // index into the calendar's months
  bool month_ends = false; // true on the last tick of a calendar month (or of the run)
};

}  // namespace govsim
