// Services come from decisions, not dates (issue 15, models/jiaxing/service_decisions.hpp):
// the rule in isolation on hand-made gaps, the model's response to moving the crisis, and
// `validate` refusing catalogues that can never offer a service.
#include <catch2/catch.hpp>

#include <algorithm>

#include "jiaxing_test_support.hpp"
#include "models/jiaxing/service_decisions.hpp"

using namespace govsim;
using namespace govsim::jiaxing;
using namespace govsim::jiaxing_test;

namespace {

Service service(const char* name, Launch launch, int need, int from = -1) {
  Service s;
  s.name = name;
  s.launch = launch;
  s.need = need;
  s.responds_to = need;
  s.converts_from = from;
  return s;
}

// A catalogue of one service of each kind: at_start, crisis (supplies), conversion of it, after_crisis.
JiaxingParams catalogue() {
  JiaxingParams p;
  p.decisions = {/*launch_gap=*/1.0, /*build_days=*/2, /*retire_share=*/0.25, /*retire_days=*/3,
                 /*convert_days=*/5, /*develop_evidence=*/10};
  p.conditions.entrepreneurs = 1;
  Service council = service("council", Launch::AfterCrisis, -1);
  council.responds_to = int(Need::CommunityAffairs);
  council.needs_entrepreneur = true;
  p.services = {service("notices", Launch::AtStart, 0), service("mask aid", Launch::UnmetNeed, 1),
                service("converted", Launch::Conversion, 1, 1), council};
  return p;
}

// Runs the rule over a daily gap of the supplies need and a daily demand on the platform for
// community affairs (needs per 1,000 residents; 1 a day unless given); returns the live bitmask per day.
std::vector<uint32_t> decide_over(const JiaxingParams& p, const std::vector<double>& supplies_gap,
                                  const std::vector<double>& affairs_demand = {}) {
  ServiceDecisions d;
  d.reset(p.services.size());
  std::vector<uint32_t> live;
  for (size_t t = 0; t < supplies_gap.size(); ++t) {
    if (t > 0) {
      std::array<double, kNumNeeds> g{}, b{};
      g[1] = supplies_gap[t - 1];
      b[int(Need::CommunityAffairs)] = affairs_demand.empty() ? 1.0 : affairs_demand[t - 1];
      d.observe(g, b);
    }
    live.push_back(d.decide(p, static_cast<int32_t>(t), Date::from_ymd(2020, 1, 1) + static_cast<int32_t>(t)));
  }
  return live;
}

int32_t first_day(const std::vector<uint32_t>& live, int s) {
  for (size_t t = 0; t < live.size(); ++t)
    if ((live[t] >> s) & 1u) return static_cast<int32_t>(t);
  return -1;
}
int32_t last_day(const std::vector<uint32_t>& live, int s) {
  int32_t last = -1;
  for (size_t t = 0; t < live.size(); ++t)
    if ((live[t] >> s) & 1u) last = static_cast<int32_t>(t);
  return last;
}

}  // namespace

TEST_CASE("jiaxing services: no unmet need means no launch", "[jiaxing][services]") {
  const JiaxingParams p = catalogue();
  const auto live = decide_over(p, std::vector<double>(200, 0.0));
  for (uint32_t m : live) REQUIRE(m == 1u);  // only the at_start service, every day
  // Just below the launch level, for months: still nothing.
  const auto below = decide_over(p, std::vector<double>(200, 0.99));
  for (uint32_t m : below) REQUIRE(m == 1u);
}

