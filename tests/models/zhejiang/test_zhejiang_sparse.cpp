// The sparse epidemic scheme (zhejiang.epidemic.scheme = "sparse", models/zhejiang/epidemic_sparse.cpp):
// its incremental tallies equal a recount of the residents' columns every day (S+E+P+Y+A+R = N, by
// county for quarantine); 1, 2 and 4 threads give identical bytes; no importation gives no case; a
// run restored from a checkpoint equals the uninterrupted run; and it is the dense scheme's model in
// distribution (replicates of both, compared within a tolerance from their spread).
#include <cmath>
#include <cstring>
#include <numeric>
#include <stdexcept>

#include "sim/checkpoint/checkpoint_test_support.hpp"
#include "zhejiang_test_support.hpp"

using namespace govsim;
using namespace govsim::zhejiang_test;

namespace {

const std::string kSparse = "zhejiang.epidemic.scheme=sparse";
const char* const kStates[] = {"n_susceptible", "n_exposed", "n_presymptomatic", "n_symptomatic", "n_asymptomatic",
                               "n_removed"};

// One residents' column of the running world, by name (read through the checkpoint interface).
template <class T>
std::span<const T> column(const Simulation& sim, const std::string& name) {
  for (const auto& c : sim.world().store("residents").columns())
    if (c->name() == name) {
      const auto raw = c->raw(false);
      return {reinterpret_cast<const T*>(raw.data()), raw.size() / sizeof(T)};
    }
  throw std::logic_error("no column " + name);
}

const SeriesData& recorded(const Simulation& sim, const std::string& name) {
  for (const SeriesData& s : sim.recorder().daily())
    if (s.spec.name == name) return s;
  throw std::logic_error("no series " + name);
}

}  // namespace

TEST_CASE("zhejiang sparse: tallies equal a recount of the residents every day, S+E+P+Y+A+R = N", "[zhejiang]") {
  std::vector<std::string> sets = {kSparse, "zhejiang.hubei.infected_share=0.02", "population.scale=0.002"};
  const Scenario sc = load_scenario(
      (govsim::testing::source_dir() / "scenarios/zhejiang_five_colour_small.toml").string(), sets);
  const Calendar cal = make_calendar(sc.params);
  RunOptions opt;
  opt.threads = 2;
  for (int32_t t = 0; t < cal.num_ticks(); ++t) opt.checkpoint_ticks.push_back(t);
  uint64_t days = 0, infected_days = 0, quarantined_days = 0;
  opt.checkpoint = [&](const Simulation& sim) {
    const int32_t t = sim.current_tick() - 1;
    const auto ds = column<uint8_t>(sim, "zj_disease");
    const auto fl = column<uint8_t>(sim, "zj_flags");
    const auto qu = column<uint16_t>(sim, "zj_quarantine_until");
    const auto cty = column<uint8_t>(sim, "zj_county");
    const SeriesData& q_by_county = recorded(sim, "n_quarantined_by_region");
    std::vector<double> states(6, 0.0), quarantined(q_by_county.spec.width(), 0.0);
    double away = 0;
    for (size_t i = 0; i < ds.size(); ++i) {
      states[ds[i]] += 1;
      if (qu[i] > uint32_t(t)) quarantined[cty[i]] += 1;
      away += (fl[i] & 1) != 0;  // kAway
    }
    INFO("day " << t);
    double people = 0;
    for (int s = 0; s < 6; ++s) {
      CHECK(recorded(sim, kStates[s]).at(t) == states[s]);
      people += recorded(sim, kStates[s]).at(t);
    }
    CHECK(people == double(ds.size()));
    for (size_t c = 0; c < quarantined.size(); ++c) CHECK(q_by_county.at(t, c) == quarantined[c]);
    CHECK(recorded(sim, "n_away").at(t) == away);
    ++days;
    infected_days += states[1] + states[2] + states[3] + states[4] > 0;
    quarantined_days += std::accumulate(quarantined.begin(), quarantined.end(), 0.0) > 0;
  };
  const RunResult r = run_scenario(sc, opt);
  CHECK(days == uint64_t(cal.num_ticks()));
  CHECK(infected_days > 20);  // the checks are not vacuous
  CHECK(quarantined_days > 20);
  CHECK(last(r, "cum_cases") > 0);
}

TEST_CASE("zhejiang sparse: 1, 2 and 4 threads give identical bytes", "[zhejiang]") {
  const std::vector<std::string> sets = {kSparse, "zhejiang.hubei.infected_share=0.01"};
  const RunResult one = run_small(sets, 0.002, 7, 1);
  CHECK(last(one, "cum_cases") > 0);
  for (uint32_t threads : {2u, 4u}) {
    const RunResult other = run_small(sets, 0.002, 7, threads);
    REQUIRE(one.daily.size() == other.daily.size());
    for (size_t k = 0; k < one.daily.size(); ++k) {
      INFO(one.daily[k].spec.name << " on " << threads << " threads");
      CHECK(checkpoint_test::same_bytes(one.daily[k].values, other.daily[k].values));
    }
  }
}

