#include "models/epidemic/epidemic.hpp"

#include <tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "sim/core/errors.hpp"
#include "sim/model/by_region.hpp"
#include "sim/model/parallel.hpp"
#include "sim/params/param_table.hpp"
#include "sim/scenario/scenario.hpp"

namespace govsim::models {
namespace {

// Disease state of a resident. Isolated = detected while infectious (transmits much less).
enum State : uint8_t { kSusceptible = 0, kExposed = 1, kInfectious = 2, kIsolated = 3, kRemoved = 4 };
// Random-number streams of this component; a stream id never changes meaning once published.
enum Stream : uint32_t { kDaily = 101, kSeed = 102 };
// Per-region daily tallies kept by the step.
enum Tally : size_t { kNewInfections = 0, kNewDetected, kInfectiousNow, kIsolatedNow, kNumTallies };

// The parameters the rules read, each declared once with its field (sim/params/param_table.hpp).
struct EpidemicParams {
  double transmission = 0, contact_scale = 1, latent_days = 0, infectious_days = 0, detection_rate = 0,
         isolation = 0, initial_per_100k = 0, imports_per_100k = 0, crisis_start = 0, crisis_end = 0,
         crisis_full = 0;
  std::string seed_region;
};

const ParamTable<EpidemicParams>& parameters() {
  using P = EpidemicParams;
  static const ParamTable<P> t = [] {
    ParamTable<P> table;
    table.real("epidemic.transmission", &P::transmission, 0.09, 0, 1, "1/day",
           "Daily probability that one infectious contact infects a susceptible resident (hazard per tie).",
           "assumption: with 5 infectious days on the default network (mean degree 5.5) it gives R0 about 2.5, "
           "near the 2.2 (95% CI 1.4-3.9) of Li et al. 2020, NEJM 382:1199")
        .changeable();
    table.real("epidemic.contact_scale", &P::contact_scale, 1.0, 0, 1, "fraction",
           "Share of contacts outside the household that still take place (1 normal; lockdowns lower it).",
           "assumption: set by dated [[events]] from sourced policy dates")
        .changeable();
    table.real("epidemic.latent_days", &P::latent_days, 5.2, 1, 30, "days",
           "Mean days from infection to infectiousness (geometric).",
           "Li et al. 2020, NEJM 382:1199: mean incubation period 5.2 days (latent period taken equal)");
    table.real("epidemic.infectious_days", &P::infectious_days, 5.0, 1, 30, "days",
           "Mean days infectious before removal (geometric).",
           "assumption: between symptom onset-to-isolation and serial-interval estimates (Li et al. 2020)");
    table.real("epidemic.detection_rate", &P::detection_rate, 0.15, 0, 1, "1/day",
           "Daily probability that an infectious resident is detected (and isolated).",
           "assumption: testing and tracing capacity; a calibration target, not a known value")
        .changeable();
    table.real("epidemic.isolation", &P::isolation, 0.9, 0, 1, "fraction",
           "Reduction of a detected case's transmission by isolation.",
           "assumption: centralised isolation of confirmed cases in China in 2020 left little onward "
           "transmission; household spread before isolation is what remains")
        .changeable();
    table.real("epidemic.initial_per_100k", &P::initial_per_100k, 1.0, 0, 100000, "persons/100k",
           "Residents infectious on day 0, per 100,000 residents of the seed region(s).",
           "assumption: a handful of seed cases; scenarios set it from the first reported cases");
    table.real("epidemic.imports_per_100k", &P::imports_per_100k, 0.0, 0, 1000, "persons/100k/day",
           "Infections imported each day from outside the simulated area, per 100,000 residents of the seed "
           "region(s).",
           "assumption: set by dated [[events]] (travel before and after closures)")
        .changeable();
    table.text("epidemic.seed_region", &P::seed_region, "", {},
           "Region code where initial and imported infections arrive; empty: every region in proportion to "
           "its residents.",
           "assumption: without a known index region, seeds are spread in proportion to population");
    table.real("epidemic.crisis.start_per_100k", &P::crisis_start, 0.2, 0, 1e5, "persons/100k",
           "Detected active cases per 100,000 at which the crisis phase starts (crisis.driver = \"epidemic\").",
           "assumption: the first confirmed local cases trigger the emergency response");
    table.real("epidemic.crisis.end_per_100k", &P::crisis_end, 0.05, 0, 1e5, "persons/100k",
           "Detected active cases per 100,000 below which the crisis phase ends (never to return).",
           "assumption: the response is lifted once active cases are a quarter of the trigger level");
    table.real("epidemic.crisis.full_per_100k", &P::crisis_full, 5.0, 1e-6, 1e5, "persons/100k",
           "Detected active cases per 100,000 at which crisis intensity reaches 1 (linear below).",
           "assumption: full lockdown intensity at a few active cases per 100,000, the order at which "
           "Chinese cities locked down in early 2020");
    return table;
  }();
  return t;
}

void declare(ParamRegistry& reg) { parameters().declare(reg); }

void check(const ParamSet& p) {
  if (p.get_double("epidemic.crisis.end_per_100k") > p.get_double("epidemic.crisis.start_per_100k"))
    throw InputError(p.at("epidemic.crisis.end_per_100k").loc, "epidemic.crisis.end_per_100k",
                     "must not exceed epidemic.crisis.start_per_100k (the crisis ends below where it starts)");
  const std::string& seed = p.get_string("epidemic.seed_region");
  if (seed.empty()) return;
  if (!p.has("regions.table") || p.get_string("regions.table").empty())
    throw InputError(p.at("epidemic.seed_region").loc, "epidemic.seed_region",
                     "a seed region needs a region table (regions.table); leave it empty to seed everywhere");
  const auto t = load_region_table(p);
  const auto codes = t->codes();
  if (std::find(codes.begin(), codes.end(), seed) == codes.end())
    throw InputError(p.at("epidemic.seed_region").loc, "epidemic.seed_region",
                     "unknown region '" + seed + "': not a code of " + t->path());
}

class Epidemic final : public Component {
 public:
  void setup(World& w) override {
    const ParamSet& p = w.params();
    AgentStore& r = w.store("residents");
    n_ = r.size();
    state_ = &r.add_column<uint8_t>("epidemic_state", kSusceptible, /*double_buffered=*/true);
    seed_begin_ = 0;
    seed_end_ = n_;
    if (const std::string& code = p.get_string("epidemic.seed_region"); !code.empty()) {
      const auto codes = w.regions()->codes();
      const size_t k = std::find(codes.begin(), codes.end(), code) - codes.begin();
      seed_begin_ = w.layout().region_offset[k];
      seed_end_ = w.layout().region_offset[k + 1];
    }
    const double p0 = parameters().load(p).initial_per_100k / 1e5;
    const CounterRng& rng = w.rng();
    uint8_t* s = state_->cur().data();
    parallel_for_agents(seed_end_ - seed_begin_, [&](uint32_t k) {
      const uint32_t i = seed_begin_ + k;
      if (rng.uniform(kNetworkSetupTick, i, kSeed) < p0) s[i] = kInfectious;
    });
    regions_ = std::max<uint32_t>(1, w.num_regions());
    tallies_.assign(regions_ * kNumTallies, 0);
    household_ = w.layout().household.data();
    recount(w);
  }

