// RequestQueue (models/jiaxing/request_queue.hpp): first come first served, capacity, expiry
// after patience, routing delay, response-time accounting and conservation of requests.
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <vector>

#include "models/jiaxing/request_queue.hpp"

using govsim::jiaxing::AnswerPlan;
using govsim::jiaxing::kQueueDays;
using govsim::jiaxing::RequestQueue;

namespace {
constexpr int32_t kPatience = 14, kLimit = 3;
}

TEST_CASE("jiaxing request queue: answers the oldest requests first", "[jiaxing]") {
  RequestQueue q;
  q.add(0, 2);
  q.add(1, 3);
  q.add(2, 4);
  const AnswerPlan plan = q.answer(2, 4, 0, kPatience, kLimit);
  CHECK(plan.answered == 4);
  // Both of day 0, then two of the three of day 1: the plan's cutoff says so.
  CHECK(plan.cutoff_tick == 1);
  CHECK(plan.cutoff_count == 2);
  CHECK(q.pending(0) == 0);
  CHECK(q.pending(1) == 1);
  CHECK(q.pending(2) == 4);
  CHECK(plan.response_days == 2 * 2 + 2 * 1);
  CHECK(plan.expired == 0);
  CHECK(q.total() == 5);
}

TEST_CASE("jiaxing request queue: capacity limits the number of answers", "[jiaxing]") {
  for (uint32_t cap : {1u, 5u, 9u, 10u, 100u}) {
    RequestQueue q;
    q.add(3, 4);
    q.add(4, 6);
    const AnswerPlan plan = q.answer(4, cap, 0, kPatience, kLimit);
    INFO("capacity " << cap);
    CHECK(plan.answered == std::min(cap, 10u));
    CHECK(q.total() == 10u - plan.answered);
  }
}

TEST_CASE("jiaxing request queue: with zero capacity answers nothing", "[jiaxing]") {
  RequestQueue q;
  q.add(0, 3);
  q.add(1, 2);
  for (int32_t day = 1; day <= kPatience; ++day) {
    const AnswerPlan plan = q.answer(day, 0, 0, kPatience, kLimit);
    CHECK(plan.answered == 0);
    CHECK(plan.response_days == 0);
    CHECK(plan.within_limit == 0);
    CHECK(plan.cutoff_count == 0);
    CHECK(plan.expired == 0);
    CHECK(q.total() == 5);
  }
}

TEST_CASE("jiaxing request queue: drops requests older than patience", "[jiaxing]") {
  RequestQueue q;
  q.add(0, 5);
  q.add(1, 2);
  // A request made on day 0 can still be answered on day `patience`...
  for (int32_t day = 0; day <= kPatience; ++day)
    CHECK(q.answer(day, 0, 0, kPatience, kLimit).expired == 0);
  CHECK(q.total() == 7);
  // ...and is dropped the day after; day 1's requests one day later.
  CHECK(q.answer(kPatience + 1, 0, 0, kPatience, kLimit).expired == 5);
  CHECK(q.total() == 2);
  CHECK(q.answer(kPatience + 2, 0, 0, kPatience, kLimit).expired == 2);
  CHECK(q.total() == 0);

  // The oldest answerable request is exactly `patience` days old.
  RequestQueue r;
  r.add(0, 3);
  for (int32_t day = 0; day < kPatience; ++day) r.answer(day, 0, 0, kPatience, kLimit);
  const AnswerPlan last = r.answer(kPatience, 10, 0, kPatience, kLimit);
  CHECK(last.answered == 3);
  CHECK(last.response_days == 3u * kPatience);
  CHECK(last.within_limit == 0);
}

TEST_CASE("jiaxing request queue: routing delay keeps young requests from being answered",
          "[jiaxing]") {
  const int32_t delay = 2;
  RequestQueue q;
  q.add(5, 3);
  CHECK(q.answer(5, 10, delay, kPatience, kLimit).answered == 0);
  CHECK(q.answer(6, 10, delay, kPatience, kLimit).answered == 0);
  q.add(7, 4);  // made today: not eligible, but day 5's are now old enough
  const AnswerPlan plan = q.answer(7, 10, delay, kPatience, kLimit);
  CHECK(plan.answered == 3);
  CHECK(plan.response_days == 3u * delay);
  CHECK(q.pending(7) == 4);
  // The plan's cutoff stops before the ineligible days.
  CHECK(plan.cutoff_tick <= 7 - delay + 1);
  CHECK(q.answer(8, 10, delay, kPatience, kLimit).answered == 0);
  CHECK(q.answer(9, 10, delay, kPatience, kLimit).answered == 4);
}

