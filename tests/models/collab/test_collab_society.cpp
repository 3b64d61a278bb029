// The society layer of the collab model (models/collab/society.hpp): each rule on its own, the
// direction of its parameters, that it leaves the task simulation untouched, and determinism.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "collab_test_support.hpp"
#include "models/collab/society.hpp"
#include "sim/checkpoint/checkpoint_test_support.hpp"

using namespace govsim;
using namespace govsim::collab_test;
using collab::Society;
using collab::SocietyParams;

namespace {

SocietyParams society_params() {
  SocietyParams p;
  p.enabled = true;
  p.communities = 20;
  p.party_member_share = 0.065;
  p.outreach_rate = 0.002;
  p.contact_rate = 0.01;
  p.raise_rate = 2e-4;
  p.review_days = 7;
  p.turnout = 0.05;
  p.service_rate = 2.0 / 365;
  p.offline_reach = 0.5;
  p.in_service_share = 0.422;
  p.report_cost = 0.4;
  p.party_member_motive = 1.2;
  p.party_org_density = 3.32e-3;
  p.party_org_motive = 1.2;
  p.social_org_density = 6.3e-4;
  p.social_org_motive = 1.2;
  return p;
}

// Reporters of every kind that reported online.
uint64_t org_reports(const Society& s, collab::OrgKind j) { return s.totals().orgs_reported[size_t(j)]; }

// `days` days of a society of `residents`, live from day `launch`.
Society simulate(const SocietyParams& p, uint32_t residents, int days, int launch = 0, uint64_t seed = 7) {
  Society s;
  s.setup(p, residents);
  const CounterRng rng(seed, 0);
  for (int t = 0; t < days; ++t) s.step_day(uint32_t(t), t >= launch, t - launch, rng);
  return s;
}

// The Yuexiu scenario (society layer on) at a small size: 20 000 residents, 20 communities,
// October 2019 - March 2020 (the residents' platform goes live on 1 Nov 2019).
std::vector<std::string> small_yuexiu(std::vector<std::string> extra = {}) {
  std::vector<std::string> sets = {"population.residents=20000", "collab.society.communities=20",
                                   "calendar.end=2020-03-31", "collab.society.outreach_rate=0.002",
                                   "collab.society.raise_rate=0.0005"};
  sets.insert(sets.end(), extra.begin(), extra.end());
  return sets;
}

RunResult run_yuexiu(const std::vector<std::string>& sets, uint32_t threads) {
  RunOptions opt;
  opt.threads = threads;
  return run_scenario(load_scenario((testing::source_dir() / "scenarios/yuexiu_grid_dispatch.toml").string(), sets), opt);
}

double last(const RunResult& r, const std::string& name) {
  const SeriesData& s = daily(r, name);
  return s.at(s.rows - 1);
}

}  // namespace

TEST_CASE("society: the joining probability is 1 - exp(-hazard) and grows with each of its inputs",
          "[collab][society]") {
  CHECK(collab::join_probability(0, 0, 0.5, 1) == 0);
  CHECK(collab::join_probability(0.1, 0.2, 0.5, 0) == 0);  // no benefit, no joining
  CHECK(collab::join_probability(0.1, 0.2, 0.5, 0.8) == Approx(1 - std::exp(-(0.1 + 0.2 * 0.5) * 0.8)));
  const double base = collab::join_probability(0.01, 0.05, 0.2, 0.5);
  CHECK(collab::join_probability(0.02, 0.05, 0.2, 0.5) > base);  // more outreach
  CHECK(collab::join_probability(0.01, 0.10, 0.2, 0.5) > base);  // more contact
  CHECK(collab::join_probability(0.01, 0.05, 0.4, 0.5) > base);  // more neighbours registered
  CHECK(collab::join_probability(0.01, 0.05, 0.2, 0.9) > base);  // more benefit
  CHECK(collab::join_probability(5, 5, 1, 1) < 1.0);
}

