// Adoption ceiling (issue 15, point 5): only residents who use the mobile internet can ever
// register (jiaxing.residents.online_young / online_middle / online_elderly, drawn once per
// resident at set-up). Small scale (20 000 residents).
#include <catch2/catch.hpp>

#include "jiaxing_test_support.hpp"
#include "models/jiaxing/rules.hpp"

using namespace govsim;
using namespace govsim::jiaxing_test;

namespace {
// Registered residents of age group g on the last day.
double registered_at_end(const RunResult& r, int g) {
  const SeriesData& s = daily(r, "n_registered_by_age");
  return s.at(s.rows - 1, static_cast<size_t>(g));
}
// A push strong enough that nearly every resident who can register does so within weeks.
std::vector<std::string> saturating(std::vector<std::string> extra) {
  for (const char* k : {"jiaxing.registration.push_pre=1", "jiaxing.registration.push_post=1"}) extra.push_back(k);
  return small(std::move(extra));
}
}  // namespace

TEST_CASE("jiaxing adoption ceiling: the rule", "[jiaxing][ceiling]") {
  jiaxing::JiaxingParams p;
  p.online_share = {1.0, 0.5, 0.0};
  CHECK(jiaxing::rules::can_register(p, 0, 0.999));
  CHECK(jiaxing::rules::can_register(p, 1, 0.49));
  CHECK_FALSE(jiaxing::rules::can_register(p, 1, 0.5));
  CHECK_FALSE(jiaxing::rules::can_register(p, 2, 0.0));
}

TEST_CASE("jiaxing adoption ceiling: nobody offline registers, whatever the push", "[jiaxing][ceiling]") {
  SECTION("no one online, no one registers") {
    const RunResult r = run_text(scenario_text(), saturating({"jiaxing.residents.online_young=0",
                                                               "jiaxing.residents.online_middle=0",
                                                               "jiaxing.residents.online_elderly=0"}));
    CHECK(sum(daily(r, "new_registrations")) == 0.0);
  }
  SECTION("each age group registers up to its online share") {
    // Shares 1, 0.5, 0: the young all register, half the middle-aged, no elderly. The saturating
    // push makes the ceiling, not the hazard, set the end state. Expected counts from the age
    // shares of the scenario (0.35 young, 0.22 elderly of 20 000); the margin covers the binomial
    // draws of age and online use (sd about 1 % of each count).
    const RunResult r = run_text(scenario_text(), saturating({"jiaxing.residents.online_young=1",
                                                               "jiaxing.residents.online_middle=0.5",
                                                               "jiaxing.residents.online_elderly=0"}));
    const double young = registered_at_end(r, 0), middle = registered_at_end(r, 1), elderly = registered_at_end(r, 2);
    INFO("registered at the end: young " << young << ", middle " << middle << ", elderly " << elderly);
    CHECK(elderly == 0.0);
    CHECK(young > 0.95 * 7000);
    CHECK(young < 1.05 * 7000);
    CHECK(middle > 0.9 * 0.5 * 8600);
    CHECK(middle < 1.1 * 0.5 * 8600);
  }
  SECTION("without the ceiling the same push registers nearly everyone") {
    const RunResult r = run_text(scenario_text(), saturating({"jiaxing.residents.online_young=1",
                                                               "jiaxing.residents.online_middle=1",
                                                               "jiaxing.residents.online_elderly=1"}));
    CHECK(registered_at_end(r, 1) > 0.9 * 8600);
    CHECK(registered_at_end(r, 2) > 0.9 * 4400);
  }
}