  void configure(const ParamSet& p) override {
    const EpidemicParams e = parameters().load(p);
    beta_ = e.transmission;
    contact_scale_ = e.contact_scale;
    to_infectious_ = 1.0 / e.latent_days;
    to_removed_ = 1.0 / e.infectious_days;
    detection_ = e.detection_rate;
    isolation_ = e.isolation;
    import_ = e.imports_per_100k / 1e5;
    start_ = e.crisis_start;
    end_ = e.crisis_end;
    full_ = e.crisis_full;
  }

  void register_metrics(const World& w, MetricRegistry& m) override {
    auto region_series = [&](const char* name, SeriesKind kind, const char* unit, const char* doc, Aggregation agg, Tally t) {
      m.add_daily(per_region({name, kind, unit, doc, agg, "", {}}, w), [this, t](const TickContext&, std::span<double> out) {
        for (uint32_t r = 0; r < regions_; ++r) out[r] = double(tallies_[r * kNumTallies + t]);
      });
    };
    auto total_series = [&](const char* name, SeriesKind kind, const char* unit, const char* doc, Aggregation agg, Tally t) {
      m.add_daily({name, kind, unit, doc, agg, "", {}}, [this, t](const TickContext&, std::span<double> out) {
        out[0] = double(total(t));
      });
    };
    total_series("new_infections", SeriesKind::New, "persons/day", "Residents infected on the day (local or imported).", Aggregation::Sum,
                 kNewInfections);
    total_series("new_detected", SeriesKind::New, "persons/day", "Infectious residents detected (and isolated) on the day.",
                 Aggregation::Sum, kNewDetected);
    total_series("n_infectious", SeriesKind::Stock, "persons", "Infectious residents at the end of the day (detected or not).",
                 Aggregation::Mean, kInfectiousNow);
    total_series("n_detected_active", SeriesKind::Stock, "persons", "Detected cases still infectious (isolated) at the end of the day.",
                 Aggregation::Mean, kIsolatedNow);
    m.add_daily({"cum_detected", SeriesKind::Cumulative, "persons", "Residents detected since day 0 (confirmed cases).", Aggregation::Last, "", {}},
                [this](const TickContext&, std::span<double> out) { out[0] = double(cum_detected_); });
    region_series("new_infections", SeriesKind::New, "persons/day", "Residents infected on the day, by region.", Aggregation::Sum,
                  kNewInfections);
    region_series("new_detected", SeriesKind::New, "persons/day", "Cases detected on the day, by region.", Aggregation::Sum, kNewDetected);
    region_series("n_infectious", SeriesKind::Stock, "persons", "Infectious residents at the end of the day, by region.", Aggregation::Mean,
                  kInfectiousNow);
  }

