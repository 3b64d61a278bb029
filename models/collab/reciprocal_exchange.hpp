#pragma once
// Mutual adjustment between the SAME participants (Thompson's reciprocal interdependence), round by
// round. Each member of a reciprocal stage holds a position (its reading of what the joint result
// should be; a number on a scale whose unit is the tolerance). A round: the members exchange their
// results, every member moves toward the group's mean position by the adjustment rate, and a member
// who misunderstood the exchange moves toward a misread mean instead. The stage is done when the
// spread of positions (max - min) is within the tolerance; otherwise the members still farther than
// half the tolerance from the mean redo their part for the next round (at least one is, since the
// two extremes are tolerance apart). Without misunderstanding the spread shrinks by (1 - rate) every
// round, so the number of rounds follows from the first spread; with rate 0 it never shrinks.
#include <cstdint>

namespace govsim::collab {

struct AdjustmentRound {
  double spread_before = 0;  // max - min of the members' positions before the moves
  double spread_after = 0;   // ... after them
  bool converged = false;    // spread_after <= tolerance
  uint32_t redo = 0;         // members (bit mask) farther than tolerance / 2 from the new mean
};

// Spread (max - min) of positions[v] over the members v in the bit mask `members` (0 if none).
double position_spread(const float* positions, uint32_t members);

// One round over the members in `members`: positions[v] += rate * (mean + misread[v] - positions[v]),
// where mean is the members' mean before the moves and misread[v] is 0 for a member who read the
// exchange right. Moves the positions in place.
AdjustmentRound adjust_positions(float* positions, uint32_t members, double rate, double tolerance,
                                 const float* misread);

}  // namespace govsim::collab
