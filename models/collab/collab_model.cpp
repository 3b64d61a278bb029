#include "models/collab/collab_model.hpp"

#include <tbb/parallel_for.h>

#include <cmath>
#include <limits>
#include <memory>

#include "models/collab/adoption.hpp"
#include "models/collab/measures.hpp"
#include "models/collab/params.hpp"
#include "models/collab/participation.hpp"
#include "models/collab/queue_stats.hpp"
#include "models/collab/seed002_layers.hpp"
#include "models/collab/society.hpp"
#include "models/collab/unit_sim.hpp"
#include "sim/model/parallel.hpp"

namespace govsim::models {
namespace {

using namespace govsim::collab;

constexpr uint32_t kSetupTick = 0xFFFFFF00u;  // reserved tick for set-up draws
constexpr uint32_t kStreamWillingness = 1;

class CollabModel final : public Model {
 public:
  void setup(World& w) override {
    p_ = load_collab_parameters(w.params());
    const Calendar& cal = w.calendar();
    live_.resize(cal.num_ticks());
    for (int32_t t = 0; t < cal.num_ticks(); ++t)
      live_[t] = p_.platform_enabled && !(cal.date(t) < p_.platform_launch);
    first_live_ = cal.num_ticks();
    for (int32_t t = cal.num_ticks(); t-- > 0;)
      if (live_[t]) first_live_ = t;
    setup_residents(w);
    setup_units(w);
    conditions_.resize(units_.size());
    history_.reserve(cal.num_ticks());
    if (p_.society.enabled) {
      society_.setup(p_.society, w.store("residents").size(),
                     p_.adoption.enabled ? share_able_to_use(p_.adoption) : 1.0);
      service_.reserve(cal.num_ticks());
    }
    // Seed 002's other figures (issue 16, point 5): off unless a layer is switched on.
    seed002_.setup(w.params(), p_.adoption, w.store("residents").size(), cal.num_ticks(), w.rng());
  }

  void register_metrics(const World& w, MetricRegistry& m) override;
  void register_society_metrics(MetricRegistry& m);
  void register_actor_metrics(MetricRegistry& m);

  void step(World& w, const TickContext& ctx) override {
    const bool live = live_[ctx.tick];
    const uint8_t phase = ctx.tick < p_.warmup_days ? 0 : live ? 2 : 1;
    const ResidentColumns rc{willingness_->data(), contributions_->data(), last_day_->data(), today_->data(),
                             p_.participants.enabled ? kind_->data() : nullptr,
                             p_.adoption.enabled ? online_tick_->data() : nullptr};
    float* busy = busy_->data();
    const CounterRng& rng = w.rng();
    for (size_t u = 0; u < units_.size(); ++u)
      conditions_[u] = p_.adoption.enabled ? adoption_.conditions(p_, u, live, ctx.tick - first_live_, arrivals_mean_[u])
                                           : instant_conditions(p_, live);
    tbb::parallel_for(size_t{0}, units_.size(), [&](size_t u) {
      units_[u]->step_day(ctx.tick, phase, conditions_[u], arrivals_mean_[u], p_, plans_, rng, rc, busy);
    });
    day_.clear();
    open_ = 0;
    for (const auto& u : units_) {  // unit order: exact and thread-independent
      day_.add(u->tally());
      open_ += u->open_tasks();
    }
    history_.push_back(day_);
    open_history_.push_back(double(open_));
    if (p_.society.enabled) {
      const Date today = w.calendar().date(ctx.tick);
      const bool society_live = !(today < p_.society.launch);
      society_.step_day(static_cast<uint32_t>(ctx.tick), society_live,
                        society_live ? int32_t(today - p_.society.launch) : -1, rng);
      service_.push_back(society_.service_today());
    }
    if (seed002_.any())
      seed002_.step_day(uint32_t(ctx.tick), live,
                        p_.adoption.enabled ? (live ? adoption_.district_officials_on(ctx.tick - first_live_) : 0.0) : 1.0, rng);
  }

  std::vector<Scalar> summary(const World&, const std::vector<SeriesData>&, const std::vector<SeriesData>&) override;
  void add_society_scalars(const World& w, int32_t from, std::vector<Scalar>& out) const;
  void add_actor_scalars(const World& w, int32_t from, std::vector<Scalar>& out) const;

