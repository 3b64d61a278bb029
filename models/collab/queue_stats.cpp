#include "models/collab/queue_stats.hpp"

#include <algorithm>
#include <cmath>

namespace govsim::collab {

QueueTrend open_task_trend(const double* open, int n, double arrivals_per_day) {
  QueueTrend q;
  if (n < 6) return q;
  const int first = n - n / 3, m = n - first;
  double sx = 0, sy = 0;
  for (int i = 0; i < m; ++i) {
    sx += i;
    sy += open[first + i];
  }
  const double mx = sx / m, my = sy / m;
  double sxy = 0, sxx = 0;
  for (int i = 0; i < m; ++i) {
    sxy += (i - mx) * (open[first + i] - my);
    sxx += (i - mx) * (i - mx);
  }
  q.slope_per_day = sxx > 0 ? sxy / sxx : 0;
  q.mean_open = my;
  q.growth = q.slope_per_day * m;
  q.steady = !(q.growth > std::max({0.1 * my, arrivals_per_day, 4.0 * std::sqrt(std::max(my, 0.0))}));
  return q;
}

}  // namespace govsim::collab