  void step(World& w, const TickContext& ctx) override {
    const Network& net = w.network("social");
    const CounterRng& rng = w.rng();
    const uint8_t* s = state_->cur().data();
    uint8_t* next = state_->next().data();
    const uint32_t tick = static_cast<uint32_t>(ctx.tick);
    const std::vector<uint32_t>& off = w.layout().region_offset;
    std::fill(tallies_.begin(), tallies_.end(), 0);
    for (uint32_t r = 0; r < regions_; ++r) {
      const uint32_t b = off.size() > r + 1 ? off[r] : 0, e = off.size() > r + 1 ? off[r + 1] : n_;
      // Integer tallies summed per block: exact, so independent of the thread count.
      std::array<uint64_t, kNumTallies> t = tbb::parallel_reduce(
          tbb::blocked_range<uint32_t>(b, e, kAgentGrain), std::array<uint64_t, kNumTallies>{},
          [&](const tbb::blocked_range<uint32_t>& range, std::array<uint64_t, kNumTallies> acc) {
            for (uint32_t i = range.begin(); i < range.end(); ++i) next[i] = transition(i, s, net, rng, tick, acc);
            return acc;
          },
          [](std::array<uint64_t, kNumTallies> a, const std::array<uint64_t, kNumTallies>& c) {
            for (size_t k = 0; k < kNumTallies; ++k) a[k] += c[k];
            return a;
          });
      for (size_t k = 0; k < kNumTallies; ++k) tallies_[r * kNumTallies + k] = t[k];
    }
    cum_detected_ += total(kNewDetected);
    update_crisis(w);
  }

  std::optional<CrisisSignal> crisis_signal() const override { return signal_; }

  // Checkpoints: the day's tallies (read by the series), the running total and the crisis state.
  void save_state(StateWriter& out) const override {
    out.put("tallies", tallies_);
    out.put_value("cum_detected", cum_detected_);
    out.put_value("signal_intensity", signal_.intensity);
    out.put_value("signal_phase", uint8_t(signal_.phase));
  }
  void load_state(const StateReader& in) override {
    in.get("tallies", std::span<uint64_t>(tallies_));
    cum_detected_ = in.get_value<uint64_t>("cum_detected");
    signal_.intensity = in.get_value<double>("signal_intensity");
    const uint8_t phase = in.get_value<uint8_t>("signal_phase");
    if (phase > uint8_t(Phase::Post)) throw DataError("signal_phase: not a phase");
    signal_.phase = Phase(phase);
  }

