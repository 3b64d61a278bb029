// Whole-model tests of the Jiaxing model on a small version of the real scenario
// (scenarios/jiaxing_weijiayuan.toml at 20 000 residents unless said otherwise): each mechanism
// and condition switch moves the outputs the way docs/jiaxing_model.md says, the bookkeeping adds
// up, and results do not depend on the thread count.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "jiaxing_test_support.hpp"

using namespace govsim;
using namespace govsim::jiaxing_test;

namespace {

// The small scenario as it is, run once per process and shared by the tests that need it.
const RunResult& baseline() {
  static const RunResult r = run_small();
  return r;
}

// Mean of a daily per-answer series over the whole run (daily values weighted by the day's answers).
double answer_weighted_mean(const RunResult& r, const std::string& series) {
  const SeriesData& a = daily(r, "new_answers");
  const SeriesData& m = daily(r, series);
  double total = 0;
  for (int32_t t = 0; t < a.rows; ++t)
    if (a.at(t) > 0) total += a.at(t) * m.at(t);
  return total / sum(a);
}
double mean_response(const RunResult& r) { return answer_weighted_mean(r, "mean_response_days"); }
double share_in_limit(const RunResult& r) { return answer_weighted_mean(r, "share_answered_in_limit"); }

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

}  // namespace

TEST_CASE("jiaxing: without a crisis there is no February spike and no firm closes", "[jiaxing]") {
  // Tolerance: at this scale about 600 residents are registered in December, so a monthly rate
  // near 0.03 has a sampling s.d. of about 0.007 per month (5 replicates: Feb - Dec ranged from
  // -0.008 to +0.017 with the crisis phases removed). 0.02 is ~3 s.d. and about a tenth of the
  // crisis spike (Feb - Dec = 0.17 with the crisis).
  const double tol = 0.02;
  SECTION("crisis phases removed") {
    const RunResult r = run_text(without_crisis_phases(scenario_text()), small());
    const SeriesData& m = monthly(r, "rate_active_monthly");
    CHECK(m.at(month(r, "2020-02")) <= m.at(month(r, "2019-12")) + tol);
    CHECK(sum(daily(r, "n_firms_closed")) == 0.0);
    CHECK(scalar(r, "firm_closed_days_mean") == 0.0);
  }
  SECTION("crisis phases kept, every intensity 0") {
    const RunResult r = run_text(with_zero_intensity(scenario_text()), small());
    const SeriesData& m = monthly(r, "rate_active_monthly");
    CHECK(m.at(month(r, "2020-02")) <= m.at(month(r, "2019-12")) + tol);
    CHECK(sum(daily(r, "n_firms_closed")) == 0.0);
  }
  SECTION("crisis phases and crisis services removed") {
    const RunResult r =
        run_text(without_crisis_services(without_crisis_phases(scenario_text())), small());
    const SeriesData& m = monthly(r, "rate_active_monthly");
    CHECK(m.at(month(r, "2020-02")) <= m.at(month(r, "2019-12")) + tol);
    CHECK(sum(daily(r, "n_firms_closed")) == 0.0);
  }
  SECTION("for contrast: with the crisis the spike is far above the tolerance") {
    const RunResult& r = baseline();
    const SeriesData& m = monthly(r, "rate_active_monthly");
    CHECK(m.at(month(r, "2020-02")) > m.at(month(r, "2019-12")) + 5 * tol);
    CHECK(sum(daily(r, "n_firms_closed")) > 0.0);
  }
}