TEST_CASE("society: binomial draws stay in [0, n] and have mean n p on both branches", "[collab][society]") {
  CHECK(collab::binomial_from_uniforms(0, 0.5, 0.3, 0.3) == 0);
  CHECK(collab::binomial_from_uniforms(100, 0, 0.999, 0.3) == 0);
  CHECK(collab::binomial_from_uniforms(100, 1, 0.0, 0.3) == 100);
  const CounterRng rng(3, 0);
  // (n, p): inversion with a small mean, the normal branch, p > 1/2 (by symmetry), a tiny p.
  for (const auto& [n, p] : std::vector<std::pair<uint32_t, double>>{{50, 0.1}, {10000, 0.3}, {200, 0.9}, {100000, 1e-5}}) {
    const int draws = 20000;
    double sum = 0, sq = 0;
    for (int i = 0; i < draws; ++i) {
      const auto u = rng.uniform2(1, uint32_t(i), n);
      const uint32_t k = collab::binomial_from_uniforms(n, p, u[0], u[1]);
      REQUIRE(k <= n);
      sum += k;
      sq += double(k) * k;
    }
    const double mean = sum / draws, var = sq / draws - mean * mean, sd = std::sqrt(n * p * (1 - p));
    INFO("n " << n << ", p " << p << ": mean " << mean << ", variance " << var);
    CHECK(std::fabs(mean - n * p) < 5 * sd / std::sqrt(double(draws)));
    CHECK(var == Approx(n * p * (1 - p)).epsilon(0.1));
  }
}

TEST_CASE("society: before the launch nobody joins or raises matters and party members serve offline only",
          "[collab][society]") {
  const Society s = simulate(society_params(), 50000, 60, /*launch=*/1000);
  CHECK(s.totals().registered == 0);
  CHECK(s.totals().matters == 0);
  CHECK(s.totals().deliberations == 0);
  CHECK(s.totals().service_platform == 0);
  CHECK(s.totals().service_since_launch == 0);
  // 60 days of 1 380 in-service party members (6.5 % x 42.2 % of 2 500 per community, 68.6, rounded
  // to 69, in 20 communities) at half of 2 services a year: about 227.
  CHECK(s.party_members() == 1380);
  CHECK(s.totals().service_offline > 160);
  CHECK(s.totals().service_offline < 300);
}

TEST_CASE("society: matters are reviewed weekly into one deliberation item per community, each matter voted on",
          "[collab][society]") {
  SocietyParams p = society_params();
  p.outreach_rate = 0.05;  // many on the platform soon, so every community raises matters
  p.raise_rate = 0.01;
  const Society six = simulate(p, 20000, 6);
  CHECK(six.totals().matters > 0);
  CHECK(six.totals().deliberations == 0);  // the first review is on day 6 (the 7th day)
  CHECK(six.totals().votes == 0);
  const Society seven = simulate(p, 20000, 7);
  CHECK(seven.totals().deliberations == 20);  // every community had matters: one item each
  CHECK(seven.totals().votes == seven.totals().matters);  // nothing left pending after a review
  const Society many = simulate(p, 20000, 70);
  CHECK(many.totals().deliberations == 200);  // 10 reviews x 20 communities
  CHECK(many.totals().votes == many.totals().matters);
  // Bounds: the registered are residents, the participants registered residents.
  CHECK(many.totals().registered <= 20000);
  CHECK(many.totals().party_registered <= many.totals().registered);
  CHECK(many.totals().participants <= many.totals().registered - many.totals().party_registered);
  CHECK(many.totals().participants > 0);
}

TEST_CASE("society: with no matters raised there is nothing to deliberate, and with turnout 0 nobody takes part",
          "[collab][society]") {
  SocietyParams p = society_params();
  p.raise_rate = 0;
  const Society quiet = simulate(p, 20000, 100);
  CHECK(quiet.totals().registered > 0);
  CHECK(quiet.totals().matters == 0);
  CHECK(quiet.totals().deliberations == 0);
  CHECK(quiet.totals().participants == 0);
  p = society_params();
  p.turnout = 0;
  const Society none = simulate(p, 20000, 100);
  CHECK(none.totals().deliberations > 0);
  CHECK(none.totals().participants == 0);
}