TEST_CASE("jiaxing request queue: counts response days and answers within the limit", "[jiaxing]") {
  RequestQueue q;
  q.add(0, 2);  // answered on day 4: 4 days, late (limit 3)
  q.add(1, 1);  // 3 days: exactly at the limit, counts as in time
  q.add(3, 3);  // 1 day
  q.add(4, 1);  // same day: 0 days
  for (int32_t day = 0; day < 4; ++day) q.answer(day, 0, 0, kPatience, kLimit);
  const AnswerPlan plan = q.answer(4, 100, 0, kPatience, kLimit);
  CHECK(plan.answered == 7);
  CHECK(plan.response_days == 2 * 4 + 1 * 3 + 3 * 1 + 1 * 0);
  CHECK(plan.within_limit == 5);
  CHECK(q.total() == 0);
}

TEST_CASE("jiaxing request queue: overdue counts requests older than the response limit",
          "[jiaxing]") {
  RequestQueue q;
  q.add(0, 1);
  q.add(5, 2);
  q.add(6, 4);
  q.add(9, 8);
  // Today 10, limit 3: requests made before day 7 and not older than patience.
  CHECK(q.overdue(10, kLimit, kPatience) == 1 + 2 + 4);
  CHECK(q.overdue(10, kLimit, /*patience=*/5) == 2 + 4);
  CHECK(q.overdue(10, /*limit=*/0, kPatience) == 15);
}

TEST_CASE("jiaxing request queue: conserves requests and its plan picks exactly the oldest ones",
          "[jiaxing]") {
  // Random arrivals and capacities for long enough to wrap the ring many times. Alongside the
  // queue, a ledger of individual requests (their days, oldest first) is answered by the plan's
  // cutoff exactly as the community pass answers residents.
  for (int32_t delay : {0, 2, 7}) {
    INFO("delay " << delay);
    std::mt19937 gen(1234 + delay);
    // Arrivals and capacity have about the same mean: the queue fills up and drains in turns, so
    // answers, expiries and carried-over requests all occur.
    std::uniform_int_distribution<uint32_t> arrivals(0, 20), capacity(0, 21);
    RequestQueue q;
    std::vector<int32_t> ledger;  // request days still pending, sorted
    uint64_t added = 0, answered = 0, expired = 0;
    for (int32_t day = 0; day < 40 * kQueueDays; ++day) {
      const uint32_t n = arrivals(gen);
      q.add(day, n);
      ledger.insert(ledger.end(), n, day);
      added += n;
      const uint32_t cap = capacity(gen);
      const AnswerPlan plan = q.answer(day, cap, delay, kPatience, kLimit);
      answered += plan.answered;
      expired += plan.expired;
      REQUIRE(added == answered + expired + q.total());
      REQUIRE(plan.answered <= cap);

      // Ledger: drop what is older than patience, then answer by the plan's cutoff.
      const auto old_end = std::find_if(ledger.begin(), ledger.end(),
                                        [&](int32_t d) { return d >= day - kPatience; });
      REQUIRE(static_cast<uint32_t>(std::distance(ledger.begin(), old_end)) == plan.expired);
      ledger.erase(ledger.begin(), old_end);
      uint32_t on_cutoff = plan.cutoff_count, taken = 0;
      uint64_t resp = 0;
      uint32_t in_limit = 0;
      std::vector<int32_t> rest;
      for (int32_t d : ledger) {
        const bool take = d < plan.cutoff_tick || (d == plan.cutoff_tick && on_cutoff > 0);
        if (d == plan.cutoff_tick && take) --on_cutoff;
        if (take) {
          ++taken;
          resp += uint64_t(day - d);
          in_limit += day - d <= kLimit;
          REQUIRE(d <= day - delay);  // never answers a request still being routed
        } else {
          rest.push_back(d);
        }
      }
      REQUIRE(taken == plan.answered);
      REQUIRE(resp == plan.response_days);
      REQUIRE(in_limit == plan.within_limit);
      ledger = rest;
      REQUIRE(ledger.size() == q.total());
      // First come first served: whatever was left is no older than what was answered, unless
      // the capacity ran out or the left request is still being routed.
      if (plan.answered < cap && !ledger.empty()) REQUIRE(ledger.front() > day - delay);
    }
    CHECK(answered > 0);
    CHECK(expired > 0);
  }
}