TEST_CASE("jiaxing services: a crisis gap launches, retires, converts and leads to new services",
          "[jiaxing][services]") {
  const JiaxingParams p = catalogue();
  // Gap 4 per 1,000 from day 10 to day 39, then 0.5 (below a quarter of the peak) to day 119.
  std::vector<double> gap(120, 0.0);
  for (int t = 10; t < 40; ++t) gap[t] = 4.0;
  for (int t = 40; t < 120; ++t) gap[t] = 0.5;
  const auto live = decide_over(p, gap);
  // Day 10's gap is seen on day 11; its 7-day mean (11 days at 0, one at 4: 4/7 < 1) reaches the
  // launch level once two of the last seven days are at 4 (8/7): on day 12, live build_days later.
  CHECK(first_day(live, 1) == 12 + p.decisions.build_days);
  // The 7-day mean falls below 0.25 x 4 = 1 once the window holds at most one day at 4
  // (4 + 6 x 0.5 = 7, 7/7 = 1 is not below; zero days at 4: 0.5): seen from day 47; retired after
  // retire_days such days, so the last live day is 48.
  CHECK(last_day(live, 1) == 48);
  // Conversion live convert_days after the retirement day (49), and stays.
  CHECK(first_day(live, 2) == 49 + p.decisions.convert_days);
  CHECK(last_day(live, 2) == 119);
  // After-crisis services: from the day after the last crisis retirement (49), one need per 1,000
  // a day is added to the evidence; it reaches develop_evidence (10) on day 59.
  CHECK(first_day(live, 3) == 49 + 10);
  // The at_start service never stops.
  CHECK(first_day(live, 0) == 0);
  CHECK(last_day(live, 0) == 119);
}

TEST_CASE("jiaxing services: a retired crisis service returns with a second wave, not on the tail of the first",
          "[jiaxing][services]") {
  const JiaxingParams p = catalogue();
  std::vector<double> gap(200, 0.0);
  for (int t = 10; t < 40; ++t) gap[t] = 8.0;    // peak 8: the retirement level is 0.25 x 8 = 2
  for (int t = 40; t < 130; ++t) gap[t] = 1.5;   // a tail above launch_gap (1) but below 2
  for (int t = 130; t < 160; ++t) gap[t] = 8.0;  // the second wave
  const auto live = decide_over(p, gap);
  const int32_t retired = last_day(std::vector<uint32_t>(live.begin(), live.begin() + 120), 1);
  REQUIRE(retired > 40);
  REQUIRE(retired < 60);
  for (int32_t t = retired + 1; t < 131; ++t) REQUIRE(((live[t] >> 1) & 1u) == 0u);  // not on the tail
  CHECK(((live[145] >> 1) & 1u) == 1u);                                              // the second wave
}

namespace {
std::vector<double> crisis_gap(size_t days) {  // the gap of the test above: retirement on day 49
  std::vector<double> gap(days, 0.0);
  for (int t = 10; t < 40; ++t) gap[t] = 4.0;
  for (size_t t = 40; t < days; ++t) gap[t] = 0.5;
  return gap;
}
}  // namespace

TEST_CASE("jiaxing services: after-crisis services come from what residents bring to the platform",
          "[jiaxing][services]") {
  JiaxingParams p = catalogue();
  const std::vector<double> gap = crisis_gap(400);
  SECTION("no demand on the platform: never built, however long after the crisis") {
    const auto live = decide_over(p, gap, std::vector<double>(400, 0.0));
    CHECK(first_day(live, 2) == 49 + p.decisions.convert_days);  // the conversion does not wait for demand
    CHECK(first_day(live, 3) == -1);
  }
  SECTION("demand during the crisis does not count: entrepreneurs build once the crisis services retire") {
    std::vector<double> demand(400, 0.0);
    for (int t = 0; t < 49; ++t) demand[t] = 100.0;  // ten times the evidence needed, before the retirement
    CHECK(first_day(decide_over(p, gap, demand), 3) == -1);
  }
  SECTION("the evidence needed and the demand set the day; the entrepreneurship level sets the speed") {
    // 2 needs per 1,000 a day: 5 days after the retirement; twice the evidence, 10 days.
    CHECK(first_day(decide_over(p, gap, std::vector<double>(400, 2.0)), 3) == 49 + 5);
    p.decisions.develop_evidence = 20;
    CHECK(first_day(decide_over(p, gap, std::vector<double>(400, 2.0)), 3) == 49 + 10);
    p.conditions.entrepreneurs = 0.5;  // half the skill: twice as long
    CHECK(first_day(decide_over(p, gap, std::vector<double>(400, 2.0)), 3) == 49 + 20);
    p.conditions.entrepreneurs = 0;  // no entrepreneurs: never, whatever the demand
    CHECK(first_day(decide_over(p, gap, std::vector<double>(400, 50.0)), 3) == -1);
  }
}