TEST_CASE("society: more outreach or contact brings more joiners; more raising more items; less offline reach more growth",
          "[collab][society]") {
  SocietyParams p = society_params();
  uint64_t previous = 0;
  for (double outreach : {0.0, 0.0005, 0.002, 0.008}) {
    p.outreach_rate = outreach;
    const uint64_t joined = simulate(p, 50000, 200).totals().registered;
    INFO("outreach " << outreach << ": " << joined << " registered");
    if (outreach == 0) CHECK(joined == 0);  // contact alone cannot start from nobody
    else CHECK(joined > previous);
    previous = joined;
  }
  p = society_params();
  p.contact_rate = 0;
  const uint64_t no_contact = simulate(p, 50000, 200).totals().registered;
  p.contact_rate = 0.05;
  const uint64_t contact = simulate(p, 50000, 200).totals().registered;
  CHECK(contact > no_contact);

  p = society_params();
  const uint64_t few = simulate(p, 50000, 200).totals().deliberations;
  p.raise_rate *= 4;
  const Society more = simulate(p, 50000, 200);
  CHECK(more.totals().deliberations > few);
  // Items saturate at one per community and review; votes do not.
  CHECK(more.totals().deliberations <= 20u * (200 / 7));
  CHECK(more.totals().votes >= more.totals().deliberations);

  // The platform raises party members' service only through offline_reach < 1.
  p = society_params();
  p.offline_reach = 1.0;
  const Society same = simulate(p, 50000, 300, 100);
  p.offline_reach = 0.2;
  const Society low = simulate(p, 50000, 300, 100);
  CHECK(low.totals().service_platform > 0);
  const double same_rate_after = double(same.totals().service_since_launch) / 200;
  const double same_rate_before = double(same.totals().service_offline + same.totals().service_platform -
                                         same.totals().service_since_launch) / 100;
  CHECK(same_rate_after == Approx(same_rate_before).epsilon(0.15));
  const double low_rate_after = double(low.totals().service_since_launch) / 200;
  const double low_rate_before = double(low.totals().service_offline + low.totals().service_platform -
                                        low.totals().service_since_launch) / 100;
  CHECK(low_rate_after > 1.3 * low_rate_before);
}

TEST_CASE("society: off by default, and switching it on leaves every typology output unchanged", "[collab][society]") {
  const RunResult off = run_small("II", {"collab.platform.launch=2021-03-20"});
  const RunResult on = run_small("II", {"collab.platform.launch=2021-03-20", "collab.society.enabled=true",
                                        "collab.society.communities=20", "collab.society.outreach_rate=0.01"});
  for (const SeriesData& s : off.daily) {
    INFO("daily series " << s.spec.name);
    CHECK(s.spec.name.find("society") == std::string::npos);
    CHECK(s.spec.name.find("party") == std::string::npos);
    const SeriesData& t = daily(on, s.spec.name);
    REQUIRE(t.values.size() == s.values.size());
    for (size_t i = 0; i < s.values.size(); ++i) REQUIRE(same_bits(s.values[i], t.values[i]));
  }
  for (const auto& x : off.summary) {
    INFO("scalar " << x.name);
    REQUIRE(same_bits(x.value, scalar(on, x.name)));
  }
  CHECK(on.daily.size() > off.daily.size());
  CHECK(last(on, "cum_society_registered") > 0);
}

TEST_CASE("society: the Yuexiu scenario's society outputs are the same on 1 and 2 threads", "[collab][society]") {
  const RunResult one = run_yuexiu(small_yuexiu(), 1);
  const RunResult two = run_yuexiu(small_yuexiu(), 2);
  checkpoint_test::require_same_results(one, two);
  CHECK(last(one, "cum_society_registered") > 1000);
  CHECK(last(one, "cum_society_deliberations") > 0);
  // The deciding reporters (s24): in-service party members and both kinds of organisation.
  CHECK(last(one, "cum_party_registered") > 0);
  CHECK(last(one, "cum_party_organisations_reporting") > 0);
  CHECK(last(one, "cum_social_organisations_reporting") >= 0);
  CHECK(scalar(one, "party_organisations") == 66);  // 3.32e-3 x 20 000 residents
  CHECK(scalar(one, "share_reporting_party_organisation") > 0);
  CHECK(scalar(one, "share_reporting_party_organisation") <= 0.8);  // the threshold's bound at the defaults
  CHECK(last(one, "cum_society_votes") >= last(one, "cum_society_deliberations"));
  CHECK(scalar(one, "party_service_per_day_2020") > scalar(one, "party_service_per_day_2019"));
}

// --- Reporting to the community online (s24): in-service party members and organisations decide by
// the threshold rule of participation.hpp (w > report_cost + 1 - motive), once reached. -----------

TEST_CASE("society reporting: the threshold lets a whole willingness class report or none, as participation's joins",
          "[collab][society]") {
  // motive 1.2, cost 0.4: w > 0.2, classes 2..9 (w = 0.25 ... 0.95).
  for (int k = 0; k < collab::kWillingnessClasses; ++k) CHECK(collab::class_reports(k, 1.2, 0.4) == (k >= 2));
  CHECK(collab::class_reports(9, 1.0, 0.96) == false);  // nobody at a cost above every willingness
  CHECK(collab::class_reports(0, 2.0, 0.0) == true);    // everybody when the motive dwarfs the cost
  CHECK(collab::even_part(10, 3, 0) + collab::even_part(10, 3, 1) + collab::even_part(10, 3, 2) == 10);
}