 private:
  uint8_t transition(uint32_t i, const uint8_t* s, const Network& net, const CounterRng& rng, uint32_t tick,
                     std::array<uint64_t, kNumTallies>& acc) const {
    const auto d = rng.uniform2(tick, i, kDaily);
    uint8_t to = s[i];
    switch (s[i]) {
      case kSusceptible: {
        double pressure = 0;
        for (uint32_t j : net.neighbours(i)) {
          if (s[j] != kInfectious && s[j] != kIsolated) continue;
          double wgt = household_[j] == household_[i] ? 1.0 : contact_scale_;
          if (s[j] == kIsolated) wgt *= 1.0 - isolation_;
          pressure += wgt;
        }
        const double imported = (i >= seed_begin_ && i < seed_end_) ? import_ : 0.0;
        const double p = 1.0 - std::exp(-beta_ * pressure) * (1.0 - imported);
        if (d[0] < p) to = kExposed;
        break;
      }
      case kExposed:
        if (d[0] < to_infectious_) to = kInfectious;
        break;
      case kInfectious:
        if (d[0] < to_removed_) to = kRemoved;
        else if (d[1] < detection_) to = kIsolated;
        break;
      case kIsolated:
        if (d[0] < to_removed_) to = kRemoved;
        break;
      default: break;
    }
    if (to == kExposed && s[i] == kSusceptible) ++acc[kNewInfections];
    if (to == kIsolated && s[i] == kInfectious) ++acc[kNewDetected];
    if (to == kInfectious || to == kIsolated) ++acc[kInfectiousNow];
    if (to == kIsolated) ++acc[kIsolatedNow];
    return to;
  }

  uint64_t total(Tally t) const {
    uint64_t sum = 0;
    for (uint32_t r = 0; r < regions_; ++r) sum += tallies_[r * kNumTallies + t];
    return sum;
  }

  void recount(const World& w) {
    const uint8_t* s = state_->cur().data();
    tallies_.assign(regions_ * kNumTallies, 0);
    tallies_[kInfectiousNow] = parallel_count(n_, [&](uint32_t i) { return s[i] == kInfectious; });
    update_crisis(w);
  }

  // Pre until detected active cases reach the start level; mid until they fall below the end
  // level; then post for good. Intensity is linear in detected active cases up to `full_`.
  void update_crisis(const World&) {
    const double per_100k = n_ ? double(total(kIsolatedNow)) * 1e5 / n_ : 0.0;
    if (signal_.phase == Phase::Pre && per_100k >= start_ && per_100k > 0) signal_.phase = Phase::Mid;
    else if (signal_.phase == Phase::Mid && per_100k < end_) signal_.phase = Phase::Post;
    signal_.intensity = std::clamp(per_100k / full_, 0.0, 1.0);
  }

  uint32_t n_ = 0, regions_ = 1, seed_begin_ = 0, seed_end_ = 0;
  Column<uint8_t>* state_ = nullptr;
  const uint32_t* household_ = nullptr;
  std::vector<uint64_t> tallies_;  // [region][tally]
  uint64_t cum_detected_ = 0;
  double beta_ = 0, contact_scale_ = 1, to_infectious_ = 0, to_removed_ = 0, detection_ = 0, isolation_ = 0,
         import_ = 0, start_ = 0, end_ = 0, full_ = 1;
  CrisisSignal signal_;
};

}  // namespace

ComponentInfo epidemic_component_info() {
  return {"epidemic",
          "SEIR epidemic on the residents' contact network with importation, detection and isolation; can drive "
          "the crisis (crisis.driver = \"epidemic\").",
          declare, check, [] { return std::make_unique<Epidemic>(); }, /*drives_crisis=*/true, {"social"}};
}

}  // namespace govsim::models
