// The team's day: it answers queued requests oldest first within today's capacity (more effort
// when requests are overdue under accountability); answered and dropped requests move trust, and
// answered mask requests take masks from the community's stock.
#include <cmath>

#include "models/jiaxing/conditions.hpp"
#include "models/jiaxing/crisis_channels.hpp"
#include "models/jiaxing/passes.hpp"
#include "models/jiaxing/rules.hpp"

namespace govsim::jiaxing::passes {
namespace {

// A granted mask request takes a ration from the stock while it lasts and ends the resident's need;
// with an empty stock the resident may ask again.
inline void hand_out_masks(uint64_t ration, Community& c, const ResidentView& r, uint32_t i, Tally& T) {
  r.flags[i] &= static_cast<uint8_t>(~kMaskPending);
  if (c.mask_stock < ration) return;
  c.mask_stock -= ration;
  T[kMasksHandedOut] += ration;
  r.crisis[i] &= static_cast<uint8_t>(~kWithoutMasks);
  if (!(r.flags[i] & kMaskRecipient)) {
    r.flags[i] |= kMaskRecipient;
    ++T[kNewMaskRecipients];
  }
}

}  // namespace

void answers_pass(const JiaxingParams& p, const DayContext& day, Community& c, const ResidentView& r) {
  Tally& T = c.tally;
  const int32_t today = static_cast<int32_t>(day.tick);
  const bool overdue = c.queue.overdue(today, p.response_limit_days, p.patience_days) > 0;
  // Platform work gets the time other duties leave (more of them in the crisis), at the effort
  // accountability sets.
  const double cap = c.capacity * conditions::platform_time(p, day.intensity) * conditions::team_effort(p, overdue) +
                     c.answer_carry;
  const uint32_t answers = static_cast<uint32_t>(std::floor(cap));
  c.answer_carry = cap - answers;
  const int32_t delay = p.auto_dispatch ? 0 : p.routing_delay_days;
  const AnswerPlan plan = c.queue.answer(today, answers, delay, p.patience_days, p.response_limit_days);
  T[kCapacity] = answers;
  T[kAnswered] = plan.answered;
  T[kAnsweredInLimit] = plan.within_limit;
  T[kResponseDays] = plan.response_days;
  T[kExpired] += plan.expired;
  T[kPending] = c.queue.total();  // ignored requests are added in the pass below

  // The queue holds counts per day; this pass finds which residents' requests those were: all
  // before the plan's cut-off day and the first `cutoff_count` on it, in id order.
  uint32_t left_on_cutoff = plan.cutoff_count;
  const uint64_t ration = mask_ration(p);
  double trust_sum = 0;
  for (uint32_t i = c.begin; i < c.end; ++i) {
    const int32_t rd = r.request_day[i];
    if (rd >= 0) {
      const bool ignored = r.flags[i] & kIgnored;
      if (rd < today - p.patience_days) {
        r.trust[i] = rules::trust_after_drop(p, r.trust[i]);
        r.news[i] = rules::kDropped;
        r.request_day[i] = -1;
        r.flags[i] &= static_cast<uint8_t>(~(kMaskPending | kIgnored));
        if (ignored) ++T[kExpired];  // the queue counts the dropped requests it held
      } else if (ignored) {
        // waits, unanswered
      } else if (rd < plan.cutoff_tick || (rd == plan.cutoff_tick && left_on_cutoff > 0)) {
        if (rd == plan.cutoff_tick) --left_on_cutoff;
        const bool timely = today - rd <= p.response_limit_days;
        r.trust[i] = rules::trust_after_answer(p, r.trust[i], timely);
        r.news[i] = timely ? rules::kAnsweredTimely : rules::kAnsweredLate;
        r.request_day[i] = -1;
        if (r.flags[i] & kMaskPending) hand_out_masks(ration, c, r, i, T);
      }
    }
    if (r.request_day[i] >= 0 && (r.flags[i] & kIgnored)) ++T[kPending];
    trust_sum += r.trust[i];
  }
  c.trust_sum = trust_sum;
  c.registered = static_cast<uint32_t>(T[kRegistered]);
}

}  // namespace govsim::jiaxing::passes
