#pragma once
// Resilience metrics of a daily or monthly series around a crisis (pure functions).
//
// - pre level: mean of the series over [crisis_start - window, crisis_start);
// - loss area: sum over days from crisis_start of max(0, pre - x[t]) / pre, until the series
//   recovers (or the run ends): "days of lost service at the pre-crisis level";
// - recovery time: days from crisis_start until the trailing `smooth`-day mean first returns to
//   within `tolerance` (relative) of pre after having fallen below that band (0 if it never fell
//   below; NaN if it never recovers). The band keeps sampling noise from delaying recovery;
// - bounce-forward ratio: mean over a post-crisis window divided by the pre level (> 1: the
//   system ended better off than before, "transformative"; < 1: it did not fully recover).
#include <cstdint>
#include <vector>

namespace govsim {

struct Resilience {
  double pre_level = 0;
  double loss_area = 0;      // days (level-normalised)
  double recovery_days = 0;  // NaN if it never recovers
  double bounce_forward = 0;
};

// x: the series; crisis_start: index where the crisis starts; pre_window: length of the pre
// window; post_begin/post_end: [begin, end) indices of the post window; smooth: days of the
// trailing mean used for recovery; tolerance: relative band around the pre level.
Resilience resilience_of(const std::vector<double>& x, int32_t crisis_start, int32_t pre_window,
                         int32_t post_begin, int32_t post_end, int32_t smooth = 7,
                         double tolerance = 0.01);

}  // namespace govsim
