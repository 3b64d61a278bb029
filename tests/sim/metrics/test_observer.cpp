// The observer: collectors run once per tick into the right row; monthly values aggregate over
// real month boundaries (partial months, leap February); explicit monthly series fill at month end.
#include <catch2/catch.hpp>

#include "sim/metrics/metric_registry.hpp"
#include "sim/store/agent_store.hpp"

using namespace govsim;

namespace {

TickContext ctx_of(const Calendar& c, int32_t t) {  // as Simulation::context builds it
  TickContext x;
  x.tick = t;
  x.date = c.date(t);
  x.month = c.month_of(t);
  x.month_ends = t + 1 == c.num_ticks() || c.month_of(t + 1) != x.month;
  return x;
}

}  // namespace

TEST_CASE("daily, grouped and monthly series are recorded and aggregated exactly", "[metrics]") {
  const Calendar cal(Date::from_ymd(2020, 1, 15), Date::from_ymd(2020, 3, 10));  // 17 + 29 + 10 days
  MetricRegistry reg;
  reg.add_daily({"new_x", SeriesKind::New, "1/day", "", Aggregation::Sum, "", {}},
                [](const TickContext& c, std::span<double> o) { o[0] = c.tick; });
  reg.add_daily({"n_y", SeriesKind::Stock, "", "", Aggregation::Mean, "g", {"a", "b"}},
                [](const TickContext& c, std::span<double> o) { o[0] = 1; o[1] = c.tick; });
  reg.add_daily({"cum_z", SeriesKind::Cumulative, "", "", Aggregation::Last, "", {}},
                [](const TickContext& c, std::span<double> o) { o[0] = 10.0 * c.tick; });
  int calls = 0;
  reg.add_monthly({"rate_m", SeriesKind::Rate, "", "", Aggregation::Mean, "", {}},
                  [&](const TickContext& c, std::span<double> o) { ++calls; o[0] = c.date.day(); });
  CHECK_THROWS_AS(reg.add_daily({"new_x", SeriesKind::New, "", "", Aggregation::Sum, "", {}}, nullptr), std::logic_error);
  CHECK_THROWS_AS(reg.add_monthly({"n_y", SeriesKind::Stock, "", "", Aggregation::Mean, "", {}}, nullptr), std::logic_error);

  Recorder rec(reg, cal);
  for (int32_t t = 0; t < cal.num_ticks(); ++t) rec.record(ctx_of(cal, t));
  CHECK(calls == 3);
  const auto& d = rec.daily();
  CHECK(d[0].at(20) == 20);
  CHECK(d[1].at(20, 1) == 20);
  CHECK(d[1].spec.width() == 2);
  const auto m = rec.monthly();
  REQUIRE(m.size() == 4);
  CHECK(m[0].rows == 3);
  CHECK(m[0].at(0) == 136.0);                      // sum 0..16
  CHECK(m[0].at(1) == (17 + 45) * 29 / 2.0);       // sum 17..45 (leap February: 29 days)
  CHECK(m[1].at(1, 0) == 1.0);
  CHECK(m[1].at(2, 1) == Approx((46 + 55) / 2.0)); // mean 46..55
  CHECK(m[2].at(0) == 160.0);                      // last of January: tick 16
  CHECK(m[3].at(0) == 31);                         // explicit: filled on 2020-01-31
  CHECK(m[3].at(1) == 29);
  CHECK(m[3].at(2) == 10);                         // last day of the run
}

TEST_CASE("a series is declared with its kind, which must agree with its name and aggregation", "[metrics]") {
  MetricRegistry reg;
  auto none = [](const TickContext&, std::span<double>) {};
  // A name with a kind's prefix must be of that kind.
  CHECK_THROWS_AS(reg.add_daily({"new_a", SeriesKind::Stock, "", "", Aggregation::Mean, "", {}}, none), std::logic_error);
  CHECK_THROWS_AS(reg.add_daily({"n_a", SeriesKind::New, "", "", Aggregation::Sum, "", {}}, none), std::logic_error);
  CHECK_THROWS_AS(reg.add_daily({"share_a", SeriesKind::Rate, "", "", Aggregation::Mean, "", {}}, none), std::logic_error);
  // A flow sums over a month; a running total takes the month's last day; nothing else sums.
  CHECK_THROWS_AS(reg.add_daily({"new_b", SeriesKind::New, "", "", Aggregation::Mean, "", {}}, none), std::logic_error);
  CHECK_THROWS_AS(reg.add_daily({"cum_b", SeriesKind::Cumulative, "", "", Aggregation::Mean, "", {}}, none),
                  std::logic_error);
  CHECK_THROWS_AS(reg.add_daily({"level", SeriesKind::Stock, "", "", Aggregation::Sum, "", {}}, none), std::logic_error);
  // A name without a kind prefix takes its declared kind.
  CHECK_NOTHROW(reg.add_daily({"bookings_served", SeriesKind::New, "", "", Aggregation::Sum, "", {}}, none));
  CHECK_NOTHROW(reg.add_daily({"nothing_new", SeriesKind::Mean, "", "", Aggregation::Mean, "", {}}, none));
  CHECK(std::string(to_string(reg.daily()[0].spec.kind)) == "new");
  for (int k = 0; k < kNumSeriesKinds; ++k) CHECK(std::string(describe(SeriesKind(k))) != "?");
}

TEST_CASE("agent store columns are contiguous and double-buffered on request", "[store]") {
  AgentStore s("residents", 1000);
  auto& a = s.add_column<float>("a", 0.5f, true);
  auto& b = s.add_column<uint8_t>("b", 3);
  CHECK(a.size() == 1000);
  CHECK(a[999] == 0.5f);
  CHECK(b.next().empty());
  CHECK(s.bytes() == 1000 * 4 * 2 + 1000);
  a.next()[7] = 2.0f;
  CHECK(a[7] == 0.5f);  // not visible before the swap
  s.swap_buffers();
  CHECK(a[7] == 2.0f);
  CHECK(&s.column<float>("a") == &a);
  CHECK_THROWS_AS(s.add_column<float>("a"), std::logic_error);
  CHECK_THROWS_AS(s.column<double>("a"), std::logic_error);
  CHECK_THROWS_AS(s.column<float>("zz"), std::logic_error);
}
