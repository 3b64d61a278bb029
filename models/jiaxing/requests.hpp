#pragma once
// A resident's request to the community's team (one pending request per resident), shared by the
// general needs (residents_pass.cpp) and mask aid (crisis_channels.cpp). Without accountability a
// request is taken up only with probability responsiveness; the rest wait unanswered until dropped.
#include "models/jiaxing/community_step.hpp"
#include "models/jiaxing/conditions.hpp"

namespace govsim::jiaxing {

// `v` is a uniform draw on [0, 1); `new_requests` counts the requests the team takes up today.
inline void queue_request(const JiaxingParams& p, const DayContext& day, const ResidentView& r,
                          uint32_t i, double v, uint32_t& new_requests, Tally& T) {
  r.request_day[i] = static_cast<int32_t>(day.tick);
  if (v < conditions::responsiveness(p)) {
    ++new_requests;
  } else {
    r.flags[i] |= kIgnored;
    ++T[kIgnoredRequests];
  }
  ++T[kNewRequests];
}

}  // namespace govsim::jiaxing