  // Checkpoints: every unit's event heap, queues and tasks, the day's totals and the daily
  // history the summary reads.
  void save_state(StateWriter& out) const override {
    UnitSim::Snapshot s;
    for (const auto& u : units_) u->save(s);
    out.put("units/counts", s.counts);
    out.put_pod("units/tallies", std::span<const UnitTally>(s.tallies));
    out.put("units/desk_heads", s.desk_heads);
    out.put("units/desk_sizes", s.desk_sizes);
    out.put("units/free_servers", s.free_servers);
    out.put("units/queue_items", s.queue_items);
    out.put("units/tasks", s.tasks);
    out.put("units/task_plans", s.task_plans);
    out.put("units/free_slots", s.free_slots);
    out.put("units/heap", s.heap);
    out.put_pod("units/close_times", std::span<const CloseTimeHistogram>(s.close_times));
    out.put("open_history", open_history_);
    out.put_pod("day", std::span<const UnitTally>(&day_, 1));
    out.put_value("open", open_);
    out.put_pod("history", std::span<const UnitTally>(history_));
    if (p_.society.enabled) {
      society_.save(out);
      out.put("society/service_history", service_);
    }
    if (seed002_.any()) seed002_.save(out);
  }
  void load_state(const StateReader& in) override {
    UnitSim::Snapshot s;
    s.counts = in.get_vector<uint32_t>("units/counts");
    s.tallies = in.get_pod_vector<UnitTally>("units/tallies");
    s.desk_heads = in.get_vector<uint64_t>("units/desk_heads");
    s.desk_sizes = in.get_vector<uint32_t>("units/desk_sizes");
    s.free_servers = in.get_vector<uint32_t>("units/free_servers");
    s.queue_items = in.get_vector<uint8_t>("units/queue_items");
    s.tasks = in.get_vector<uint8_t>("units/tasks");
    s.task_plans = in.get_vector<uint8_t>("units/task_plans");
    s.free_slots = in.get_vector<uint32_t>("units/free_slots");
    s.heap = in.get_vector<uint8_t>("units/heap");
    s.close_times = in.get_pod_vector<CloseTimeHistogram>("units/close_times");
    UnitSim::Cursor at;
    for (auto& u : units_) u->load(s, at, plans_);
    if (at.unit * 6 != s.counts.size()) throw DataError("model/units: more units than the scenario has");
    in.get_pod("day", std::span<UnitTally>(&day_, 1));
    open_ = in.get_value<uint64_t>("open");
    const auto history = in.get_pod_vector<UnitTally>("history");
    if (history.size() > live_.size()) throw DataError("model/history: longer than the calendar");
    history_.assign(history.begin(), history.end());
    open_history_ = in.get_vector<double>("open_history");
    if (open_history_.size() != history_.size()) throw DataError("model/open_history: not one value per day");
    if (p_.society.enabled) {
      society_.load(in);
      service_ = in.get_vector<uint64_t>("society/service_history");
      if (service_.size() != history_.size()) throw DataError("model/society/service_history: not one value per day");
    }
    if (seed002_.any()) seed002_.load(in);
  }

