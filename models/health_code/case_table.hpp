#pragma once
// Daily cumulative confirmed cases per region, read from a CSV (code,date,cumulative_confirmed) and
// laid out on the run's calendar. The epidemic is data here, not simulated: it is the pressure on
// city governments and the signal behind residents' colours.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/calendar/calendar.hpp"
#include "sim/regions/region_table.hpp"

namespace govsim::models::health_code {

class CaseTable {
 public:
  CaseTable() = default;
  // Reads `path` (InputError with file:line:col for a bad cell or an unknown region code). Days
  // before the table's first date count 0 cases; days after its last repeat the last value.
  static CaseTable load(const std::string& path, const RegionTable& regions, const Calendar& calendar);
  // No data: every count is 0.
  static CaseTable empty(size_t regions, int32_t ticks);

  // Cumulative cases reported by the end of day `tick` (tick < 0: 0).
  double cumulative(uint32_t region, int32_t tick) const {
    if (tick < 0 || ticks_ == 0) return 0.0;
    if (tick >= ticks_) tick = ticks_ - 1;
    return cum_[size_t(region) * ticks_ + tick];
  }
  // Cases reported in the `days` days up to and including `tick`.
  double recent(uint32_t region, int32_t tick, int32_t days) const {
    return cumulative(region, tick) - cumulative(region, tick - days);
  }

 private:
  int32_t ticks_ = 0;
  std::vector<double> cum_;  // [region][tick]
};

}  // namespace govsim::models::health_code
