#pragma once
// Which days of a run get a checkpoint, and under which file name (govsim run --checkpoint ...).
//
// --checkpoint-at DATE (repeatable) and --checkpoint-every N (every N-th day: days N-1, 2N-1, ...
// of the run) pick the days; each checkpoint holds the state at the end of its day. A path with
// "%D" gets the day's date there (ck_%D.h5 -> ck_2020-02-09.h5), one file per day; a path without
// it is replaced atomically by each newer checkpoint, so it always holds the latest (what crash
// recovery needs).
#include <cstdint>
#include <string>
#include <vector>

#include "sim/calendar/calendar.hpp"

namespace govsim {

struct CheckpointRequest {
  std::string path;                 // may contain %D
  std::vector<std::string> dates;   // --checkpoint-at
  int32_t every = 0;                // --checkpoint-every (0: off)
};

// Sorted, distinct ticks; throws UsageError naming the option for a malformed date, a date
// outside the calendar, or options without a path (and a path without days).
std::vector<int32_t> checkpoint_ticks(const CheckpointRequest& request, const Calendar& calendar);

// The file for the checkpoint of `date`.
std::string checkpoint_path(const std::string& pattern, const Date& date);

}  // namespace govsim
