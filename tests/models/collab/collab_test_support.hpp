#pragma once
// Helpers shared by the collab tests: the four typology scenarios (scenarios/typology_*.toml) at
// a small scale, runs of the whole model, look-ups of series and summary scalars, and a harness
// that drives one UnitSim directly with the trace hook to follow individual tasks.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "models/collab/params.hpp"
#include "models/collab/task_plan.hpp"
#include "models/collab/unit_sim.hpp"
#include "sim/engine/simulation.hpp"
#include "run_result_lookup.hpp"
#include "test_support.hpp"

namespace govsim::collab_test {

using govsim::testing::daily;
using govsim::testing::same_bits;
using govsim::testing::scalar;

inline const char* const kTypes[] = {"I", "II", "III", "IV"};

inline std::string typology_text(const std::string& type) {
  return govsim::testing::read_file(govsim::testing::source_dir() / ("scenarios/typology_" + type + ".toml"));
}

// The typology scenario scaled down: 4 units instead of 16, 200 officials (50 per unit: 15 grid
// workers and 35 at the 8 department desks, about as many per desk as the full scenario's 26 per
// unit), and 25 tasks a unit a day (twice the full scenario's 12.5 since issue 16 halved its load);
// 30 days, of which the first 14 are the scenario's warm-up.
inline std::vector<std::string> small(std::vector<std::string> extra = {}) {
  std::vector<std::string> sets = {"population.residents=5000", "population.officials=200", "collab.units=4",
                                   "collab.tasks.per_day=100", "calendar.end=2021-03-30"};
  sets.insert(sets.end(), extra.begin(), extra.end());
  return sets;
}

inline Scenario scenario(const std::string& type, const std::vector<std::string>& sets) {
  return parse_scenario(typology_text(type), "typology_" + type + ".toml", sets);
}

inline RunResult run(const std::string& type, const std::vector<std::string>& sets, uint32_t threads = 2) {
  RunOptions opt;
  opt.threads = threads;
  return run_scenario(scenario(type, sets), opt);
}

inline RunResult run_small(const std::string& type, const std::vector<std::string>& extra = {},
                           uint32_t threads = 2) {
  return run(type, small(extra), threads);
}

inline double sum(const SeriesData& s) {
  double t = 0;
  for (int32_t i = 0; i < s.rows; ++i) t += s.at(i);
  return t;
}


// Every day: cumulative arrivals == cumulative closures + cumulative drops + tasks open (exact),
// and the summary's tasks_arrived == tasks_closed + tasks_dropped + tasks_open_at_end.
inline void check_conservation(const RunResult& r) {
  const SeriesData& arrived = daily(r, "new_tasks");
  const SeriesData& closed = daily(r, "new_closed");
  const SeriesData& dropped = daily(r, "new_dropped");
  const SeriesData& open = daily(r, "n_open");
  double a = 0, c = 0, d = 0;
  for (int32_t t = 0; t < arrived.rows; ++t) {
    a += arrived.at(t);
    c += closed.at(t);
    d += dropped.at(t);
    INFO("day " << t << ": arrived " << a << ", closed " << c << ", dropped " << d << ", open " << open.at(t));
    REQUIRE(a == c + d + open.at(t));
  }
  CHECK(scalar(r, "tasks_arrived") == a);
  CHECK(scalar(r, "tasks_closed") == c);
  CHECK(scalar(r, "tasks_dropped") == d);
  CHECK(scalar(r, "tasks_arrived") ==
        scalar(r, "tasks_closed") + scalar(r, "tasks_dropped") + scalar(r, "tasks_open_at_end"));
}

// One unit simulated on its own, with its parameters taken from a typology scenario (and `sets`)
// and every step of every task recorded through UnitSim's trace hook.
class UnitHarness {
 public:
  using Record = collab::UnitSim::TraceRecord;
  using What = Record::What;

  UnitHarness(const std::string& type, const std::vector<std::string>& sets, uint32_t residents = 5000,
              uint32_t grid_workers = 15, uint32_t staff_per_desk = 4)
      : p_(collab::load_collab_parameters(scenario(type, small(sets)).params)),
        rng_(12345, 0),
        willingness_(residents),
        contributions_(residents, 0),
        last_day_(residents, -1),
        today_(residents, 0) {
    for (uint32_t i = 0; i < residents; ++i) willingness_[i] = static_cast<float>(rng_.uniform(0xFFFFFF00u, i, 1));
    const std::vector<uint32_t> desks(static_cast<size_t>(p_.departments), staff_per_desk);
    unit_ = std::make_unique<collab::UnitSim>(0, 0, residents, 0, grid_workers, desks);
    busy_.assign(unit_->num_officials(), 0.0f);
    unit_->set_trace(&UnitHarness::record, this);
  }

  // Simulates `days` days from day 0 with `per_day` arrivals expected a day.
  void run(int days, bool platform_live, double per_day) {
    const collab::ResidentColumns rc{willingness_.data(), contributions_.data(), last_day_.data(), today_.data()};
    const collab::DayConditions day = collab::instant_conditions(p_, platform_live);
    for (int t = 0; t < days; ++t) {
      unit_->step_day(t, 1, day, per_day, p_, plans_, rng_, rc, busy_.data());
      arrived_ += unit_->tally().count[collab::kArrived];
      closed_ += unit_->tally().count[collab::kClosed];
      dropped_ += unit_->tally().count[collab::kDropped];
    }
  }

  const std::vector<Record>& records() const { return records_; }
  // The records of each task, in the order they happened, keyed by (slot, generation).
  std::map<std::pair<uint32_t, uint32_t>, std::vector<Record>> by_task() const {
    std::map<std::pair<uint32_t, uint32_t>, std::vector<Record>> m;
    for (const Record& r : records_) m[{r.slot, r.gen}].push_back(r);
    return m;
  }
  const collab::CollabParams& params() const { return p_; }
  const collab::UnitSim& unit() const { return *unit_; }
  uint64_t arrived() const { return arrived_; }
  uint64_t closed() const { return closed_; }
  uint64_t dropped() const { return dropped_; }

 private:
  static void record(void* self, const Record& r) { static_cast<UnitHarness*>(self)->records_.push_back(r); }

  collab::CollabParams p_;
  collab::PlanLibrary plans_;
  CounterRng rng_;
  std::vector<float> willingness_;
  std::vector<uint32_t> contributions_;
  std::vector<int32_t> last_day_;
  std::vector<uint8_t> today_;
  std::vector<float> busy_;
  std::unique_ptr<collab::UnitSim> unit_;
  std::vector<Record> records_;
  uint64_t arrived_ = 0, closed_ = 0, dropped_ = 0;
};

}  // namespace govsim::collab_test
