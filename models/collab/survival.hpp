#pragma once
// Time to close with censoring (Kaplan-Meier). A task that closes is an event at its close time; a
// task that is dropped, or is still open when the run ends, is censored at the time it was last
// seen (dropped: its drop time; open: the end of the run). Leaving those out, as a plain mean of
// the closed tasks does, understates the time to close whenever slow tasks are dropped or a queue
// grows (issue 16).
//
// The times are kept in a histogram with geometric bins, so a unit's record has a fixed size
// however many tasks it sees (checkpointed as it is). Each bin also sums the exact times of its
// events, and the estimator places a bin's events at their mean time; so with nothing censored the
// restricted mean is exactly the plain mean. Censored times in the bin of an event count as at risk
// for it (the usual convention for ties).
#include <array>
#include <cstdint>

namespace govsim::collab {

struct CloseTimeHistogram {
  static constexpr int kBins = 256;
  static constexpr double kFirstEdge = 0.1;  // hours: bin 0 is [0, 0.1)
  static constexpr double kRatio = 1.06;     // bin b >= 1 is [0.1 * 1.06^(b-1), 0.1 * 1.06^b); the last is open
  std::array<uint32_t, kBins> events{};
  std::array<uint32_t, kBins> censored{};
  std::array<double, kBins> event_hours{};  // sum of the exact event times in each bin

  static int bin(double hours);
  void add_event(double hours);
  void add_censored(double hours);
  void add(const CloseTimeHistogram& o);
};

struct KaplanMeier {
  uint64_t events = 0, censored = 0;
  // Mean time to close restricted to the last event time (the integral of the survival curve up
  // to it): a lower bound of the true mean when the curve has not reached 0 there.
  double restricted_mean_hours = 0;
  double median_hours = 0;        // first event time at which survival falls to 0.5 or below; NaN if never
  double survival_at_last = 0;    // survival just after the last event (0: every task at risk closed)
};

KaplanMeier kaplan_meier(const CloseTimeHistogram& h);

}  // namespace govsim::collab