TEST_CASE("jiaxing: without accountability officials answer later", "[jiaxing]") {
  // At the default capacity (5 requests per official a day, two officials per community) a team
  // gets far fewer requests than it can answer, so answers come the same day with or without
  // accountability (without it, requests are lost instead: responsiveness). With 0.25 per
  // official the teams are stretched during the emergency, which is where effort matters.
  // Margin: 0.5 day on the mean response time (about 1.5 days on, 2.4 off at this seed).
  const std::string tight = "jiaxing.officials.capacity_mean=0.25";
  const RunResult on = run_small({tight, "jiaxing.conditions.accountability=1"});
  const RunResult off = run_small({tight, "jiaxing.conditions.accountability=0"});
  INFO("mean response on " << mean_response(on) << ", off " << mean_response(off));
  INFO("share in limit on " << share_in_limit(on) << ", off " << share_in_limit(off));
  CHECK(mean_response(off) > mean_response(on) + 0.5);
  CHECK(share_in_limit(off) < share_in_limit(on));
  CHECK(sum(daily(off, "new_dropped_requests")) > sum(daily(on, "new_dropped_requests")));
  CHECK(daily(off, "mean_trust").at(off.calendar.num_ticks() - 1) <
        daily(on, "mean_trust").at(on.calendar.num_ticks() - 1));
}

TEST_CASE("jiaxing: officials with no capacity answer nothing and every request is dropped",
          "[jiaxing]") {
  const RunResult r = run_small({"jiaxing.officials.capacity_mean=0"});
  const int32_t n = r.calendar.num_ticks();
  const SeriesData& req = daily(r, "new_requests");
  const SeriesData& ans = daily(r, "new_answers");
  const SeriesData& drop = daily(r, "new_dropped_requests");
  const SeriesData& pending = daily(r, "n_pending_requests");
  REQUIRE(sum(req) > 100);
  CHECK(sum(ans) == 0.0);
  // A request is dropped exactly patience_days + 1 days after it is made: cumulative drops up
  // to day t equal cumulative requests up to day t - patience - 1.
  const auto patience =
      static_cast<int32_t>(parse_scenario(scenario_text(), "jiaxing_test.toml", small())
                               .params.get_int("jiaxing.officials.patience_days"));
  REQUIRE(patience > 0);
  double made = 0, dropped = 0;
  for (int32_t t = 0; t < n; ++t) {
    if (t - patience - 1 >= 0) made += req.at(t - patience - 1);
    dropped += drop.at(t);
    REQUIRE(dropped == made);
  }
  // What is left at the end is the last patience + 1 days' requests.
  CHECK(pending.at(n - 1) == sum(req, n - patience - 1, n));
  CHECK(daily(r, "mean_trust").at(n - 1) < daily(baseline(), "mean_trust").at(n - 1));
}

TEST_CASE(
    "jiaxing: without public entrepreneurs there are no councils and no bookings after the "
    "emergency",
    "[jiaxing]") {
  const RunResult off = run_small({"jiaxing.conditions.public_entrepreneurs=0"});
  const RunResult& on = baseline();
  const int32_t emergency_over = tick(off, "2020-03-03");  // the day after the level-1 emergency
  // The crisis services (launch = "unmet_need") retire on their own rule some days later; "after"
  // is the day after the last of them is offered.
  const Scenario sc = parse_scenario(scenario_text(), "jiaxing_test.toml", small());
  const auto& services = sc.params.records("jiaxing.services");
  const SeriesData& offered = daily(off, "city_offers_service");
  int32_t after = 0;
  for (size_t s = 0; s < services.size(); ++s)
    if (services[s].get_string("launch") == "unmet_need")
      for (int32_t t = 0; t < off.calendar.num_ticks(); ++t)
        if (offered.at(t, static_cast<int32_t>(s)) > 0) after = std::max(after, t + 1);
  REQUIRE(after > emergency_over);
  REQUIRE(after < tick(off, "2020-06-01"));
  CHECK(sum(daily(off, "deliberation_acts")) == 0.0);
  CHECK(sum(daily(off, "bookings_served"), after) == 0.0);
  CHECK(sum(daily(off, "care_by_volunteers"), after) == 0.0);
  // Not vacuous: with entrepreneurs all three happen after the emergency.
  CHECK(sum(daily(on, "deliberation_acts"), after) > 0.0);
  CHECK(sum(daily(on, "bookings_served"), after) > 0.0);
  CHECK(sum(daily(on, "care_by_volunteers"), after) > 0.0);
  // Up to the emergency's last day nothing differs: crisis services need no entrepreneur.
  for (const char* name :
       {"n_registered", "new_needs", "needs_met_online", "n_volunteers", "new_answers"})
    for (int32_t t = 0; t < emergency_over; ++t) {
      INFO(name << " on " << off.calendar.date(t).str());
      REQUIRE(daily(off, name).at(t) == daily(on, name).at(t));
    }
}

