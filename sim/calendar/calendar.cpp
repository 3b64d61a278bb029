#include "sim/calendar/calendar.hpp"

#include <algorithm>
#include <stdexcept>

namespace govsim {

const char* to_string(Phase p) {
  switch (p) {
    case Phase::Pre: return "pre";
    case Phase::Mid: return "mid";
    case Phase::Post: return "post";
  }
  return "?";
}

bool parse_phase(const std::string& s, Phase& out) {
  if (s == "pre") out = Phase::Pre;
  else if (s == "mid") out = Phase::Mid;
  else if (s == "post") out = Phase::Post;
  else return false;
  return true;
}

Calendar::Calendar(Date start, Date end, std::vector<PhaseSpan> spans)
    : start_(start), end_(end), spans_(std::move(spans)) {
  if (end < start) throw std::invalid_argument("calendar end " + end.str() + " is before start " + start.str());
  const int32_t n = end - start + 1;
  phase_.assign(n, Phase::Pre);
  intensity_.assign(n, 0.0);
  span_.assign(n, -1);

  // Explicit spans first (clipped to the calendar), rejecting overlaps.
  for (size_t i = 0; i < spans_.size(); ++i) {
    const PhaseSpan& s = spans_[i];
    if (s.end < s.start) throw std::invalid_argument("phase ends before it starts: " + s.start.str());
    for (int32_t t = std::max(0, s.start - start); t <= std::min(n - 1, s.end - start); ++t) {
      if (span_[t] >= 0) throw std::invalid_argument("phases overlap on " + date(t).str());
      span_[t] = static_cast<int32_t>(i);
      phase_[t] = s.kind;
      intensity_[t] = s.intensity;
    }
  }
  // Uncovered days: "pre" before the first mid span begins, "post" after.
  Date first_mid{INT32_MAX};
  for (const PhaseSpan& s : spans_)
    if (s.kind == Phase::Mid) first_mid = std::min(first_mid, s.start);
  for (int32_t t = 0; t < n; ++t)
    if (span_[t] < 0) phase_[t] = date(t) < first_mid ? Phase::Pre : Phase::Post;

  // Real month boundaries.
  month_.assign(n, 0);
  for (int32_t t = 0; t < n; ++t) {
    if (t == 0 || date(t).day() == 1) month_first_tick_.push_back(t);
    month_[t] = static_cast<int32_t>(month_first_tick_.size()) - 1;
  }
}

int32_t Calendar::tick_of(Date d) const {
  const int32_t t = d - start_;
  return (t < 0 || t >= num_ticks()) ? -1 : t;
}

int32_t Calendar::month_num_ticks(int32_t m) const {
  const int32_t next = m + 1 < num_months() ? month_first_tick_[m + 1] : num_ticks();
  return next - month_first_tick_[m];
}

std::string Calendar::month_label(int32_t m) const {
  return date(month_first_tick_[m]).str().substr(0, 7);
}

}  // namespace govsim
