// Firms' day: closure orders and resumption, listing on the platform, booking capacity. A firm
// decides to list from the bookings it can expect (yesterday's booking demand in its community,
// shared with the firms already listed) and the platform's incentive (conditions.hpp).
#include "models/jiaxing/conditions.hpp"
#include "models/jiaxing/passes.hpp"
#include "models/jiaxing/rules.hpp"

namespace govsim::jiaxing::passes {

std::array<double, 2> firms_pass(const JiaxingParams& p, const DayContext& day, const CounterRng& rng,
                                 const LiveServices& live, Community& c, const FirmView& f) {
  Tally& T = c.tally;
  std::array<double, 2> capacity{0, 0};
  std::array<uint32_t, 2> listed{0, 0};  // firms listed so far, by sector (grows as firms decide, in id order)
  for (uint32_t id = c.firm_begin; id < c.firm_end; ++id) listed[f.sector[id]] += f.listed[id];
  const bool booking_live[2] = {(live.channels[int(Need::HomeServices)] & bit(Channel::FirmBooking)) != 0,
                                (live.channels[int(Need::Supplies)] & bit(Channel::FirmBooking)) != 0};
  for (uint32_t id = c.firm_begin; id < c.firm_end; ++id) {
    const auto w = rng.draw4(day.tick, id, kFirmDaily);
    uint8_t& st = f.status[id];
    const uint8_t sector = f.sector[id];
    const bool ordered_closed = day.firms_closing && !(sector == 1 && p.supplies_exempt);
    if (ordered_closed) {
      if (st != kClosed && CounterRng::to_unit_float(w[0]) < p.close_rate) st = kClosed;
    } else if (st == kClosed && CounterRng::to_unit_float(w[0]) < p.resume_rate) {
      st = kResumed;
    }
    if (!f.listed[id] && st != kClosed && booking_live[sector]) {
      const double expected = conditions::expected_utilisation(c.booking_demand[sector], listed[sector], p.firm_capacity);
      if (CounterRng::to_unit_float(w[1]) < conditions::listing_probability(p, expected)) {
        f.listed[id] = 1;
        ++listed[sector];
      }
    }
    if (st != kClosed && f.listed[id]) capacity[sector] += p.firm_capacity;
    ++T[st == kOpen ? kFirmsOpen : st == kClosed ? kFirmsClosed : kFirmsResumed];
    T[kFirmsListed] += f.listed[id];
    T[kFirmClosedDays] += st == kClosed;
  }
  return capacity;
}

}  // namespace govsim::jiaxing::passes