TEST_CASE("jiaxing: without co-production incentives there are fewer volunteer acts", "[jiaxing]") {
  const RunResult off = run_small({"jiaxing.conditions.coproduction_incentives=0"});
  const RunResult& on = baseline();
  INFO("volunteer acts on " << sum(daily(on, "volunteer_acts")) << ", off "
                            << sum(daily(off, "volunteer_acts")));
  CHECK(sum(daily(off, "volunteer_acts")) < sum(daily(on, "volunteer_acts")));
  CHECK(scalar(off, "volunteers_end") < scalar(on, "volunteers_end"));
  CHECK(sum(daily(off, "deliberation_acts")) < sum(daily(on, "deliberation_acts")));
  CHECK(sum(daily(off, "n_firms_listed")) < sum(daily(on, "n_firms_listed")));
}

TEST_CASE("jiaxing: without critical mass fewer residents are registered at the end", "[jiaxing]") {
  // Critical mass 0: no registration driven by registered neighbours (the grid workers' push
  // stays), so fewer registrations from the first day on.
  const RunResult off = run_small({"jiaxing.conditions.critical_mass=0"});
  const RunResult& on = baseline();
  INFO("registered on " << scalar(on, "registered_end") << ", off "
                        << scalar(off, "registered_end"));
  CHECK(scalar(off, "registered_end") < scalar(on, "registered_end"));
  const int32_t before = tick(on, "2020-01-22");
  CHECK(daily(off, "n_registered").at(before) < daily(on, "n_registered").at(before));
}

