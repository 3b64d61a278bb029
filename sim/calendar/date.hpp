#pragma once
// A civil (proleptic Gregorian) date stored as days since 1970-01-01, so that date arithmetic is
// integer arithmetic. Conversions follow H. Hinnant's public-domain `days_from_civil` algorithms.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace govsim {

struct Date {
  int32_t days = 0;  // days since 1970-01-01

  static Date from_ymd(int year, unsigned month, unsigned day);  // assumes a valid date
  static bool valid_ymd(int year, unsigned month, unsigned day);
  // Parses exactly "YYYY-MM-DD"; nullopt for anything else or an impossible date (2020-02-30).
  static std::optional<Date> parse(std::string_view text);

  int year() const;
  unsigned month() const;  // 1..12
  unsigned day() const;    // 1..31
  std::string str() const; // "YYYY-MM-DD"

  Date operator+(int32_t n) const { return Date{days + n}; }
  int32_t operator-(Date other) const { return days - other.days; }
  auto operator<=>(const Date&) const = default;
};

unsigned days_in_month(int year, unsigned month);

}  // namespace govsim
