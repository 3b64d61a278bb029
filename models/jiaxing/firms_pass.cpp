// Firms' day: closure orders and resumption, listing on the platform, booking capacity.
#include "models/jiaxing/passes.hpp"
#include "models/jiaxing/rules.hpp"

namespace govsim::jiaxing::passes {

std::array<double, 2> firms_pass(const JiaxingParams& p, const DayContext& day, const CounterRng& rng,
                                 const LiveServices& live, Community& c, const FirmView& f) {
  Tally& T = c.tally;
  const double inc = rules::incentive_factor(p);
  std::array<double, 2> capacity{0, 0};
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
    if (!f.listed[id] && st != kClosed && booking_live[sector] && CounterRng::to_unit_float(w[1]) < p.list_rate * inc)
      f.listed[id] = 1;
    if (st != kClosed && f.listed[id]) capacity[sector] += p.firm_capacity;
    ++T[st == kOpen ? kFirmsOpen : st == kClosed ? kFirmsClosed : kFirmsResumed];
    T[kFirmsListed] += f.listed[id];
    T[kFirmClosedDays] += st == kClosed;
  }
  return capacity;
}

}  // namespace govsim::jiaxing::passes