TEST_CASE("society reporting: a lower reach cost brings more organisations and party members to report (monotone)",
          "[collab][society]") {
  SocietyParams p = society_params();
  p.outreach_rate = 0.02;  // most are reached within the 300 days, so the threshold decides
  uint64_t members = 0, party = 0, social = 0;
  for (double cost : {1.2, 0.9, 0.6, 0.4, 0.1}) {
    p.report_cost = cost;
    const Society s = simulate(p, 200000, 300);
    const uint64_t m = s.totals().party_registered, po = org_reports(s, collab::OrgKind::Party),
                   so = org_reports(s, collab::OrgKind::Social);
    INFO("report_cost " << cost << ": " << m << " members, " << po << " party and " << so << " social organisations");
    if (cost >= 1.2) {  // w > 1: nobody
      CHECK(m == 0);
      CHECK(po == 0);
      CHECK(so == 0);
    } else {
      CHECK(m > members);
      CHECK(po > party);
      CHECK(so >= social);
    }
    // Never more than the classes the threshold admits.
    int admitted = 0;
    for (int k = 0; k < collab::kWillingnessClasses; ++k) admitted += collab::class_reports(k, 1.2, cost);
    CHECK(double(po) <= s.organisations(collab::OrgKind::Party) * admitted / 10.0 + 20);
    CHECK(m <= s.party_members());
    members = m, party = po, social = so;
  }
  CHECK(social > 0);
  // The platform's role: before its launch nobody reports online.
  const Society before = simulate(p, 200000, 100, /*launch=*/1000);
  CHECK(before.totals().party_registered == 0);
  CHECK(org_reports(before, collab::OrgKind::Party) == 0);
  CHECK(org_reports(before, collab::OrgKind::Social) == 0);
}

TEST_CASE("society reporting: with no organisations or no in-service members nobody of that kind reports",
          "[collab][society]") {
  SocietyParams p = society_params();
  p.outreach_rate = 0.02;
  p.party_org_density = 0;
  p.social_org_density = 0;
  p.in_service_share = 0;
  const Society s = simulate(p, 100000, 200);
  CHECK(s.organisations(collab::OrgKind::Party) == 0);
  CHECK(s.organisations(collab::OrgKind::Social) == 0);
  CHECK(s.party_members() == 0);
  CHECK(org_reports(s, collab::OrgKind::Party) == 0);
  CHECK(org_reports(s, collab::OrgKind::Social) == 0);
  CHECK(s.totals().party_registered == 0);
  CHECK(s.totals().service_platform + s.totals().service_offline == 0);  // only in-service members serve
  CHECK(s.totals().registered > 0);  // residents still join
}

TEST_CASE("society reporting: each kind in isolation reports up to its threshold's share, and only it",
          "[collab][society]") {
  const SocietyParams base = [] {
    SocietyParams p = society_params();
    p.outreach_rate = 0.05;  // reached almost surely within 200 days
    p.party_org_density = 0;
    p.social_org_density = 0;
    p.in_service_share = 0;
    return p;
  }();
  // Only party organisations (motive 1.2, cost 0.4: 8 of 10 classes).
  SocietyParams p = base;
  p.party_org_density = 5e-3;
  Society s = simulate(p, 200000, 200);
  CHECK(s.organisations(collab::OrgKind::Party) == 1000);
  CHECK(org_reports(s, collab::OrgKind::Party) == Approx(800).margin(8));
  CHECK(org_reports(s, collab::OrgKind::Social) == 0);
  CHECK(s.totals().party_registered == 0);
  // Only social organisations, with a lower motive (0.8, cost 0.4: w > 0.6, 4 of 10 classes).
  p = base;
  p.social_org_density = 5e-3;
  p.social_org_motive = 0.8;
  s = simulate(p, 200000, 200);
  CHECK(org_reports(s, collab::OrgKind::Social) == Approx(400).margin(4));
  CHECK(org_reports(s, collab::OrgKind::Party) == 0);
  CHECK(s.totals().party_registered == 0);
  // Only in-service party members (6.5 % x 42.2 % of 200 000 = 5 486; 8 of 10 classes report).
  p = base;
  p.in_service_share = 0.422;
  s = simulate(p, 200000, 200);
  CHECK(s.party_members() == Approx(5486).margin(20));
  CHECK(double(s.totals().party_registered) == Approx(0.8 * s.party_members()).margin(60));
  CHECK(org_reports(s, collab::OrgKind::Party) + org_reports(s, collab::OrgKind::Social) == 0);
  // Reporting members serve at the full rate, the others at offline_reach: service rises with reporting.
  CHECK(s.totals().service_platform > s.totals().service_offline);
}
