#pragma once
// The one observer mechanism: models register the series they emit; the engine calls every
// registered collector once per tick (daily series) or at each month's end (monthly series), and
// the writer stores whatever is registered. A new model adds series without touching the writer.
//
// Every series is declared with its kind (as Covasim names its results): the HDF5 `kind`
// attribute, `govsim params --outputs` and docs/outputs.md come from that declaration. A name that
// starts with a kind's prefix (`new_`, `n_`, `cum_`, `rate_`, `share_`, `mean_`) must be of that kind.
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "sim/calendar/tick.hpp"

namespace govsim {

// How daily values become one monthly value when no explicit monthly series is registered.
enum class Aggregation { Sum, Mean, Last };
const char* to_string(Aggregation a);

// What a series measures, which fixes how it may be aggregated over a month.
enum class SeriesKind {
  New,         // "new": a flow, events on the day (monthly: sum)
  Stock,       // "n": a level, a count or a state on the day (monthly: mean or last)
  Cumulative,  // "cum": a running total since day 0 (monthly: last)
  Rate,        // "rate": a ratio of two quantities (per registered user, per hour, per task)
  Share,       // "share": a fraction of a whole, in [0, 1]
  Mean,        // "mean": an average over agents or events
};
inline constexpr int kNumSeriesKinds = 6;
const char* to_string(SeriesKind k);   // "new", "n", "cum", "rate", "share", "mean"
const char* describe(SeriesKind k);    // one sentence for docs/outputs.md

struct SeriesSpec {
  std::string name;         // e.g. "new_registrations"
  SeriesKind kind = SeriesKind::Stock;
  std::string unit;         // e.g. "persons/day", "fraction"
  std::string description;  // one sentence, stored as an HDF5 attribute
  Aggregation monthly = Aggregation::Mean;
  std::string group_by;              // name of the breakdown ("age_group"); empty for a total
  std::vector<std::string> groups;   // one label per column; empty means one column
  std::vector<std::string> group_names;  // optional longer names (region names for region codes)
  size_t width() const { return groups.empty() ? 1 : groups.size(); }
};

// Fills `out` (width() values) for the tick or month at hand.
using CollectFn = std::function<void(const TickContext&, std::span<double> out)>;

class MetricRegistry {
 public:
  struct Entry {
    SeriesSpec spec;
    CollectFn collect;
  };
  // A series observed every tick; monthly values come from `spec.monthly` aggregation.
  void add_daily(SeriesSpec spec, CollectFn fn);
  // A series computed once per calendar month, on that month's last tick (e.g. distinct monthly
  // active users divided by registered users, which no aggregation of daily values gives).
  void add_monthly(SeriesSpec spec, CollectFn fn);

  const std::vector<Entry>& daily() const { return daily_; }
  const std::vector<Entry>& monthly() const { return monthly_; }

 private:
  void check(const SeriesSpec& spec) const;  // unique name; kind agrees with prefix and aggregation
  std::vector<Entry> daily_;
  std::vector<Entry> monthly_;
};

// A recorded series: rows (ticks or months) x width, row-major.
struct SeriesData {
  SeriesSpec spec;
  int32_t rows = 0;
  std::vector<double> values;
  double at(int32_t row, size_t col = 0) const { return values[row * spec.width() + col]; }
};

// Stores every registered series as the run goes; fixed memory, allocated up front.
class Recorder {
 public:
  Recorder(const MetricRegistry& registry, const Calendar& calendar);
  void record(const TickContext& ctx);  // call once per tick, after the step

  const std::vector<SeriesData>& daily() const { return daily_; }
  // Monthly values: explicit monthly series plus the aggregation of every daily series.
  std::vector<SeriesData> monthly() const;
  // Checkpoints: the recorded values so far (daily series, then explicit monthly ones), to save
  // and to restore before a run continues.
  std::vector<SeriesData>& daily_for_restore() { return daily_; }
  std::vector<SeriesData>& explicit_monthly_for_restore() { return explicit_monthly_; }
  const std::vector<SeriesData>& explicit_monthly() const { return explicit_monthly_; }

 private:
  const MetricRegistry* registry_;
  const Calendar* calendar_;
  std::vector<SeriesData> daily_;
  std::vector<SeriesData> explicit_monthly_;
};

}  // namespace govsim
