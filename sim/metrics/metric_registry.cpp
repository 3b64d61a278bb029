#include "sim/metrics/metric_registry.hpp"

#include <stdexcept>

namespace govsim {

const char* to_string(Aggregation a) {
  switch (a) {
    case Aggregation::Sum: return "sum";
    case Aggregation::Mean: return "mean";
    case Aggregation::Last: return "last";
  }
  return "?";
}

const char* to_string(SeriesKind k) {
  switch (k) {
    case SeriesKind::New: return "new";
    case SeriesKind::Stock: return "n";
    case SeriesKind::Cumulative: return "cum";
    case SeriesKind::Rate: return "rate";
    case SeriesKind::Share: return "share";
    case SeriesKind::Mean: return "mean";
  }
  return "?";
}

const char* describe(SeriesKind k) {
  switch (k) {
    case SeriesKind::New: return "flow: events on the day; a month is their sum";
    case SeriesKind::Stock: return "level: a count or a state on the day (persons registered, crisis intensity)";
    case SeriesKind::Cumulative: return "running total since the first day; a month is its last day";
    case SeriesKind::Rate: return "ratio of two quantities (per user, per hour, per task, per day)";
    case SeriesKind::Share: return "fraction of a whole, between 0 and 1";
    case SeriesKind::Mean: return "average over agents or events";
  }
  return "?";
}

void MetricRegistry::check(const SeriesSpec& spec) const {
  const std::string& name = spec.name;
  for (const auto* list : {&daily_, &monthly_})
    for (const Entry& e : *list)
      if (e.spec.name == name) throw std::logic_error("metric '" + name + "' registered twice");
  // A name with a kind's prefix says its kind; it must not say another one.
  for (int k = 0; k < kNumSeriesKinds; ++k) {
    std::string prefix = to_string(SeriesKind(k));
    prefix += '_';
    if (name.rfind(prefix, 0) == 0 && SeriesKind(k) != spec.kind)
      throw std::logic_error("metric '" + name + "' is named as kind '" + to_string(SeriesKind(k)) +
                             "' but declared as '" + to_string(spec.kind) + "'");
  }
  if (spec.kind == SeriesKind::New && spec.monthly != Aggregation::Sum)
    throw std::logic_error("metric '" + name + "' is a flow (kind 'new'): its monthly aggregation must be sum");
  if (spec.kind == SeriesKind::Cumulative && spec.monthly != Aggregation::Last)
    throw std::logic_error("metric '" + name + "' is a running total (kind 'cum'): its monthly aggregation must be last");
  if (spec.kind != SeriesKind::New && spec.monthly == Aggregation::Sum)
    throw std::logic_error("metric '" + name + "' is not a flow: summing it over a month means nothing");
}

void MetricRegistry::add_daily(SeriesSpec spec, CollectFn fn) {
  check(spec);
  daily_.push_back({std::move(spec), std::move(fn)});
}

void MetricRegistry::add_monthly(SeriesSpec spec, CollectFn fn) {
  check(spec);
  monthly_.push_back({std::move(spec), std::move(fn)});
}

Recorder::Recorder(const MetricRegistry& registry, const Calendar& calendar)
    : registry_(&registry), calendar_(&calendar) {
  for (const auto& e : registry.daily()) {
    SeriesData d{e.spec, calendar.num_ticks(), {}};
    d.values.assign(size_t(d.rows) * e.spec.width(), 0.0);
    daily_.push_back(std::move(d));
  }
  for (const auto& e : registry.monthly()) {
    SeriesData d{e.spec, calendar.num_months(), {}};
    d.values.assign(size_t(d.rows) * e.spec.width(), 0.0);
    explicit_monthly_.push_back(std::move(d));
  }
}

void Recorder::record(const TickContext& ctx) {
  const auto& daily = registry_->daily();
  for (size_t i = 0; i < daily.size(); ++i) {
    const size_t w = daily_[i].spec.width();
    daily[i].collect(ctx, std::span<double>(daily_[i].values.data() + size_t(ctx.tick) * w, w));
  }
  if (ctx.month_ends) {
    const auto& monthly = registry_->monthly();
    for (size_t i = 0; i < monthly.size(); ++i) {
      const size_t w = explicit_monthly_[i].spec.width();
      monthly[i].collect(ctx, std::span<double>(explicit_monthly_[i].values.data() + size_t(ctx.month) * w, w));
    }
  }
}

std::vector<SeriesData> Recorder::monthly() const {
  std::vector<SeriesData> out;
  const int32_t months = calendar_->num_months();
  for (const SeriesData& d : daily_) {
    const size_t w = d.spec.width();
    SeriesData m{d.spec, months, std::vector<double>(size_t(months) * w, 0.0)};
    for (int32_t mo = 0; mo < months; ++mo) {
      const int32_t first = calendar_->month_first_tick(mo);
      const int32_t n = calendar_->month_num_ticks(mo);
      for (size_t c = 0; c < w; ++c) {
        double acc = 0.0;  // fixed order: deterministic
        for (int32_t t = first; t < first + n; ++t) acc += d.at(t, c);
        double v = acc;
        if (d.spec.monthly == Aggregation::Mean) v = acc / n;
        if (d.spec.monthly == Aggregation::Last) v = d.at(first + n - 1, c);
        m.values[size_t(mo) * w + c] = v;
      }
    }
    out.push_back(std::move(m));
  }
  for (const SeriesData& d : explicit_monthly_) out.push_back(d);
  return out;
}

}  // namespace govsim
