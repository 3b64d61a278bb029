#include "models/jiaxing/crisis_channels.hpp"

#include <algorithm>
#include <cmath>

#include "models/jiaxing/requests.hpp"
#include "sim/network/community_graph.hpp"

namespace govsim::jiaxing {

uint8_t household_eligibility(const TargetedParams& t, const CounterRng& rng, uint32_t household) {
  const auto d = rng.draw4(kNetworkSetupTick, household, kSetupHousehold);
  uint8_t f = 0;
  if (CounterRng::to_unit(d[0], d[1]) < t.share_without_masks) f |= kWithoutMasks;
  if (CounterRng::to_unit(d[2], d[3]) < t.share_quarantined) f |= kQuarantined;
  return f;
}

uint32_t allocate_counselling(const TargetedParams& t, uint32_t residents, double& carry,
                              std::vector<Community>& cs) {
  const double cap = t.experts_per_100k * double(residents) / 1e5 * t.sessions_per_expert + carry;
  const double whole = std::floor(cap);
  carry = cap - whole;
  const uint64_t sessions = static_cast<uint64_t>(whole);
  uint64_t booked = 0;
  for (const Community& c : cs) booked += c.bookings;
  if (booked <= sessions) {  // every booking is served
    for (Community& c : cs) c.sessions_granted = c.bookings;
    return static_cast<uint32_t>(sessions);
  }
  uint64_t given = 0;
  for (Community& c : cs) {
    c.sessions_granted = static_cast<uint32_t>(sessions * c.bookings / booked);
    given += c.sessions_granted;
  }
  // Largest remainders (sessions x bookings mod booked), ties to the lower id: at most one more
  // each.
  std::vector<uint32_t> order(cs.size());
  for (uint32_t k = 0; k < order.size(); ++k) order[k] = k;
  auto rem = [&](uint32_t k) { return sessions * cs[k].bookings % booked; };
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return rem(a) > rem(b); });
  for (size_t k = 0; given < sessions && k < order.size(); ++k, ++given)
    ++cs[order[k]].sessions_granted;
  return static_cast<uint32_t>(sessions);
}

uint64_t deliver_masks(double per_10k, Community& c) {
  const double due = per_10k * double(c.end - c.begin) / 1e4 + c.mask_carry;
  const double whole = std::floor(due);
  c.mask_carry = due - whole;
  c.mask_stock += static_cast<uint64_t>(whole);
  return static_cast<uint64_t>(whole);
}

uint64_t mask_ration(const JiaxingParams& p) {
  return std::max<uint64_t>(1, static_cast<uint64_t>(std::llround(p.masks_per_request)));
}

bool targeted_needs(const JiaxingParams& p, const DayContext& day, const CounterRng& rng,
                    const ResidentView& r, TargetedDay& td, uint32_t& offers_left,
                    uint32_t& new_requests, uint32_t i, Tally& T) {
  const TargetedParams& t = p.targeted;
  uint8_t& cf = r.crisis[i];
  const auto w = rng.draw4(day.tick, i, kTargeted);
  auto unit = [](uint32_t x) { return CounterRng::to_unit_float(x); };
  bool used = false;
  if ((cf & kWithoutMasks) && (td.mask_aid || td.mutual_aid)) {
    if (!(cf & kAwareMasks)) {
      if (unit(w[0]) < t.awareness_rate) {
        cf |= kAwareMasks;
        ++T[kNewAware];
      }
    } else if (!(r.flags[i] & kMaskPending) && unit(w[1]) < t.mask_seek_rate) {
      const bool can_queue = td.mask_aid && r.request_day[i] < 0;
      const bool from_neighbour = td.mutual_aid && offers_left > 0;
      if (from_neighbour || can_queue) {
        used = true;
        // A supplies need of its own (needs.hpp): met at once by a neighbour or queued for the
        // team, so the needs identity (met online + queued + offline + unmet) and needs_queued =
        // new_requests keep holding.
        ++T[kNeeds];
        ++T[kUses0 + int(Need::Supplies)];
        ++T[from_neighbour ? kMetOnline : kQueued];
        if (!(r.flags[i] & kMaskRequester)) {
          r.flags[i] |= kMaskRequester;
          ++T[kNewMaskRequesters];
        }
      }
      if (from_neighbour) {
        --offers_left;
        ++T[kMutualAid];
        ++T[kMaskExchanges];
        cf &= static_cast<uint8_t>(~kWithoutMasks);
        if (!(r.flags[i] & kMaskRecipient)) {
          r.flags[i] |= kMaskRecipient;
          ++T[kNewMaskRecipients];
        }
      } else if (can_queue) {
        r.flags[i] |= kMaskPending;  // answers_pass hands out a ration if the stock allows
        queue_request(p, day, r, i, unit(w[1]) / t.mask_seek_rate, new_requests, T);
      }
    }
  }
  if ((cf & kQuarantined) && td.expert) {
    if (!(cf & kAwareCounselling)) {
      if (unit(w[2]) < t.awareness_rate) {
        cf |= kAwareCounselling;
        ++T[kNewAware];
      }
    } else if (cf & kBooked) {  // booked on an earlier day: served in id order while sessions last
      if (td.sessions_left > 0) {
        --td.sessions_left;
        cf &= static_cast<uint8_t>(~kBooked);
        used = true;
        ++T[kCounselling];
        if (!(r.flags[i] & kCounselled)) {
          r.flags[i] |= kCounselled;
          ++T[kNewCounselled];
        }
      }
    } else if (unit(w[3]) < t.counselling_seek_rate) {
      cf |= kBooked;
      used = true;
    }
  }
  if (cf & kBooked) ++T[kCounsellingWaiting];
  return used;
}

}  // namespace govsim::jiaxing
