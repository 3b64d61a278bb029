// The Jiaxing model's summary scalars agree with the series they summarise (small scenario).
#include <catch2/catch.hpp>
#include <cmath>

#include "jiaxing_test_support.hpp"
#include "sim/metrics/resilience.hpp"

using namespace govsim;
using namespace govsim::jiaxing_test;

TEST_CASE("jiaxing: summary scalars agree with the series", "[jiaxing]") {
  const RunResult r = run_small();
  const int32_t n = r.calendar.num_ticks();
  CHECK(scalar(r, "registered_end") == daily(r, "n_registered").at(n - 1));
  CHECK(scalar(r, "volunteers_end") == daily(r, "n_volunteers").at(n - 1));
  CHECK(scalar(r, "mask_recipients") == sum(daily(r, "new_mask_recipients")));
  CHECK(scalar(r, "mask_recipients") <= scalar(r, "mask_requesters"));
  CHECK(scalar(r, "counselled") == sum(daily(r, "new_counselled")));
  CHECK(scalar(r, "firm_closed_days_mean") == Approx(sum(daily(r, "n_firms_closed")) / 200.0));

  // Service provision: the pre level is the share of needs met over the 30 days before the
  // crisis (23 January 2020); nothing is closed then, so every need is met.
  const int32_t crisis = tick(r, "2020-01-23"), emergency_end = tick(r, "2020-03-02");
  const SeriesData& met = daily(r, "share_needs_met");
  const std::vector<double> x(met.values.begin(), met.values.end());
  const Resilience res = resilience_of(x, crisis, 30, emergency_end + 1, n);
  CHECK(scalar(r, "needs_met_pre") == 1.0);
  CHECK(scalar(r, "needs_met_pre") == res.pre_level);
  CHECK(scalar(r, "needs_met_loss_area") == res.loss_area);
  CHECK(scalar(r, "needs_met_bounce_forward") == res.bounce_forward);
  CHECK(scalar(r, "needs_met_loss_area") > 0.0);
  // The lockdown ends on 30 April (intensity 0 from 1 May): the share of needs met is back at 1
  // and recovery is found within a week of that.
  CHECK(met.at(tick(r, "2020-05-01")) == 1.0);
  const double rec = scalar(r, "needs_met_recovery_days");
  REQUIRE_FALSE(std::isnan(rec));
  CHECK(rec == res.recovery_days);
  CHECK(rec <= tick(r, "2020-05-07") - crisis);
  CHECK(rec > emergency_end - crisis);

  // Platform activity: post = pre x bounce-forward, with pre the mean of November and December.
  const SeriesData& m = monthly(r, "rate_active_monthly");
  const double pre = (m.at(month(r, "2019-11")) + m.at(month(r, "2019-12"))) / 2;
  CHECK(scalar(r, "activity_pre") == Approx(pre));
  CHECK(scalar(r, "activity_post") ==
        Approx(scalar(r, "activity_pre") * scalar(r, "activity_bounce_forward")));
  double post = 0;
  for (int32_t k = month(r, "2020-05"); k < r.calendar.num_months(); ++k) post += m.at(k);
  post /= r.calendar.num_months() - month(r, "2020-05");
  CHECK(scalar(r, "activity_post") == Approx(post));
}
