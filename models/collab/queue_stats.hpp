#pragma once
// Did the queue of open tasks reach a steady state? (issue 16: a result whose queue grows without
// bound depends on the run's length and must be flagged, not averaged.)
//
// The test: the least-squares trend of the open-task count over the last third of a window of days.
// In a stable queue the count fluctuates around a level and the trend is noise; in an overloaded
// one it grows about linearly at (arrival rate - service rate). The queue is called growing when
// the growth the trend implies over that last third exceeds a tenth of the mean open count there,
// one day's arrivals and four times the square root of that mean (the size of a stable queue's
// fluctuations: open tasks in a queue that keeps up are about Poisson), so that neither a small
// queue's noise nor a large queue's slow drift is flagged. Windows shorter than 6 days are not judged (steady is reported, with trend 0).
#include <cstdint>

namespace govsim::collab {

struct QueueTrend {
  double slope_per_day = 0;  // least-squares trend of open tasks per day over the last third
  double mean_open = 0;      // mean open tasks over the last third
  double growth = 0;         // slope_per_day x days in the last third
  bool steady = true;
};

// open[i]: open tasks at the end of day i of the window, i in [0, n).
QueueTrend open_task_trend(const double* open, int n, double arrivals_per_day);

}  // namespace govsim::collab