TEST_CASE("jiaxing services: moving the crisis moves the services", "[jiaxing][services]") {
  // The referee's experiment (issue 15): move every crisis phase by 30 days; the crisis services,
  // their conversions and the after-crisis services follow within a few days (the 7-day gap
  // window and the build and retire delays make the rest).
  const RunResult base = run_text(scenario_text(), small());
  const RunResult moved = run_text(with_crisis_moved(scenario_text(), 30), small());
  const SeriesData& b = daily(base, "city_offers_service");
  const SeriesData& m = daily(moved, "city_offers_service");
  int compared = 0;
  for (size_t s = 0; s < b.spec.groups.size(); ++s) {
    int32_t fb = -1, fm = -1;
    for (int32_t t = base.calendar.num_ticks() - 1; t >= 0; --t) {
      if (b.at(t, s) > 0) fb = t;
      if (m.at(t, s) > 0) fm = t;
    }
    INFO(b.spec.groups[s] << ": first offered on day " << fb << " (moved crisis: " << fm << ")");
    REQUIRE(fb >= 0);
    REQUIRE(fm >= 0);
    if (fb == 0) {  // live from the start: unchanged
      CHECK(fm == 0);
      continue;
    }
    CHECK(std::abs((fm - fb) - 30) <= 3);
    ++compared;
  }
  CHECK(compared >= 18);
}

TEST_CASE("jiaxing services: validate refuses a catalogue that can never offer a service", "[jiaxing][services]") {
  auto load = [](const std::string& text) { return parse_scenario(text, "jiaxing_test.toml", small()); };
  std::string head;
  const std::vector<std::string> blocks = service_blocks(scenario_text(), head);
  REQUIRE(blocks.size() >= 18);
  auto with_blocks = [&](const std::vector<std::string>& keep) {
    std::string t = head;
    for (const auto& b : keep) t += b;
    return t;
  };
  SECTION("no services at all") {
    CHECK_THROWS_WITH(load(head), Catch::Contains("can never offer any service"));
  }
  SECTION("after-crisis services without any crisis service") {
    std::vector<std::string> keep;
    for (const auto& b : blocks)
      if (b.find("\"after_crisis\"") != std::string::npos || b.find("\"at_start\"") != std::string::npos)
        keep.push_back(b);
    CHECK_THROWS_WITH(load(with_blocks(keep)), Catch::Contains("can never launch"));
  }
  SECTION("an after-crisis service that serves no need must say which demand builds it") {
    std::string t = scenario_text();
    const std::string at = "responds_to = \"community_affairs\"";
    REQUIRE(t.find(at) != std::string::npos);
    t.erase(t.find(at), t.find('\n', t.find(at)) - t.find(at));
    CHECK_THROWS_WITH(load(t), Catch::Contains("serves no need") && Catch::Contains("responds_to"));
  }
  SECTION("a conversion of a service not in the catalogue gets a suggestion") {
    std::string t = scenario_text();
    const std::string from = "converts_from = \"volunteer sign-up\"";
    t.replace(t.find(from), from.size(), "converts_from = \"volunter sign-up\"");
    CHECK_THROWS_WITH(load(t), Catch::Contains("did you mean 'volunteer sign-up'") &&
                                   Catch::Contains("jiaxing_test.toml:"));
  }
  SECTION("a service launched by decision may not carry dates") {
    std::string t = scenario_text();
    const std::string at = "launch = \"unmet_need\"\n";
    t.replace(t.find(at), at.size(), at + "start = 2020-01-25\n");
    CHECK_THROWS_WITH(load(t), Catch::Contains("has no start; remove it"));
  }
  SECTION("a service launched by decision needs a source") {
    std::string t = scenario_text();
    const size_t at = t.find("source = \"seed 000: 新冠動態");
    REQUIRE(at != std::string::npos);
    t.erase(at, t.find('\n', at) - at);
    CHECK_THROWS_WITH(load(t), Catch::Contains("needs a source"));
  }
  SECTION("a dated service needs its dates") {
    std::string t = scenario_text();
    const std::string at = "launch = \"at_start\"\n";
    t.replace(t.find(at), at.size(), "launch = \"dated\"\n");
    CHECK_THROWS_WITH(load(t), Catch::Contains("has no start"));
  }
  SECTION("the shipped catalogue is fine") { CHECK_NOTHROW(load(scenario_text())); }
}
