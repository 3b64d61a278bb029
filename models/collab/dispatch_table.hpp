#pragma once
// The platform's dispatch table (seed 003: events are "dispatched automatically" to one of 44
// departments). An event is of one of `categories` kinds, with Zipf frequencies (the most common
// kinds - litter, parking, noise - make most events); the table lists the `table_categories` most
// frequent kinds, each with its department. The platform dispatches an official sub-task
// automatically when its event's kind is in the table, and a person routes it by hand otherwise.
// So the share dispatched automatically is not a parameter: it follows from how the events'
// kinds match the table, sum_{k<=T} k^-s / sum_{k<=K} k^-s in expectation (issue 16).
#include <cstdint>
#include <vector>

namespace govsim::collab {

class DispatchTable {
 public:
  DispatchTable() = default;
  DispatchTable(int categories, double zipf_exponent, int table_categories);

  bool enabled() const { return !cdf_.empty(); }
  // Kind of an event (0 = most frequent) from a uniform draw u in [0, 1).
  int category(double u) const;
  bool listed(int category) const { return category < table_categories_; }
  // The expected share of events whose kind the table lists.
  double expected_listed_share() const;

 private:
  std::vector<double> cdf_;
  int table_categories_ = 0;
};

}  // namespace govsim::collab
