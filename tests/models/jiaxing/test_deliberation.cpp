// Residents' councils deliberate monthly (issue 15, point 5; models/jiaxing/deliberation.hpp):
// one round a month per council and community, one vote or comment a month per resident, and
// post-crisis activity that settles instead of climbing.
#include <catch2/catch.hpp>

#include <vector>

#include "jiaxing_test_support.hpp"
#include "models/jiaxing/deliberation.hpp"

using namespace govsim;
using namespace govsim::jiaxing;
using namespace govsim::jiaxing_test;

TEST_CASE(
    "jiaxing councils: one meeting per council and community a month, the agenda open before it",
    "[jiaxing][councils]") {
  const CounterRng rng(7, 0);
  CouncilParams cp;
  cp.round_days = 7;
  for (int32_t m = 0; m < 24; ++m)
    for (uint32_t c = 0; c < 50; ++c)
      for (uint32_t s = 0; s < 2; ++s) {
        DayContext day;
        day.month = m;
        day.days_in_month = 28 + int32_t(m % 4);
        int meetings = 0, open = 0;
        const int32_t meet = meeting_day(rng, m, c, s, day.days_in_month, cp.round_days);
        REQUIRE(meet >= cp.round_days);  // the whole round lies in its month
        REQUIRE(meet <= day.days_in_month);
        for (day.day_of_month = 1; day.day_of_month <= day.days_in_month; ++day.day_of_month) {
          const CouncilRound r = council_round(cp, day, rng, c, s);
          meetings += r.meeting;
          open += r.open;
          if (r.meeting) REQUIRE(r.open);
        }
        REQUIRE(meetings == 1);
        REQUIRE(open == cp.round_days);  // every round is open round_days days, whatever its meeting day
      }
}

TEST_CASE("jiaxing councils: meeting days cover the days that keep the round in its month",
          "[jiaxing][councils]") {
  // Uniform on [round_days, days_in_month]: every such day occurs, none before; a month shorter
  // than a round meets on its last day.
  const CounterRng rng(11, 0);
  std::vector<int> seen(32, 0);
  for (int32_t m = 0; m < 400; ++m)
    for (uint32_t c = 0; c < 50; ++c) ++seen.at(meeting_day(rng, m, c, 0, 30, 7));
  for (int d = 1; d < 7; ++d) CHECK(seen[d] == 0);
  for (int d = 7; d <= 30; ++d) {
    INFO("day " << d);
    CHECK(seen[d] > 20000 / 24 / 2);  // 20 000 draws over 24 days: about 833 each
  }
  CHECK(meeting_day(rng, 0, 0, 0, 5, 7) == 5);
}

TEST_CASE("jiaxing councils: a resident takes part at most once a month and activity settles",
          "[jiaxing][councils]") {
  const double q =
      0.05;  // council_participation, set here so the bound below does not follow the calibration
  const RunResult r =
      run_small({"jiaxing.coproduction.council_participation=" + std::to_string(q)});
  const SeriesData& acts = daily(r, "deliberation_acts");
  const SeriesData& meetings = daily(r, "council_meetings");
  const SeriesData& registered = daily(r, "n_registered");
  const int32_t communities = 20,
                councils = 2;  // run_small: 20 000 residents in communities of 1 000
  double total_meetings = 0;
  for (int32_t m = 0; m < r.calendar.num_months(); ++m) {
    const int32_t a = r.calendar.month_first_tick(m);
    const int32_t b =
        m + 1 < r.calendar.num_months() ? r.calendar.month_first_tick(m + 1) : acts.rows;
    INFO("month " << r.calendar.month_label(m));
    const double month_meetings = sum(meetings, a, b);
    REQUIRE(month_meetings <= communities * councils);  // at most once per council per month
    REQUIRE(sum(acts, a, b) <= registered.at(b - 1));   // one vote or comment per resident a month
    total_meetings += month_meetings;
  }
  CHECK(total_meetings > 0);
  // Settling: the old daily deliberation climbed to about half of all users by December (52 % at
  // 1/10 scale). With monthly rounds the last four months change little. (0.40 before issue 15's
  // conditions as levels were merged in: with trust in registration and firms listing from demand,
  // Dec is 0.41 here; the bound only separates settling from the old climb to ~0.5.)
  const SeriesData& rate = monthly(r, "rate_active_monthly");
  const double sep = rate.at(month(r, "2020-09")), dec = rate.at(month(r, "2020-12"));
  INFO("Sep " << sep << ", Dec " << dec);
  CHECK(dec < 0.45);
  CHECK(dec - sep < 0.05);
  // Council participation per month is bounded by the round: at most 1 - (1 - q)^(councils x
  // round_days) of registered users even at full critical mass (round_days 7; trust above its
  // mean can raise q: allow x1.5).
  const int32_t d0 = r.calendar.month_first_tick(month(r, "2020-12"));
  const double dec_share = sum(acts, d0) / registered.at(acts.rows - 1);
  CHECK(dec_share < 1.0 - std::pow(1.0 - 1.5 * q, councils * 7));
}