TEST_CASE("zhejiang sparse: no importation gives no infection and no case", "[zhejiang]") {
  const RunResult r = run_small({kSparse, "zhejiang.hubei.infected_share=0", "zhejiang.migrants.infected_share=0",
                                     "zhejiang.migrants.infections_per_case=0"});
  const SeriesData& inf = series(r, "new_infections");
  CHECK(std::accumulate(inf.values.begin(), inf.values.end(), 0.0) == 0.0);
  CHECK(last(r, "cum_cases") == 0.0);
  CHECK(last(r, "n_susceptible") == double(r.num_residents));
}

TEST_CASE("zhejiang: a run restored from a checkpoint equals the uninterrupted run (dense and sparse)",
          "[zhejiang][checkpoint]") {
  for (const char* scheme : {"dense", "sparse"}) {
    // 9 Feb: the map's first day, with infected, quarantined and away residents and traced contacts.
    const std::vector<std::string> sets = {std::string("zhejiang.epidemic.scheme=") + scheme,
                                           "zhejiang.hubei.infected_share=0.02", "population.scale=0.002"};
    const Scenario sc = checkpoint_test::shipped("zhejiang_five_colour_small.toml", sets);
    testing::TempDir dir;
    const std::string ck = (dir / "ck.h5").string();
    for (uint32_t run_threads : {1u, 2u}) {
      const RunResult full = checkpoint_test::run_with_checkpoints(sc, sets, {"2020-02-09"}, ck, run_threads);
      REQUIRE(last(full, "cum_cases") > 0);
      for (uint32_t branch_threads : {1u, 2u}) {
        INFO(scheme << ": checkpoint written with " << run_threads << " threads, restored with " << branch_threads);
        checkpoint_test::require_same_results(full, checkpoint_test::branch(ck, {}, branch_threads));
      }
    }
  }
}

TEST_CASE("zhejiang sparse: the same model as the dense scheme in distribution", "[zhejiang][statistical]") {
  // Eight seeds of each scheme at 1/200 scale to 13 Feb, with more infected Hubei-linked arrivals
  // (5 %) so the outbreak is not mostly chance. The schemes use different draws, so runs are not
  // paired: the means of each measure must agree within k = 3.5 standard errors of the difference
  // (the replicates' spread; results are deterministic, so a pass or a failure is repeatable). The
  // measures: infections, and confirmed cases in Wenzhou (the Hubei-linked hub) and in the other
  // ten cities. At this size 3.5 standard errors are about a third of the mean: the test catches a
  // lost or doubled channel (the household channel alone is over a third of infections), not a
  // few per cent.
  const std::vector<std::string> base = {"zhejiang.hubei.infected_share=0.05", "calendar.end=2020-02-13"};
  constexpr int kSeeds = 8;
  constexpr double kTol = 3.5;
  struct Measures {
    std::vector<double> infections, wenzhou, rest;
  };
  auto measure = [&](const char* scheme) {
    Measures m;
    for (uint64_t seed = 1; seed <= kSeeds; ++seed) {
      std::vector<std::string> sets = base;
      sets.push_back(std::string("zhejiang.epidemic.scheme=") + scheme);
      const RunResult r = run_small(sets, 0.005, 300 + seed);
      const SeriesData& inf = series(r, "new_infections");
      m.infections.push_back(std::accumulate(inf.values.begin(), inf.values.end(), 0.0));
      const SeriesData& city = series(r, "cum_cases_by_city");
      double w = 0, rest = 0;
      for (size_t k = 0; k < city.spec.width(); ++k)
        (city.spec.groups[k] == "330300" ? w : rest) += city.at(city.rows - 1, k);
      m.wenzhou.push_back(w);
      m.rest.push_back(rest);
    }
    return m;
  };
  auto mean_se = [](const std::vector<double>& v) {
    const double m = std::accumulate(v.begin(), v.end(), 0.0) / v.size();
    double ss = 0;
    for (double x : v) ss += (x - m) * (x - m);
    return std::pair{m, std::sqrt(ss / (v.size() - 1) / v.size())};
  };
  const Measures dense = measure("dense"), sparse = measure("sparse");
  auto compare = [&](const char* what, const std::vector<double>& a, const std::vector<double>& b) {
    const auto [ma, sa] = mean_se(a);
    const auto [mb, sb] = mean_se(b);
    INFO(what << ": dense " << ma << " +- " << sa << ", sparse " << mb << " +- " << sb);
    REQUIRE(ma > 0);
    CHECK(std::abs(ma - mb) < kTol * std::hypot(sa, sb));
  };
  compare("infections", dense.infections, sparse.infections);
  compare("cases in Wenzhou", dense.wenzhou, sparse.wenzhou);
  compare("cases in the other cities", dense.rest, sparse.rest);
}
