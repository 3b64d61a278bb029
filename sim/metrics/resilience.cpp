#include "sim/metrics/resilience.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace govsim {

Resilience resilience_of(const std::vector<double>& x, int32_t crisis_start, int32_t pre_window,
                         int32_t post_begin, int32_t post_end, int32_t smooth,
                         double tolerance) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Resilience r{nan, nan, nan, nan};
  const int32_t n = static_cast<int32_t>(x.size());
  const int32_t pre_begin = std::max(0, crisis_start - pre_window);
  if (crisis_start <= pre_begin || crisis_start > n) return r;
  double s = 0;
  for (int32_t t = pre_begin; t < crisis_start; ++t) s += x[t];
  r.pre_level = s / (crisis_start - pre_begin);
  if (!(r.pre_level > 0)) return r;

  // Recovery: first day the trailing mean is back in the band after having dipped below it.
  const double band = r.pre_level * (1.0 - tolerance);
  bool dipped = false;
  int32_t recovered_at = -1;
  for (int32_t t = crisis_start; t < n; ++t) {
    if (x[t] < band) dipped = true;
    if (!dipped || t - crisis_start + 1 < smooth) continue;
    double window_sum = 0;  // summed afresh: a running sum drifts by rounding
    for (int32_t k = t - smooth + 1; k <= t; ++k) window_sum += x[k];
    if (window_sum / smooth >= band) {
      recovered_at = t;
      break;
    }
  }
  if (!dipped) recovered_at = crisis_start;
  r.recovery_days = recovered_at < 0 ? nan : double(recovered_at - crisis_start);

  const int32_t loss_end = recovered_at < 0 ? n : recovered_at + 1;
  double loss = 0;
  for (int32_t t = crisis_start; t < loss_end; ++t) loss += std::max(0.0, r.pre_level - x[t]) / r.pre_level;
  r.loss_area = loss;

  post_begin = std::max(0, post_begin);
  post_end = std::min(n, post_end);
  if (post_end > post_begin) {
    double p = 0;
    for (int32_t t = post_begin; t < post_end; ++t) p += x[t];
    r.bounce_forward = p / (post_end - post_begin) / r.pre_level;
  }
  return r;
}

}  // namespace govsim