 private:
  void setup_residents(World& w) {
    AgentStore& r = w.store("residents");
    willingness_ = &r.add_column<float>("willingness", 0.0f);
    contributions_ = &r.add_column<uint32_t>("contributions", 0);
    last_day_ = &r.add_column<int32_t>("last_contribution_day", -1);
    today_ = &r.add_column<uint8_t>("contributions_that_day", 0);
    const CounterRng& rng = w.rng();
    parallel_for_agents(r.size(), [&](uint32_t i) {
      (*willingness_)[i] = static_cast<float>(rng.uniform(kSetupTick, i, kStreamWillingness));
    });
    // Actor kinds and adoption (issue 16): only when switched on, so other runs keep their columns.
    if (p_.participants.enabled) {
      kind_ = &r.add_column<uint8_t>("actor_kind", 0);
      parallel_for_agents(r.size(), [&](uint32_t i) {
        (*kind_)[i] = static_cast<uint8_t>(draw_actor_kind(p_.participants, rng, i));
      });
    }
    if (p_.adoption.enabled) {
      aged_60_plus_ = &r.add_column<uint8_t>("aged_60_plus", 0);
      low_literacy_ = &r.add_column<uint8_t>("low_literacy", 0);
      online_tick_ = &r.add_column<int32_t>("platform_adoption_tick", kNeverAdopts);
      parallel_for_agents(r.size(), [&](uint32_t i) {
        const ResidentAdoption a = draw_resident_adoption(p_.adoption, rng, i);
        (*aged_60_plus_)[i] = a.aged_60_plus;
        (*low_literacy_)[i] = a.low_literacy;
        (*online_tick_)[i] = a.days == kNeverAdopts ? kNeverAdopts : int32_t(std::min<int64_t>(int64_t(first_live_) + a.days, kNeverAdopts - 1));
      });
    }
  }

  void setup_units(World& w) {
    const uint32_t U = static_cast<uint32_t>(p_.units), D = static_cast<uint32_t>(p_.departments);
    const uint32_t N = w.store("residents").size();
    AgentStore& o = w.store("officials");
    const uint32_t O = o.size();
    const uint32_t grid_total = static_cast<uint32_t>(std::floor(O * p_.grid_worker_share));
    const uint32_t dept_total = O - grid_total;
    auto& unit_col = o.add_column<uint32_t>("unit", 0);
    auto& desk_col = o.add_column<uint16_t>("desk", 0);
    busy_ = &o.add_column<float>("busy_hours", 0.0f);
    official_hours_per_day_ = double(O) * p_.office_hours;

    uint32_t next_official = 0;
    auto share = [](uint32_t total, uint32_t parts, uint32_t i) {  // even split, remainder first
      return total / parts + (i < total % parts ? 1u : 0u);
    };
    for (uint32_t u = 0; u < U; ++u) {
      const uint32_t rb = uint32_t(uint64_t(u) * N / U), re = uint32_t(uint64_t(u + 1) * N / U);
      const uint32_t grid = share(grid_total, U, u);
      const uint32_t staff = share(dept_total, U, u);
      std::vector<uint32_t> desk_staff(D);
      for (uint32_t d = 0; d < D; ++d) desk_staff[d] = share(staff, D, d);
      units_.push_back(std::make_unique<UnitSim>(u, rb, re, next_official, grid, desk_staff));
      for (uint32_t j = 0; j < grid; ++j) unit_col[next_official + j] = u;
      uint32_t id = next_official + grid;
      for (uint32_t d = 0; d < D; ++d)
        for (uint32_t j = 0; j < desk_staff[d]; ++j, ++id) {
          unit_col[id] = u;
          desk_col[id] = static_cast<uint16_t>(d + 1);
        }
      if (p_.adoption.enabled) {
        std::vector<int32_t> official_days(units_.back()->num_officials()), resident_days;
        for (uint32_t j = 0; j < official_days.size(); ++j)
          official_days[j] = draw_official_adoption_days(p_.adoption, w.rng(), next_official + j);
        resident_days.reserve(re - rb);
        for (uint32_t i = rb; i < re; ++i)
          resident_days.push_back((*online_tick_)[i] == kNeverAdopts ? kNeverAdopts : (*online_tick_)[i] - first_live_);
        adoption_.add_unit(std::move(official_days), std::move(resident_days));
      }
      next_official += units_.back()->num_officials();
      arrivals_mean_.push_back(N ? p_.tasks_per_day * double(re - rb) / N : 0.0);
    }
  }

  // Counters summed over ticks [a, b).
  UnitTally sum_over(int32_t a, int32_t b) const {
    UnitTally t;
    for (int32_t i = std::max(a, 0); i < std::min<int32_t>(b, int32_t(history_.size())); ++i) t.add(history_[i]);
    return t;
  }

