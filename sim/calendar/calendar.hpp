#pragma once
// Maps ticks (one tick = one day) to dates, crisis phases and calendar months.
//
// The scenario's crisis timeline is a list of dated spans, each with a phase kind (pre/mid/post)
// and an intensity in [0, 1]. Days not covered by any span get intensity 0 and the kind implied
// by their position: "pre" before the first "mid" span starts, "post" after it. So a timeline
// with a single mid span is enough to describe a crisis.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/calendar/date.hpp"

namespace govsim {

enum class Phase : uint8_t { Pre = 0, Mid = 1, Post = 2 };
inline constexpr int kNumPhases = 3;
const char* to_string(Phase p);
bool parse_phase(const std::string& s, Phase& out);

struct PhaseSpan {
  Phase kind = Phase::Pre;
  Date start;              // inclusive
  Date end;                // inclusive
  double intensity = 0.0;  // crisis intensity in [0, 1]
  std::string label;       // free text, e.g. "lockdown"
};

class Calendar {
 public:
  // Throws std::invalid_argument if end < start or spans overlap; the scenario checks report
  // such cases with file positions before a Calendar is ever built.
  Calendar(Date start, Date end, std::vector<PhaseSpan> spans = {});

  int32_t num_ticks() const { return static_cast<int32_t>(phase_.size()); }
  Date start() const { return start_; }
  Date end() const { return end_; }
  Date date(int32_t tick) const { return start_ + tick; }
  Phase phase(int32_t tick) const { return phase_[tick]; }
  double intensity(int32_t tick) const { return intensity_[tick]; }
  const std::vector<PhaseSpan>& spans() const { return spans_; }
  // Index of the span covering the tick, or -1.
  int32_t span_index(int32_t tick) const { return span_[tick]; }
  // Tick of a date, or -1 if outside the calendar.
  int32_t tick_of(Date d) const;

  // Calendar months overlapped by the run, in order; the first and last may be partial.
  int32_t num_months() const { return static_cast<int32_t>(month_first_tick_.size()); }
  int32_t month_of(int32_t tick) const { return month_[tick]; }
  int32_t month_first_tick(int32_t m) const { return month_first_tick_[m]; }
  int32_t month_num_ticks(int32_t m) const;
  std::string month_label(int32_t m) const;  // "YYYY-MM"

 private:
  Date start_, end_;
  std::vector<PhaseSpan> spans_;
  std::vector<Phase> phase_;
  std::vector<double> intensity_;
  std::vector<int32_t> span_;
  std::vector<int32_t> month_;
  std::vector<int32_t> month_first_tick_;
};

}  // namespace govsim
