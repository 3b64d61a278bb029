#include "models/collab/survival.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace govsim::collab {

int CloseTimeHistogram::bin(double hours) {
  if (!(hours >= kFirstEdge)) return 0;  // also NaN
  const int b = 1 + static_cast<int>(std::floor(std::log(hours / kFirstEdge) / std::log(kRatio)));
  return std::min(b, kBins - 1);
}

void CloseTimeHistogram::add_event(double hours) {
  const int b = bin(hours);
  ++events[b];
  event_hours[b] += hours;
}

void CloseTimeHistogram::add_censored(double hours) { ++censored[bin(hours)]; }

void CloseTimeHistogram::add(const CloseTimeHistogram& o) {
  for (int b = 0; b < kBins; ++b) {
    events[b] += o.events[b];
    censored[b] += o.censored[b];
    event_hours[b] += o.event_hours[b];
  }
}

KaplanMeier kaplan_meier(const CloseTimeHistogram& h) {
  KaplanMeier km;
  km.median_hours = std::numeric_limits<double>::quiet_NaN();
  uint64_t at_risk = 0;
  for (int b = 0; b < CloseTimeHistogram::kBins; ++b) {
    at_risk += uint64_t(h.events[b]) + h.censored[b];
    km.events += h.events[b];
    km.censored += h.censored[b];
  }
  double survival = 1, last_time = 0;
  for (int b = 0; b < CloseTimeHistogram::kBins; ++b) {
    if (h.events[b] > 0) {
      const double t = h.event_hours[b] / h.events[b];
      km.restricted_mean_hours += survival * (t - last_time);
      survival *= 1.0 - double(h.events[b]) / double(at_risk);
      last_time = t;
      if (std::isnan(km.median_hours) && survival <= 0.5) km.median_hours = t;
    }
    at_risk -= uint64_t(h.events[b]) + h.censored[b];
  }
  km.survival_at_last = km.events > 0 ? survival : 1.0;
  if (km.events == 0) km.restricted_mean_hours = std::numeric_limits<double>::quiet_NaN();
  return km;
}

}  // namespace govsim::collab
