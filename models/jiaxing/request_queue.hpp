#pragma once
// A community team's queue of residents' requests, first come first served.
//
// The queue keeps only counts of pending requests by the day they were made (a ring of
// kQueueDays days); which resident's request is answered is decided by the community pass,
// which walks residents in id order: every pending request made before the cutoff day is
// answered, and of those made on the cutoff day the first `cutoff_count` in id order. Counts and
// per-resident outcomes therefore always agree, and the result does not depend on threads.
#include <array>
#include <cstdint>

namespace govsim::jiaxing {

inline constexpr int32_t kQueueDays = 64;

struct AnswerPlan {
  int32_t cutoff_tick = -1;    // requests made before this tick are answered in full
  uint32_t cutoff_count = 0;   // and this many of those made on cutoff_tick
  uint32_t answered = 0;
  uint64_t response_days = 0;  // sum over answered requests of (today - request day)
  uint32_t within_limit = 0;   // answered no later than the response limit
  uint32_t expired = 0;        // dropped today: older than patience
};

class RequestQueue {
 public:
  void add(int32_t tick, uint32_t n = 1) { count_[slot(tick)] += n; }
  uint32_t pending(int32_t tick) const { return count_[slot(tick)]; }
  uint32_t total() const {
    uint32_t t = 0;
    for (uint32_t c : count_) t += c;
    return t;
  }
  // Requests older than `limit` days (made before today - limit).
  uint32_t overdue(int32_t today, int32_t limit, int32_t patience) const {
    uint32_t n = 0;
    for (int32_t r = today - patience; r < today - limit; ++r)
      if (r >= 0) n += count_[slot(r)];
    return n;
  }

  // Drops requests older than `patience` days, then answers up to `capacity` of those at least
  // `delay` days old, oldest first. Requires patience + delay < kQueueDays - 1.
  AnswerPlan answer(int32_t today, uint32_t capacity, int32_t delay, int32_t patience, int32_t limit) {
    AnswerPlan plan;
    const int32_t expire_day = today - patience - 1;  // requests made on this day are dropped
    if (expire_day >= 0) {
      plan.expired = count_[slot(expire_day)];
      count_[slot(expire_day)] = 0;
    }
    plan.cutoff_tick = std::max(0, today - patience);  // nothing older is pending
    for (int32_t r = std::max(0, today - patience); r <= today - delay; ++r) {
      uint32_t& c = count_[slot(r)];
      const uint32_t take = c < capacity ? c : capacity;
      capacity -= take;
      c -= take;
      plan.answered += take;
      plan.response_days += uint64_t(take) * uint64_t(today - r);
      if (today - r <= limit) plan.within_limit += take;
      plan.cutoff_tick = r;
      plan.cutoff_count = take;
      if (c > 0 || capacity == 0) return plan;
      plan.cutoff_tick = r + 1;  // the whole day was answered
      plan.cutoff_count = 0;
    }
    return plan;
  }

 private:
  static int32_t slot(int32_t tick) { return ((tick % kQueueDays) + kQueueDays) % kQueueDays; }
  std::array<uint32_t, kQueueDays> count_{};
};

}  // namespace govsim::jiaxing
