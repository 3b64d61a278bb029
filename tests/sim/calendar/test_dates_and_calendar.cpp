// Dates and the calendar: exact civil arithmetic, real month boundaries, phase rules.
#include <catch2/catch.hpp>

#include <chrono>

#include "sim/calendar/calendar.hpp"

using namespace govsim;

TEST_CASE("dates round-trip for every day of 1900-2100 and agree with std::chrono", "[calendar]") {
  const Date first = Date::from_ymd(1900, 1, 1), last = Date::from_ymd(2100, 12, 31);
  for (Date d = first; d <= last; d = d + 1) {
    const auto parsed = Date::parse(d.str());
    REQUIRE(parsed.has_value());
    REQUIRE(*parsed == d);
    // Independent reference: libstdc++'s C++20 calendar.
    const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{d.days}}};
    REQUIRE(int(ymd.year()) == d.year());
    REQUIRE(unsigned(ymd.month()) == d.month());
    REQUIRE(unsigned(ymd.day()) == d.day());
  }
  CHECK(Date::from_ymd(1970, 1, 1).days == 0);
  CHECK(Date::from_ymd(2020, 3, 1) - Date::from_ymd(2020, 2, 1) == 29);
  CHECK(Date::from_ymd(2100, 3, 1) - Date::from_ymd(2100, 2, 1) == 28);
  CHECK(Date::from_ymd(2000, 3, 1) - Date::from_ymd(2000, 2, 1) == 29);
}

TEST_CASE("impossible or malformed dates do not parse", "[calendar]") {
  for (const char* s : {"2020-02-30", "2019-02-29", "2019-13-01", "2019-00-10", "2019-01-00", "2019-1-01",
                        "20190101", "", "2019-01-01x", "abcd-ef-gh", "2100-02-29"})
    CHECK_FALSE(Date::parse(s).has_value());
  CHECK(Date::parse("2020-02-29").has_value());
}

TEST_CASE("the Jiaxing calendar has real month boundaries", "[calendar]") {
  const Calendar c(Date::from_ymd(2019, 9, 1), Date::from_ymd(2020, 12, 31));
  CHECK(c.num_ticks() == 488);
  CHECK(c.num_months() == 16);
  CHECK(c.month_label(5) == "2020-02");
  CHECK(c.month_num_ticks(5) == 29);
  CHECK(c.month_first_tick(5) == c.tick_of(Date::from_ymd(2020, 2, 1)));
  CHECK(c.month_of(c.tick_of(Date::from_ymd(2020, 2, 29))) == 5);
  CHECK(c.month_of(c.tick_of(Date::from_ymd(2020, 3, 1))) == 6);
  CHECK(c.tick_of(Date::from_ymd(2019, 8, 31)) == -1);
  CHECK(c.tick_of(Date::from_ymd(2021, 1, 1)) == -1);
  const Calendar partial(Date::from_ymd(2020, 1, 15), Date::from_ymd(2020, 3, 10));
  CHECK(partial.num_months() == 3);
  CHECK(partial.month_num_ticks(0) == 17);
  CHECK(partial.month_num_ticks(2) == 10);
  const Calendar one(Date::from_ymd(2020, 5, 5), Date::from_ymd(2020, 5, 5));
  CHECK(one.num_ticks() == 1);
  CHECK(one.num_months() == 1);
}

TEST_CASE("phase rules: explicit spans, pre before the first mid, post after", "[calendar]") {
  const Date s = Date::from_ymd(2020, 1, 1);
  const Calendar c(s, Date::from_ymd(2020, 6, 30),
                   {{Phase::Mid, Date::from_ymd(2020, 1, 23), Date::from_ymd(2020, 3, 2), 1.0, "lockdown"},
                    {Phase::Post, Date::from_ymd(2020, 3, 3), Date::from_ymd(2020, 3, 31), 0.3, ""}});
  CHECK(c.phase(c.tick_of(Date::from_ymd(2020, 1, 22))) == Phase::Pre);
  CHECK(c.intensity(c.tick_of(Date::from_ymd(2020, 1, 22))) == 0.0);
  CHECK(c.phase(c.tick_of(Date::from_ymd(2020, 1, 23))) == Phase::Mid);
  CHECK(c.intensity(c.tick_of(Date::from_ymd(2020, 3, 2))) == 1.0);
  CHECK(c.span_index(c.tick_of(Date::from_ymd(2020, 3, 2))) == 0);
  CHECK(c.intensity(c.tick_of(Date::from_ymd(2020, 3, 15))) == 0.3);
  CHECK(c.phase(c.tick_of(Date::from_ymd(2020, 5, 1))) == Phase::Post);
  CHECK(c.intensity(c.tick_of(Date::from_ymd(2020, 5, 1))) == 0.0);
  CHECK(c.span_index(c.tick_of(Date::from_ymd(2020, 5, 1))) == -1);
  // No mid span: everything is pre.
  const Calendar calm(s, Date::from_ymd(2020, 2, 1));
  for (int32_t t = 0; t < calm.num_ticks(); ++t) CHECK(calm.phase(t) == Phase::Pre);
  // A span partly outside the calendar is clipped.
  const Calendar clip(s, Date::from_ymd(2020, 1, 31),
                      {{Phase::Mid, Date::from_ymd(2019, 12, 1), Date::from_ymd(2020, 1, 5), 0.5, ""}});
  CHECK(clip.phase(0) == Phase::Mid);
  CHECK(clip.phase(5) == Phase::Post);
}

TEST_CASE("overlapping spans and reversed dates are rejected", "[calendar]") {
  const Date s = Date::from_ymd(2020, 1, 1), e = Date::from_ymd(2020, 6, 30);
  CHECK_THROWS_AS(Calendar(e, s), std::invalid_argument);
  CHECK_THROWS_AS(Calendar(s, e, {{Phase::Mid, s + 10, s + 20, 1, ""}, {Phase::Post, s + 20, s + 30, 0, ""}}),
                  std::invalid_argument);
  CHECK_THROWS_AS(Calendar(s, e, {{Phase::Mid, s + 20, s + 10, 1, ""}}), std::invalid_argument);
}
