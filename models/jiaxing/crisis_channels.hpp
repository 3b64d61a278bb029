#pragma once
// Targeted crisis services (issue 15, point 4). Seed 000's mask aid (1,118 asked, 583 obtained),
// masks through neighbours' mutual aid and counselling by 252 volunteer experts served a few
// residents, not every user: here they reach only
//   - eligible households, drawn once per household at set-up: without masks (mask aid, masks
//     from neighbours) and under home quarantine (counselling);
//   - that have heard of the niche service (daily hazard jiaxing.targeted.awareness_rate while it
//     is live in their community);
// through capped channels:
//   - mask aid hands out whole rations from a stock delivered daily (mask_stock_per_10k); the
//     stock never goes negative and delivered = handed out + held, exactly;
//   - neighbours' mutual-aid offers (yesterday's offers; groceries take them too);
//   - counselling: the community's share of the experts x sessions a day, the fraction carried,
//     unused sessions lost.
// Groceries are the general supplies need (grocery ordering, mutual aid) and never count as mask
// requests. A resident who asks counts as a mask requester, one who obtains masks (from a
// neighbour or from mask aid) as a recipient; having masks ends the need. Each ask is also a
// supplies need in the needs tallies (met online or queued); counselling bookings are not.
#include <cstdint>
#include <vector>

#include "models/jiaxing/community_step.hpp"

namespace govsim::jiaxing {

// Bits of the residents' crisis_flags column.
enum CrisisFlag : uint8_t {
  kWithoutMasks = 1,
  kQuarantined = 2,
  kAwareMasks = 4,
  kAwareCounselling = 8,
  kBooked = 16  // a counselling session booked and not yet given
};

// Eligibility of one household (kWithoutMasks, kQuarantined), drawn once from its id.
uint8_t household_eligibility(const TargetedParams& t, const CounterRng& rng, uint32_t household);

// Counselling is online, so the experts serve the whole city: each day the model gives the city's
// whole sessions (experts x sessions_per_expert, the fraction carried in `carry`, unused sessions
// lost) to the communities in proportion to the sessions booked there at the start of the day
// (largest remainder, ties to the lower community id), serially and so the same for any thread
// count. Returns the sessions available today; sets each community's sessions_granted.
uint32_t allocate_counselling(const TargetedParams& t, uint32_t residents, double& carry,
                              std::vector<Community>& cs);
// Whole masks delivered to the community's mask aid today (fraction carried); adds them to the
// stock.
uint64_t deliver_masks(double per_10k, Community& c);
// Masks in one mask-aid ration (masks_per_request rounded to whole masks, at least one).
uint64_t mask_ration(const JiaxingParams& p);

// The targeted channels live in a community today and what is left of them as residents take
// their turn in id order.
struct TargetedDay {
  bool mask_aid = false, mutual_aid = false, expert = false;
  uint32_t sessions_left = 0;
  bool any() const { return mask_aid || mutual_aid || expert; }
};

// An eligible, registered, non-dormant resident's day with the targeted services: hearing of
// them, asking for masks (a neighbour's offer first, then a mask-aid request to the team) and
// booking a counselling session or having one booked earlier. Returns true when they used the
// platform.
bool targeted_needs(const JiaxingParams& p, const DayContext& day, const CounterRng& rng,
                    const ResidentView& r, TargetedDay& td, uint32_t& offers_left,
                    uint32_t& new_requests, uint32_t i, Tally& T);

}  // namespace govsim::jiaxing