TEST_CASE("jiaxing: stocks and flows add up and rates stay in [0, 1]", "[jiaxing]") {
  // Default capacity, and a tight one so that requests wait, expire and are left pending.
  const bool tight = GENERATE(false, true);
  const RunResult r = tight ? run_small({"jiaxing.officials.capacity_mean=0.1"}) : run_small();
  INFO((tight ? "capacity 0.1" : "default capacity"));
  const int32_t n = r.calendar.num_ticks();
  const SeriesData& reg = daily(r, "n_registered");
  const SeriesData& reg_age = daily(r, "n_registered_by_age");
  const SeriesData& new_reg = daily(r, "new_registrations");
  const SeriesData& active = daily(r, "n_active");
  const SeriesData& needs = daily(r, "new_needs");
  const SeriesData& online = daily(r, "needs_met_online");
  const SeriesData& offline = daily(r, "needs_met_offline");
  const SeriesData& unmet = daily(r, "needs_unmet");
  const SeriesData& queued = daily(r, "needs_queued");
  const SeriesData& uses = daily(r, "online_uses");
  const SeriesData& req = daily(r, "new_requests");
  const SeriesData& ans = daily(r, "new_answers");
  const SeriesData& drop = daily(r, "new_dropped_requests");
  const SeriesData& pending = daily(r, "n_pending_requests");
  const SeriesData& open = daily(r, "n_firms_open");
  const SeriesData& closed = daily(r, "n_firms_closed");
  const SeriesData& resumed = daily(r, "n_firms_resumed");
  const SeriesData& listed = daily(r, "n_firms_listed");
  double cum_reg = 0, cum_req = 0, cum_ans = 0, cum_drop = 0;
  for (int32_t t = 0; t < n; ++t) {
    INFO("day " << r.calendar.date(t).str());
    if (t > 0) REQUIRE(reg.at(t) >= reg.at(t - 1));
    cum_reg += new_reg.at(t);
    REQUIRE(reg.at(t) == cum_reg);
    REQUIRE(reg_age.at(t, 0) + reg_age.at(t, 1) + reg_age.at(t, 2) == reg.at(t));
    for (int g = 0; g < 3; ++g) REQUIRE(active.at(t, g) <= reg_age.at(t, g));
    REQUIRE(needs.at(t) == online.at(t) + queued.at(t) + offline.at(t) + unmet.at(t));
    double by_need = 0;
    for (size_t k = 0; k < uses.spec.width(); ++k) by_need += uses.at(t, k);
    REQUIRE(by_need == online.at(t) + queued.at(t));  // uses include requests sent
    cum_req += req.at(t);
    cum_ans += ans.at(t);
    cum_drop += drop.at(t);
    REQUIRE(cum_req == cum_ans + cum_drop + pending.at(t));
    REQUIRE(open.at(t) + closed.at(t) + resumed.at(t) == 200.0);
    REQUIRE(listed.at(t) <= 200.0);
    for (const char* name : {"rate_active_daily", "share_needs_met", "share_answered_in_limit",
                             "team_utilisation", "mean_trust"}) {
      const double v = daily(r, name).at(t);
      INFO(name);
      if (!std::isnan(v)) {
        REQUIRE(v >= 0.0);
        REQUIRE(v <= 1.0);
      }
    }
  }
  CHECK(cum_reg > 0);
  CHECK(cum_req > 0);
  if (tight) CHECK(cum_drop > 0);
  for (const char* name : {"rate_active_monthly", "rate_active_monthly_by_age"}) {
    const SeriesData& m = monthly(r, name);
    INFO(name);
    for (double v : m.values)
      if (!std::isnan(v)) {
        CHECK(v >= 0.0);
        CHECK(v <= 1.0);
      }
  }
}

TEST_CASE("jiaxing: results are identical for 1, 2 and 4 threads", "[jiaxing]") {
  std::vector<RunResult> runs;
  for (uint32_t threads : {1u, 2u, 4u}) runs.push_back(run_small({}, threads));
  for (size_t k = 1; k < runs.size(); ++k) {
    INFO("threads " << runs[k].provenance.threads);
    REQUIRE(runs[k].daily.size() == runs[0].daily.size());
    // Bit for bit (some series are NaN on days without a denominator, and NaN != NaN).
    for (bool is_daily : {true, false}) {
      const std::vector<SeriesData>& a = is_daily ? runs[0].daily : runs[0].monthly;
      const std::vector<SeriesData>& b = is_daily ? runs[k].daily : runs[k].monthly;
      REQUIRE(b.size() == a.size());
      for (size_t s = 0; s < a.size(); ++s) {
        INFO(a[s].spec.name);
        REQUIRE(b[s].spec.name == a[s].spec.name);
        REQUIRE(b[s].values.size() == a[s].values.size());
        size_t differ = 0;
        for (size_t i = 0; i < a[s].values.size(); ++i)
          differ += !same_bits(b[s].values[i], a[s].values[i]);
        CHECK(differ == 0);
      }
    }
    REQUIRE(runs[k].summary.size() == runs[0].summary.size());
    for (size_t i = 0; i < runs[0].summary.size(); ++i) {
      INFO(runs[0].summary[i].name);
      CHECK(same_bits(runs[k].summary[i].value, runs[0].summary[i].value));
    }
  }
}

