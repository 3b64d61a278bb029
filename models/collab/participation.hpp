#pragma once
// Who takes part (issue 16, point 2; docs/collab_model.md, "Who takes part"). Switched by
// collab.participants.enabled; off, every record is a plain resident (motive 1, capacity
// collab.public.daily_limit): the model before issue 16, bit for bit.
//
// Each record of the residents' store is an actor of one kind: a resident, a volunteer, a party
// member (the share of the society layer, collab.society.party_member_share), a social
// organisation or a firm. Asked to contribute, actor i of kind k joins when
//     motive_k - reach_cost > theta_i,        theta_i = 1 - willingness_i,
// i.e. when its perceived benefit less the cost of being reached and contributing exceeds its own
// threshold (Granovetter 1978), thresholds heterogeneous across actors (willingness uniform on
// [0, 1], drawn once per actor). The reach cost is collab.coordination.threshold by the offline
// channel and collab.platform.threshold for an actor on a live platform (adoption.hpp decides
// who is on it), so the platform lowers it only for those who use it. An actor also contributes
// at most capacity_k times a day. For plain residents (motive 1) the rule is the model's old one,
// willingness > reach cost.
#include <cstdint>

#include "models/collab/actor_params.hpp"
#include "sim/rng/counter_rng.hpp"

namespace govsim::collab {

// The threshold rule. `willingness` is float in the store; the comparison is in double.
inline bool joins(float willingness, double motive, double reach_cost) {
  return willingness > reach_cost + (1.0 - motive);
}

// The kind of record i, drawn once at set-up from its own counter-based stream.
ActorKind draw_actor_kind(const ParticipantParams& p, const CounterRng& rng, uint32_t resident);

}  // namespace govsim::collab
