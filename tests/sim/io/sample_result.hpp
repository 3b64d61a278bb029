#pragma once
// A small, fully populated run result (three months, a lockdown phase, a plain, a grouped and a
// monthly series, a scalar, network statistics) shared by the HDF5 writer and reader tests.
#include "sim/engine/run_result.hpp"

namespace govsim::testing {

inline RunResult sample_result() {
  Calendar cal(Date::from_ymd(2020, 1, 1), Date::from_ymd(2020, 3, 31),
               {{Phase::Mid, Date::from_ymd(2020, 1, 23), Date::from_ymd(2020, 3, 2), 0.9, "lockdown"}});
  const int32_t n = cal.num_ticks();
  SeriesData total{{"rate_active", SeriesKind::Rate, "fraction", "share active", Aggregation::Mean, "", {}}, n, {}};
  SeriesData grouped{
      {"n_active", SeriesKind::Stock, "persons", "active by group", Aggregation::Mean, "age_group", {"young", "old"}},
      n,
      {}};
  for (int32_t t = 0; t < n; ++t) {
    total.values.push_back(0.01 * t);
    grouped.values.push_back(t);
    grouped.values.push_back(2.0 * t);
  }
  SeriesData monthly{{"rate_active_monthly", SeriesKind::Rate, "fraction", "distinct monthly", Aggregation::Mean, "", {}},
                     3,
                     {0.1, 0.2, 0.3}};
  Provenance p;
  p.scenario_path = "x.toml";
  p.scenario_source = "[calendar]\nstart = 2020-01-01\n";
  p.scenario_resolved = "# resolved\n";
  p.seed = 42;
  p.model = "reference";
  p.govsim_version = "0.1.0";
  p.git_commit = "abc";
  p.command_line = "govsim run x.toml --threads 1";
  p.threads = 1;
  p.wall_time_s = 0.5;
  p.created_utc = "2026-01-01T00:00:00Z";
  NetworkStats ns{4.5, 9, 0, 0.3, {0, 1, 2}};
  return RunResult{p, cal, {total, grouped}, {monthly}, {{"loss_area", "fraction*days", "area", 1.25}}, ns, 1000, 10};
}

}  // namespace govsim::testing