TEST_CASE("jiaxing: the activity curve rises in the crisis and falls after it (3 replicates)",
          "[jiaxing][heavy]") {
  // 45 000 residents (45 communities), 3 replicates differing only in run.index. Tolerance: the
  // difference of replicate means must exceed both 0.05 (an absolute floor, between a quarter
  // and a third of the effect: at the current calibration Feb - Nov = 0.18 and Feb - Mar = 0.14,
  // with standard errors of about 0.002) and 4 standard errors of that difference estimated from
  // the replicates themselves; each replicate must also show both signs on its own.
  const int kReps = 3;
  std::vector<double> nov, feb, mar;
  for (int i = 0; i < kReps; ++i) {
    const RunResult r =
        run_text(scenario_text(), {"population.residents=45000", "population.officials=90",
                                   "population.firms=450", "run.index=" + std::to_string(i)});
    const SeriesData& m = monthly(r, "rate_active_monthly");
    nov.push_back(m.at(month(r, "2019-11")));
    feb.push_back(m.at(month(r, "2020-02")));
    mar.push_back(m.at(month(r, "2020-03")));
  }
  auto mean_se = [&](const std::vector<double>& a, const std::vector<double>& b) {
    std::vector<double> d;
    for (int i = 0; i < kReps; ++i) d.push_back(a[i] - b[i]);
    double m = 0, v = 0;
    for (double x : d) m += x / kReps;
    for (double x : d) v += (x - m) * (x - m) / (kReps - 1);
    return std::pair<double, double>{m, std::sqrt(v / kReps)};
  };
  const auto [rise, rise_se] = mean_se(feb, nov);
  const auto [fall, fall_se] = mean_se(feb, mar);
  INFO("Feb - Nov = " << rise << " (s.e. " << rise_se << "), Feb - Mar = " << fall << " (s.e. "
                      << fall_se << ")");
  CHECK(rise > std::max(0.05, 4 * rise_se));
  CHECK(fall > std::max(0.05, 4 * fall_se));
  for (int i = 0; i < kReps; ++i) {
    CHECK(feb[i] > nov[i]);
    CHECK(mar[i] < feb[i]);
  }
}

// A need sent to an official is resolved only when the request is answered (met) or dropped
// (not met), never on the day it is queued. Here community affairs can only go to officials
// (request_share = 1) and officials answer nothing: every request is dropped, and the day's
// share of needs met counts the drops as unmet.
TEST_CASE("jiaxing: a need sent to officials who never answer is not met", "[jiaxing]") {
  const RunResult r = run_small(
      {"jiaxing.officials.capacity_mean=0", "jiaxing.needs.community_affairs.request_share=1"});
  REQUIRE(sum(daily(r, "new_answers")) == 0.0);
  const double dropped = sum(daily(r, "new_dropped_requests"));
  REQUIRE(dropped > 0.0);
  CHECK(sum(daily(r, "needs_queued")) == sum(daily(r, "new_requests")));
  const SeriesData& share = daily(r, "share_needs_met");
  const SeriesData& online = daily(r, "needs_met_online");
  const SeriesData& offline = daily(r, "needs_met_offline");
  const SeriesData& unmet = daily(r, "needs_unmet");
  const SeriesData& drop = daily(r, "new_dropped_requests");
  for (int32_t t = 0; t < share.rows; ++t) {
    const double met = online.at(t) + offline.at(t);
    const double resolved = met + unmet.at(t) + drop.at(t);
    if (resolved > 0) REQUIRE(share.at(t) == Approx(met / resolved));
  }
}

// Supplies firms (groceries, pharmacies) are exempt from closure orders by default
// (jiaxing.firms.supplies_exempt), so the crisis service "grocery ordering" (launched on the
// supplies gap in the first days of the emergency) serves bookings during the lockdown while
// home-services firms are closed.
TEST_CASE("jiaxing: grocery ordering serves bookings during the lockdown", "[jiaxing]") {
  const RunResult& r = baseline();
  const double bookings =
      sum(daily(r, "bookings_served"), tick(r, "2020-02-05"), tick(r, "2020-03-03"));
  INFO("firms closed on 2020-02-05: " << daily(r, "n_firms_closed").at(tick(r, "2020-02-05"))
                                      << " of 200");
  CHECK(bookings > 0.0);
}