  CollabParams p_;
  PlanLibrary plans_;
  std::vector<uint8_t> live_;
  std::vector<std::unique_ptr<UnitSim>> units_;
  std::vector<double> arrivals_mean_;
  double official_hours_per_day_ = 0;
  UnitTally day_;
  uint64_t open_ = 0;
  std::vector<UnitTally> history_;
  std::vector<double> open_history_;  // open tasks at the end of each day (steady-state test)
  Society society_;               // only with collab.society.enabled
  int32_t first_live_ = 0;        // first tick the platform is live (the end if never)
  Adoption adoption_;             // only with collab.adoption.enabled
  std::vector<DayConditions> conditions_;  // per unit, the day's
  std::vector<uint64_t> service_;  // party members' services per day (society layer)
  Seed002Layers seed002_;          // seed 002's other figures (collab.working_window/levels/census)

  Column<float>* willingness_ = nullptr;
  Column<uint32_t>* contributions_ = nullptr;
  Column<int32_t>* last_day_ = nullptr;
  Column<uint8_t>* today_ = nullptr;
  Column<float>* busy_ = nullptr;
  Column<uint8_t>* kind_ = nullptr;          // collab.participants.enabled
  Column<uint8_t>* aged_60_plus_ = nullptr;  // collab.adoption.enabled
  Column<uint8_t>* low_literacy_ = nullptr;
  Column<int32_t>* online_tick_ = nullptr;
};

void CollabModel::register_metrics(const World&, MetricRegistry& m) {
  using A = Aggregation;
  auto count = [&](std::string name, std::string unit, std::string doc, int k) {
    m.add_daily({std::move(name), SeriesKind::New, std::move(unit), std::move(doc), A::Sum, "", {}},
                [this, k](const TickContext&, std::span<double> out) { out[0] = double(day_.count[k]); });
  };
  count("new_tasks", "tasks/day", "Tasks that arrived.", kArrived);
  count("new_closed", "tasks/day", "Tasks closed.", kClosed);
  count("new_closed_same_day", "tasks/day", "Tasks closed on the day they arrived.", kClosedSameDay);
  count("new_dropped", "tasks/day", "Tasks dropped (no convergence, or no resident willing to take part).", kDropped);
  count("new_dropped_nonconverged", "tasks/day", "Reciprocal tasks dropped after collab.coordination.max_rounds rounds.",
        kDroppedNonConverged);
  count("new_official_work", "sub-tasks/day", "Official sub-tasks completed (administrative work items).", kOfficialWork);
  count("new_public_contributions", "contributions/day",
        "Public contributions completed and taken in (social information processed).", kPublicContributions);
  count("new_asks", "asks/day", "Residents asked to contribute.", kAsks);
  count("new_declines", "asks/day", "Asked residents who declined (below threshold or at their daily limit).", kDeclines);
  count("new_misroutes", "items/day", "Work items that reached a wrong desk.", kMisroutes);
  m.add_daily({"n_open", SeriesKind::Stock, "tasks", "Tasks open at the end of the day.", A::Last, "", {}},
              [this](const TickContext&, std::span<double> out) { out[0] = double(open_); });
  m.add_daily({"platform_live", SeriesKind::Stock, "", "1 on days the platform is live, else 0.", A::Mean, "", {}},
              [this](const TickContext& c, std::span<double> out) { out[0] = live_[c.tick]; });
  for (const Measure& ms : collaboration_measures()) {
    if (std::string(ms.name) == "throughput") continue;  // = new_closed
    m.add_daily({ms.name, ms.kind, ms.unit, ms.description, A::Mean, "", {}},
                [this, f = ms.value](const TickContext&, std::span<double> out) {
                  out[0] = f(day_, 1.0, official_hours_per_day_);
                });
  }
  const std::vector<std::string> kinds(kKindNames, kKindNames + kNumKinds);
  m.add_daily({"new_closed_by_kind", SeriesKind::New, "tasks/day", "Tasks closed, by interdependence kind.", A::Sum, "interdependence", kinds},
              [this](const TickContext&, std::span<double> out) {
                for (int k = 0; k < kNumKinds; ++k) out[k] = double(day_.count[kClosedPooled + k]);
              });
  m.add_daily({"mean_close_hours_by_kind", SeriesKind::Mean, "hours", "Mean hours from arrival to closure, by interdependence kind.",
               A::Mean, "interdependence", kinds},
              [this](const TickContext&, std::span<double> out) {
                for (int k = 0; k < kNumKinds; ++k)
                  out[k] = detail::ratio(day_.sum[kCloseHoursPooled + k], double(day_.count[kClosedPooled + k]));
              });
  if (p_.society.enabled) register_society_metrics(m);
  register_actor_metrics(m);
  seed002_.register_metrics(m);
}

// Adoption and participants' series (issue 16; only when their layer is on).
void CollabModel::register_actor_metrics(MetricRegistry& m) {
  using A = Aggregation;
  if (p_.adoption.enabled) {
    m.add_daily({"officials_on_platform", SeriesKind::Share, "fraction", "Share of officials who use the platform.",
                 A::Mean, "", {}},
                [this](const TickContext& c, std::span<double> out) {
                  out[0] = live_[c.tick] ? adoption_.district_officials_on(c.tick - first_live_) : 0.0;
                });
    m.add_daily({"residents_on_platform", SeriesKind::Share, "fraction",
                 "Share of residents (all actor kinds) who use the platform.", A::Mean, "", {}},
                [this](const TickContext& c, std::span<double> out) {
                  out[0] = live_[c.tick] ? adoption_.district_residents_on(c.tick - first_live_) : 0.0;
                });
    m.add_daily({"new_minor_matters", SeriesKind::New, "matters/day",
                 "Induced minor matters that arrived (easier reporting on the platform).", A::Sum, "", {}},
                [this](const TickContext&, std::span<double> out) { out[0] = double(day_.count[kMinorArrived]); });
  }
  if (p_.participants.enabled) {
    const std::vector<std::string> kinds(kActorKindNames, kActorKindNames + kNumActorKinds);
    m.add_daily({"new_joins_by_kind", SeriesKind::New, "contributions/day",
                 "Asked actors who agreed to contribute, by actor kind.", A::Sum, "actor_kind", kinds},
                [this](const TickContext&, std::span<double> out) {
                  for (int k = 0; k < kNumActorKinds; ++k) out[k] = double(day_.count[kContributionsResident + k]);
                });
  }
}

// The society layer's series (docs/collab_model.md, "The society layer"): running totals since the
// start, and the party members' services of the day.
void CollabModel::register_society_metrics(MetricRegistry& m) {
  using A = Aggregation;
  auto total = [&](std::string name, std::string unit, std::string doc, uint64_t SocietyTotals::*field) {
    m.add_daily({std::move(name), SeriesKind::Cumulative, std::move(unit), std::move(doc), A::Last, "", {}},
                [this, field](const TickContext&, std::span<double> out) { out[0] = double(society_.totals().*field); });
  };
  total("cum_society_registered", "persons", "Residents on the residents' platform (party members included).",
        &SocietyTotals::registered);
  total("cum_party_registered", "persons",
        "In-service party members who reported to their community online (decided: collab.society.report_cost).",
        &SocietyTotals::party_registered);
  for (int j = 0; j < collab::kOrgKinds; ++j)
    m.add_daily({std::string("cum_") + collab::kOrgKindNames[j] + "s_reporting", SeriesKind::Cumulative, "organisations",
                 std::string(j == 0 ? "Party" : "Social") +
                     " organisations that reported to their community online (decided: collab.society.report_cost).",
                 A::Last, "", {}},
                [this, j](const TickContext&, std::span<double> out) { out[0] = double(society_.totals().orgs_reported[j]); });
  total("cum_society_matters", "matters", "Common-area matters raised on the platform by registered residents.",
        &SocietyTotals::matters);
  total("cum_society_deliberations", "items",
        "Deliberation items: reviews of a community's branch that found matters raised since the last one.",
        &SocietyTotals::deliberations);
  total("cum_society_votes", "votes", "Matters put to a community's vote (each matter of a deliberation item).",
        &SocietyTotals::votes);
  total("cum_society_participants", "persons", "Distinct residents who took part in a deliberation item.",
        &SocietyTotals::participants);
  total("cum_party_service_platform", "person-times", "Party members' community services by members on the platform.",
        &SocietyTotals::service_platform);
  total("cum_party_service_since_launch", "person-times",
        "Party members' community services (on the platform and offline) from the platform's launch.",
        &SocietyTotals::service_since_launch);
  m.add_daily({"new_party_service", SeriesKind::New, "person-times/day",
               "Party members' community services (on the platform and offline).", A::Sum, "", {}},
              [this](const TickContext&, std::span<double> out) { out[0] = double(society_.service_today()); });
}

std::vector<Model::Scalar> CollabModel::summary(const World& w, const std::vector<SeriesData>&,
                                                const std::vector<SeriesData>&) {
  std::vector<Scalar> out;
  const int32_t n = static_cast<int32_t>(history_.size());
  const int32_t from = std::min(p_.warmup_days, n);
  auto add_window = [&](int32_t a, int32_t b, const std::string& suffix, const std::string& what) {
    const UnitTally t = sum_over(a, b);
    const double days = std::max(0, b - a);
    for (const Measure& ms : collaboration_measures())
      out.push_back({ms.name + suffix, ms.unit, std::string(ms.description) + what,
                     days > 0 ? ms.value(t, days, official_hours_per_day_) : std::numeric_limits<double>::quiet_NaN()});
  };
  // Close times with censoring: closed tasks, and dropped or still-open ones censored (survival.hpp).
  std::array<CloseTimeHistogram, kArrivalPhases> close_times{};
  for (const auto& u : units_)
    for (int ph = 0; ph < kArrivalPhases; ++ph) close_times[ph].add(u->close_times()[ph]);
  for (const auto& u : units_) u->add_open_censored(24.0 * n, close_times);
  // Each window: the measures, the censored time to close of the tasks that arrived in it, and
  // whether its queue of open tasks settled (queue_stats.hpp).
  auto add_queue = [&](int32_t a, int32_t b, const std::string& suffix, const std::string& what,
                       const CloseTimeHistogram& h) {
    const KaplanMeier km = kaplan_meier(h);
    out.push_back({"km_mean_close_hours" + suffix, "hours",
                   "Mean hours from arrival to closure with dropped and still-open tasks as censored (Kaplan-Meier, "
                   "restricted to the last closure), tasks arriving in the window." + what,
                   km.restricted_mean_hours});
    out.push_back({"km_median_close_hours" + suffix, "hours",
                   "Median hours to closure with dropped and still-open tasks as censored (Kaplan-Meier; NaN if "
                   "half the tasks never closed)." + what,
                   km.median_hours});
    out.push_back({"share_censored" + suffix, "fraction",
                   "Share of the window's tasks that did not close (dropped or still open at the end): censored." + what,
                   km.events + km.censored > 0 ? double(km.censored) / double(km.events + km.censored)
                                               : std::numeric_limits<double>::quiet_NaN()});
    const double days = std::max(0, b - a);
    const QueueTrend q = open_task_trend(open_history_.data() + a, b - a,
                                         days > 0 ? double(sum_over(a, b).count[kArrived]) / days : 0.0);
    out.push_back({"queue_steady" + suffix, "",
                   "1 if the open tasks settled: their trend over the last third of the window grows them by at most "
                   "a tenth of their mean there, one day's arrivals or four times the root of that mean; 0 if the queue grows without bound (its "
                   "means depend on the run's length and must not be averaged)." + what,
                   q.steady ? 1.0 : 0.0});
    out.push_back({"open_tasks_trend_per_day" + suffix, "tasks/day",
                   "Least-squares trend of the open tasks over the last third of the window." + what, q.slope_per_day});
  };
  CloseTimeHistogram after_warmup = close_times[1];
  after_warmup.add(close_times[2]);
  add_window(from, n, "", " Over the run after the warm-up.");
  add_queue(from, n, "", " Over the run after the warm-up.", after_warmup);
  // Before/after the platform's launch (the first live day after the warm-up; the end if it never
  // goes live). Always reported, NaN for an empty window, so every run has the same scalars and a
  // sweep over the platform's switches or launch date stays one table.
  int32_t launch = n;
  for (int32_t t = from; t < n; ++t)
    if (live_[t]) {
      launch = t;
      break;
    }
  add_window(from, launch, "_before_platform", " Before the platform's launch (after the warm-up).");
  add_window(launch, n, "_after_platform", " From the platform's launch to the end.");
  add_queue(from, launch, "_before_platform", " Before the platform's launch (after the warm-up).", close_times[1]);
  add_queue(launch, n, "_after_platform", " From the platform's launch to the end.", close_times[2]);
  {
    const UnitTally t = sum_over(from, n);
    for (int k = 0; k < kNumKinds; ++k)
      out.push_back({std::string("mean_close_hours_") + kKindNames[k], "hours",
                     std::string("Mean hours to close of the ") + kKindNames[k] +
                         " tasks closed after the warm-up (a mixture's kinds reported apart).",
                     detail::ratio(t.sum[kCloseHoursPooled + k], double(t.count[kClosedPooled + k]))});
  }
  const UnitTally all = sum_over(0, n);
  out.push_back({"tasks_arrived", "tasks", "Tasks that arrived over the whole run.", double(all.count[kArrived])});
  out.push_back({"tasks_closed", "tasks", "Tasks closed over the whole run.", double(all.count[kClosed])});
  out.push_back({"tasks_dropped", "tasks", "Tasks dropped over the whole run.", double(all.count[kDropped])});
  out.push_back({"tasks_open_at_end", "tasks", "Tasks still open at the end (arrived = closed + dropped + open).",
                 double(open_)});
  out.push_back({"tasks_closed_after_launch", "tasks",
                 "Tasks closed from the platform's launch (after the warm-up) to the end; 0 if it never goes live.",
                 double(sum_over(launch, n).count[kClosed])});
  if (p_.society.enabled) add_society_scalars(w, from, out);
  add_actor_scalars(w, from, out);
  seed002_.add_scalars(from, launch, n, out);
  return out;
}

// Adoption's costs and who took part, over the run after the warm-up (issue 16).
void CollabModel::add_actor_scalars(const World& w, int32_t from, std::vector<Scalar>& out) const {
  const int32_t n = static_cast<int32_t>(history_.size());
  const UnitTally t = sum_over(from, n);
  const double days = std::max(0, n - from);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (p_.adoption.enabled) {
    out.push_back({"record_hours_per_task", "hours",
                   "Official hours recording work items for review (digital formalism) per closed regular task; "
                   "minor matters' recording included.",
                   detail::ratio(t.sum[kRecordHours], double(t.count[kClosed]))});
    out.push_back({"minor_matters_per_day", "matters/day", "Induced minor matters arrived per day.",
                   days > 0 ? double(t.count[kMinorArrived]) / days : nan});
    out.push_back({"minor_mean_close_hours", "hours", "Mean hours from arrival to closure of the minor matters.",
                   detail::ratio(t.sum[kMinorCloseHours], double(t.count[kMinorClosed]))});
    // The digital divide at the end of the run: residents on the platform by age group.
    const AgentStore& r = w.store("residents");
    uint64_t on[2] = {0, 0}, all[2] = {0, 0};
    const int32_t last = n - 1;
    for (uint32_t i = 0; i < r.size(); ++i) {
      const int old = (*aged_60_plus_)[i];
      ++all[old];
      on[old] += live_.empty() || last < 0 ? 0 : ((*online_tick_)[i] <= last && live_[last]);
    }
    out.push_back({"residents_on_platform_under_60", "fraction", "Share of residents under 60 on the platform at the end.",
                   detail::ratio(double(on[0]), double(all[0]))});
    out.push_back({"residents_on_platform_60_plus", "fraction", "Share of residents aged 60+ on the platform at the end.",
                   detail::ratio(double(on[1]), double(all[1]))});
  }
  if (p_.participants.enabled) {
    uint64_t joins = 0;
    for (int k = 0; k < kNumActorKinds; ++k) joins += t.count[kContributionsResident + k];
    for (int k = 0; k < kNumActorKinds; ++k)
      out.push_back({std::string("share_joins_") + kActorKindNames[k], "fraction",
                     std::string("Share of the contributions agreed by ") + kActorKindNames[k] + " actors.",
                     detail::ratio(double(t.count[kContributionsResident + k]), double(joins))});
    // Who joined at least once over the whole run, by kind: the endogenous participation.
    const AgentStore& r = w.store("residents");
    uint64_t records[kNumActorKinds] = {}, joined[kNumActorKinds] = {};
    for (uint32_t i = 0; i < r.size(); ++i) {
      ++records[(*kind_)[i]];
      joined[(*kind_)[i]] += (*contributions_)[i] > 0;
    }
    for (int k = 0; k < kNumActorKinds; ++k) {
      out.push_back({std::string("actors_contributed_") + kActorKindNames[k], "actors",
                     std::string("Actors of kind ") + kActorKindNames[k] + " who contributed at least once in the run.",
                     double(joined[k])});
      out.push_back({std::string("share_contributed_") + kActorKindNames[k], "fraction",
                     std::string("Share of the ") + kActorKindNames[k] + " actors who contributed at least once in the run.",
                     detail::ratio(double(joined[k]), double(records[k]))});
    }
  }
}

// Party members' services per day in each calendar year of the run (days after the warm-up), for
// comparisons between years such as seed 003's "2020 vs 2019".
void CollabModel::add_society_scalars(const World& w, int32_t from, std::vector<Scalar>& out) const {
  // Who reported online by the end of the run, of each kind that decides (collab.society.report_cost).
  const auto& t = society_.totals();
  auto share = [](uint64_t a, uint64_t b) { return b ? double(a) / double(b) : 0.0; };
  out.push_back({"in_service_party_members", "persons", "In-service party members of the society layer.",
                 double(society_.party_members())});
  out.push_back({"share_reporting_party_member", "fraction",
                 "Share of the in-service party members who reported to their community online by the end of the run.",
                 share(t.party_registered, society_.party_members())});
  for (int j = 0; j < collab::kOrgKinds; ++j) {
    const std::string kind = collab::kOrgKindNames[j];
    const uint64_t n = society_.organisations(collab::OrgKind(j));
    out.push_back({kind + "s", "organisations", "Organisations of kind " + kind + " in the society layer.", double(n)});
    out.push_back({"share_reporting_" + kind, "fraction",
                   "Share of the organisations of kind " + kind + " that reported to their community online by the end of the run.",
                   share(t.orgs_reported[j], n)});
  }
  const int32_t n = static_cast<int32_t>(service_.size());
  for (int32_t a = from; a < n;) {
    const int year = w.calendar().date(a).year();
    int32_t b = a;
    double sum = 0;
    for (; b < n && w.calendar().date(b).year() == year; ++b) sum += double(service_[b]);
    out.push_back({"party_service_per_day_" + std::to_string(year), "person-times/day",
                   "Party members' community services per day in " + std::to_string(year) +
                       " (on the platform and offline; days of the run after the warm-up).",
                   sum / (b - a)});
    a = b;
  }
}

}  // namespace

ModelInfo collab_model_info() {
  return {"collab",
          "Collaboration tasks on the participation x interdependence axes (seed 002) with and without a platform; "
          "the Yuexiu grid-dispatch case (seed 003).",
          declare_collab_parameters, check_collab_parameters, [] { return std::make_unique<CollabModel>(); },
          WorldSpec{{{"residents", 10000, 5e7, "persons",
                       "Residents of the service area: the public that may take part in tasks.", "assumption: a small default for quick runs; each scenario sets its own count"},
                      {"officials", 50, 5e6, "persons",
                       "Officials (grid workers and department desk staff) who do the official sub-tasks.",
                       "assumption: a small default for quick runs; each scenario sets its own count"}},
                     {}, false, {}},
          {{"collab.society.enabled = true", "[collab.society]\nenabled = true\ncommunities = 10\n"},
           {"collab.adoption.enabled = true and collab.participants.enabled = true",
            "[collab.adoption]\nenabled = true\n[collab.participants]\nenabled = true\n"},
           {"collab.working_window.enabled = true", "[collab.working_window]\nenabled = true\n"},
           {"collab.levels.enabled = true", "[collab.levels]\nenabled = true\n"},
           {"collab.census.enabled = true", "[collab.census]\nenabled = true\n"}}};
}

}  // namespace govsim::models
