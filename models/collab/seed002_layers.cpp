#include "models/collab/seed002_layers.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "models/collab/layer_draws.hpp"
#include "sim/core/errors.hpp"

namespace govsim::collab {
namespace {

constexpr uint32_t kStreamMobile = kStreamWorkingWindow + 0xF00u;  // is the officer on the platform today
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
double ratio(double a, double b) { return b > 0 ? a / b : kNaN; }

// Quantile q of a histogram of minutes (bin midpoints).
double hist_quantile(const uint32_t* h, double q) {
  uint64_t n = 0;
  for (int b = 0; b < kCensusBins; ++b) n += h[b];
  if (n == 0) return kNaN;
  uint64_t seen = 0;
  for (int b = 0; b < kCensusBins; ++b) {
    seen += h[b];
    if (double(seen) >= q * double(n)) return (b + 0.5) * kCensusBinMinutes;
  }
  return kCensusBins * kCensusBinMinutes;
}

}  // namespace

void declare_seed002_parameters(ParamRegistry& reg) {
  declare_working_window_parameters(reg);
  declare_levels_parameters(reg);
  declare_census_parameters(reg);
}

void check_seed002_parameters(const ParamSet& p) {
  if (p.get_double("collab.working_window.doc_start_hour") >= p.get_double("collab.working_window.doc_end_hour"))
    throw InputError(p.at("collab.working_window.doc_end_hour").loc, "collab.working_window.doc_end_hour",
                     "expected a value after collab.working_window.doc_start_hour");
  for (const char* need : {"authority", "information", "resources"}) {
    const std::string street = std::string("collab.levels.") + need + "_street";
    const std::string district = std::string("collab.levels.") + need + "_district";
    if (p.get_double(street) + p.get_double(district) > 1.0)
      throw InputError(p.at(district).loc, district, "expected " + street + " + " + district + " <= 1 (shares of matters)");
  }
}

void Seed002Layers::setup(const ParamSet& ps, const AdoptionParams& adoption, uint32_t residents, int32_t days,
                          const CounterRng& rng) {
  ww_ = load_working_window_parameters(ps);
  levels_ = load_levels_parameters(ps);
  census_ = load_census_parameters(ps);
  adoption_ = adoption;
  history_.reserve(days);
  if (!census_.enabled) return;
  households_ = form_households(census_, residents, days, rng);
  std::stable_sort(households_.begin(), households_.end(),
                   [](const Household& a, const Household& b) { return a.day < b.day; });
  household_start_.assign(days + 1, 0);
  for (const Household& h : households_) ++household_start_[h.day + 1];
  for (int32_t t = 0; t < days; ++t) household_start_[t + 1] += household_start_[t];
  census_hist_.assign(size_t(kNumCensusHists) * kCensusBins, 0);
}

void Seed002Layers::step_day(uint32_t tick, bool live, double officials_on, const CounterRng& rng) {
  today_ = {};
  if (ww_.enabled)
    for (uint32_t o = 0; o < uint32_t(ww_.officers); ++o) {
      const bool mobile = live && (officials_on >= 1.0 || rng.uniform(tick, o, kStreamMobile) < officials_on);
      const OfficerDay d = simulate_officer_day(ww_, mobile, rng, tick, o);
      today_.docs += d.documents;
      today_.docs_after_20h += d.after_20h;
      today_.docs_on_spot += d.on_spot;
    }
  if (levels_.enabled) {
    const LevelsDay d = simulate_levels_day(levels_, live, rng, tick);
    today_.matters = d.matters;
    today_.alerts = d.alerts;
  }
  if (census_.enabled && tick + 1 < household_start_.size())
    for (uint32_t i = household_start_[tick]; i < household_start_[tick + 1]; ++i) {
      const Registration r = register_household(census_, adoption_, households_[i], live, rng);
      ++today_.registrations;
      today_.self_registrations += r.self;
      today_.self_under_20 += r.self && r.minutes < 20.0;
      today_.enumerator_under_20 += !r.self && r.minutes < 20.0;
      auto bin = [](double m) { return std::min(kCensusBins - 1, int(m / kCensusBinMinutes)); };
      ++census_hist_[size_t(r.self ? kSelfHist : kEnumeratorHist) * kCensusBins + bin(r.minutes)];
      ++census_hist_[size_t(kPaperHist) * kCensusBins + bin(r.paper_minutes)];
    }
  history_.push_back(today_);
}

void Seed002Layers::register_metrics(MetricRegistry& m) {
  using A = Aggregation;
  auto add = [&](std::string name, std::string unit, std::string doc, uint32_t Day::*field) {
    m.add_daily({std::move(name), SeriesKind::New, std::move(unit), std::move(doc), A::Sum, "", {}},
                [this, field](const TickContext&, std::span<double> out) { out[0] = double(today_.*field); });
  };
  if (ww_.enabled) {
    add("new_docs_received", "documents/day", "Documents field officers received (collab.working_window).", &Day::docs);
    add("new_docs_after_20h", "documents/day",
        "Documents whose handling started at or after 20:00 (seed 002's police documents after 8 pm).",
        &Day::docs_after_20h);
    add("new_docs_on_spot", "documents/day", "Documents handled in the field during duty (mobile office only).",
        &Day::docs_on_spot);
  }
  if (levels_.enabled) {
    const std::vector<std::string> levels(kLevelNames, kLevelNames + kNumLevels);
    m.add_daily({"new_matters_by_level", SeriesKind::New, "matters/day",
                 "Community matters (sensor alerts included) resolved at each administrative level (collab.levels).",
                 A::Sum, "level", levels},
                [this](const TickContext&, std::span<double> out) {
                  for (int k = 0; k < kNumLevels; ++k) out[k] = double(today_.matters[k]);
                });
    add("new_sensor_alerts", "alerts/day", "Alerts raised by the elderly's door and water sensors (platform only).",
        &Day::alerts);
  }
  if (census_.enabled) {
    add("new_census_registrations", "households/day", "Households registered in the census (collab.census).",
        &Day::registrations);
    add("new_census_self_registrations", "households/day", "Households that registered themselves on the mini-program.",
        &Day::self_registrations);
    add("new_census_self_under_20min", "households/day", "Self-registrations completed in under 20 minutes.",
        &Day::self_under_20);
  }
}

void Seed002Layers::add_scalars(int32_t from, int32_t launch, int32_t n, std::vector<Model::Scalar>& out) const {
  auto total = [&](int32_t a, int32_t b, auto get) {
    double s = 0;
    for (int32_t t = std::max(a, 0); t < std::min<int32_t>(b, int32_t(history_.size())); ++t) s += get(history_[t]);
    return s;
  };
  const struct {
    int32_t a, b;
    const char* suffix;
    const char* what;
  } windows[2] = {{from, launch, "_before_platform", " Before the platform's launch (after the warm-up)."},
                  {launch, n, "_after_platform", " From the platform's launch to the end."}};
  if (ww_.enabled) {
    double per_day[2];
    for (int w = 0; w < 2; ++w) {
      const auto& W = windows[w];
      const double days = std::max(0, W.b - W.a);
      const double late = total(W.a, W.b, [](const Day& d) { return double(d.docs_after_20h); });
      const double docs = total(W.a, W.b, [](const Day& d) { return double(d.docs); });
      per_day[w] = days > 0 ? late / days : kNaN;
      out.push_back({std::string("docs_after_20h_per_day") + W.suffix, "documents/day",
                     std::string("Field officers' documents whose handling started at or after 20:00, per day.") + W.what,
                     per_day[w]});
      out.push_back({std::string("share_docs_after_20h") + W.suffix, "fraction",
                     std::string("Share of the documents received whose handling started at or after 20:00.") + W.what,
                     ratio(late, docs)});
    }
    out.push_back({"docs_after_20h_ratio", "times",
                   "Documents handled after 20:00 per day, after / before the platform's launch (seed 002: more than tripled).",
                   ratio(per_day[1], per_day[0])});
  }
  if (levels_.enabled)
    for (const auto& W : windows) {
      std::array<double, kNumLevels> c{};
      for (int k = 0; k < kNumLevels; ++k) c[k] = total(W.a, W.b, [k](const Day& d) { return double(d.matters[k]); });
      const double all = c[0] + c[1] + c[2];
      for (int k = 0; k < kNumLevels; ++k)
        out.push_back({std::string("share_matters_") + kLevelNames[k] + W.suffix, "fraction",
                       std::string("Share of community matters resolved at the ") + kLevelNames[k] + " level." + W.what,
                       ratio(c[k], all)});
      out.push_back({std::string("share_matters_grassroots") + W.suffix, "fraction",
                     std::string("Share of community matters resolved at the grassroots (基層: community or street).") + W.what,
                     ratio(c[0] + c[1], all)});
      const double days = std::max(0, W.b - W.a);
      out.push_back({std::string("sensor_alerts_per_day") + W.suffix, "alerts/day", std::string("Sensor alerts per day.") + W.what,
                     days > 0 ? total(W.a, W.b, [](const Day& d) { return double(d.alerts); }) / days : kNaN});
    }
  if (census_.enabled) {
    const double regs = total(0, n, [](const Day& d) { return double(d.registrations); });
    const double self = total(0, n, [](const Day& d) { return double(d.self_registrations); });
    out.push_back({"census_households", "households", "Households registered in the census over the run.", regs});
    out.push_back({"census_self_share", "fraction", "Share of households that registered themselves on the mini-program.",
                   ratio(self, regs)});
    out.push_back({"census_self_share_under_20min", "fraction", "Share of self-registrations completed in under 20 minutes.",
                   ratio(total(0, n, [](const Day& d) { return double(d.self_under_20); }), self)});
    out.push_back({"census_enumerator_share_under_20min", "fraction",
                   "Share of enumerator visits (electronic with the platform, paper without) completed in under 20 minutes.",
                   ratio(total(0, n, [](const Day& d) { return double(d.enumerator_under_20); }), regs - self)});
    const char* names[kNumCensusHists] = {"self", "enumerator", "paper2010"};
    const char* whats[kNumCensusHists] = {"self-registrations", "enumerator visits of this run",
                                          "2010-style paper visits (counterfactual, every household)"};
    for (int h = 0; h < kNumCensusHists; ++h) {
      const uint32_t* hist = census_hist_.data() + size_t(h) * kCensusBins;
      for (const auto& [q, label] : {std::pair{0.5, "median"}, std::pair{0.9, "p90"}})
        out.push_back({std::string("census_") + names[h] + "_minutes_" + label, "minutes",
                       std::string("Registration minutes of the ") + whats[h] + ", " + label + " (0.5-minute bins).",
                       hist_quantile(hist, q)});
      uint64_t under = 0, all = 0;
      for (int b = 0; b < kCensusBins; ++b) {
        all += hist[b];
        if ((b + 1) * kCensusBinMinutes <= 20.0) under += hist[b];
      }
      if (h == kPaperHist)
        out.push_back({"census_paper2010_share_under_20min", "fraction",
                       "Share of the 2010-style paper visits (counterfactual) under 20 minutes (0.5-minute bins).",
                       ratio(double(under), double(all))});
    }
  }
}

void Seed002Layers::save(StateWriter& out) const {
  out.put_pod("seed002/history", std::span<const Day>(history_));
  out.put("seed002/census_hist", census_hist_);
}

void Seed002Layers::load(const StateReader& in) {
  const auto h = in.get_pod_vector<Day>("seed002/history");
  history_.assign(h.begin(), h.end());
  census_hist_ = in.get_vector<uint32_t>("seed002/census_hist");
}

}  // namespace govsim::collab
