// Issue 16, points 1 and 2: platform adoption and its costs (adoption.hpp) and who takes part
// (participation.hpp). Small runs of the typology scenarios (collab_test_support.hpp) and direct
// drives of one UnitSim; each check compares arms that differ in one parameter.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "collab_test_support.hpp"
#include "models/collab/adoption.hpp"
#include "models/collab/participation.hpp"
#include "models/collab/society.hpp"

using namespace govsim;
using namespace govsim::collab_test;

namespace {

// The settings under which adoption and the participants' kinds change nothing: every official and
// resident on the platform from its first day, no learning, no recording, every category defined,
// no induced matters, and no actors but plain residents.
const std::vector<std::string> kNeutral = {
    "collab.adoption.enabled=true",          "collab.adoption.official_mean_days=0",
    "collab.adoption.learning_slowdown=0",   "collab.adoption.online_under_60=1",
    "collab.adoption.online_60_plus=1",      "collab.adoption.resident_mean_days=0",
    "collab.adoption.record_hours=0",        "collab.adoption.category_definition=1",
    "collab.adoption.induced_ratio=0",       "collab.participants.enabled=true",
    "collab.participants.volunteer_share=0", "collab.participants.social_organisation_share=0",
    "collab.participants.firm_share=0",      "collab.society.party_member_share=0"};

std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

TEST_CASE("collab actors: the threshold rule joins when motive - reach cost exceeds the own threshold",
          "[collab][actors]") {
  // theta = 1 - willingness: willingness 0.7 -> theta 0.3.
  CHECK(collab::joins(0.7f, 1.0, 0.35));   // 1 - 0.35 = 0.65 > 0.3
  CHECK_FALSE(collab::joins(0.7f, 1.0, 0.75));
  CHECK(collab::joins(0.7f, 1.3, 0.75));   // a volunteer's motive carries it
  CHECK_FALSE(collab::joins(0.7f, 0.9, 0.65));  // a firm's does not
}

TEST_CASE("collab actors: a lower reach cost brings more participants (endogenous participation is monotone)",
          "[collab][actors]") {
  double last_share = -1, last_actors = -1;
  for (const char* cost : {"0.8", "0.6", "0.4", "0.2"}) {
    const RunResult r = run_small("II", {"collab.participants.enabled=true", "collab.platform.enabled=false",
                                         std::string("collab.coordination.threshold=") + cost});
    const double accepted = 1.0 / scalar(r, "asks_per_contribution");
    double actors = 0;
    for (const char* k : collab::kActorKindNames) actors += scalar(r, std::string("actors_contributed_") + k);
    INFO("reach cost " << cost << ": asks accepted " << accepted << ", actors who contributed " << actors);
    CHECK(accepted > last_share);
    CHECK(actors > last_actors);
    last_share = accepted;
    last_actors = actors;
  }
}

TEST_CASE("collab actors: each kind joins by its own motive and contributes only within its capacity",
          "[collab][actors]") {
  // A few actors and many public slots, so that the capacities bind.
  const std::vector<std::string> sets = {"collab.participants.enabled=true", "collab.participants.volunteer_share=0.3",
                                         "collab.participants.firm_share=0.3", "collab.participation=1"};
  const collab::CollabParams p = collab::load_collab_parameters(scenario("II", small(sets)).params);
  REQUIRE(p.participants.enabled);
  const uint32_t n = 300;
  const CounterRng rng(99, 0);
  std::vector<float> will(n);
  std::vector<uint32_t> contributions(n, 0);
  std::vector<int32_t> last_day(n, -1);
  std::vector<uint8_t> today(n, 0), kind(n);
  for (uint32_t i = 0; i < n; ++i) {
    will[i] = static_cast<float>(rng.uniform(0xFFFFFF00u, i, 1));
    kind[i] = static_cast<uint8_t>(collab::draw_actor_kind(p.participants, rng, i));
  }
  collab::PlanLibrary plans;
  collab::UnitSim unit(0, 0, n, 0, 15, std::vector<uint32_t>(size_t(p.departments), 4));
  std::vector<float> busy(unit.num_officials(), 0.0f);
  const collab::ResidentColumns rc{will.data(), contributions.data(), last_day.data(), today.data(), kind.data(), nullptr};
  const collab::DayConditions day = collab::instant_conditions(p, true);
  uint64_t joined[collab::kNumActorKinds] = {}, records[collab::kNumActorKinds] = {};
  for (int t = 0; t < 10; ++t) {
    unit.step_day(t, 1, day, 40, p, plans, rng, rc, busy.data());
    for (uint32_t i = 0; i < n; ++i)
      if (last_day[i] == t) {
        INFO("actor " << i << " of kind " << collab::kActorKindNames[kind[i]] << " on day " << t);
        REQUIRE(today[i] <= p.participants.capacity[kind[i]]);
      }
  }
  bool some_at_capacity = false;
  for (uint32_t i = 0; i < n; ++i) {
    ++records[kind[i]];
    joined[kind[i]] += contributions[i] > 0;
    some_at_capacity |= today[i] == p.participants.capacity[kind[i]] && p.participants.capacity[kind[i]] > 1;
    // Nobody below its own threshold ever contributes.
    if (!collab::joins(will[i], p.participants.motive[kind[i]], p.with_platform.threshold)) CHECK(contributions[i] == 0);
  }
  CHECK(some_at_capacity);  // the capacities were reached, so the check above had something to check
  // Volunteers (motive 1.3) join more readily than firms (0.9).
  CHECK(double(joined[1]) / double(records[1]) > double(joined[4]) / double(records[4]));
}

TEST_CASE("collab actors: full adoption without learning, formalism or induced demand is the old platform",
          "[collab][actors]") {
  for (const char* type : {"II", "IV"}) {
    const RunResult before = run_small(type, {"collab.adoption.enabled=false", "collab.participants.enabled=false"});
    const RunResult after = run_small(type, kNeutral);
    for (const char* m : {"mean_close_hours", "messages_per_task", "coordination_hours_per_task",
                          "admin_work_per_official_hour", "share_dropped", "asks_per_contribution"}) {
      INFO("type " << type << ", " << m);
      CHECK(same_bits(scalar(before, m), scalar(after, m)));
    }
  }
}

TEST_CASE("collab actors: digital formalism raises official time per task", "[collab][actors]") {
  const std::vector<std::string> base = {"collab.adoption.enabled=true", "collab.adoption.induced_ratio=0"};
  const RunResult none = run_small("III", with(base, {"collab.adoption.record_hours=0"}));
  const RunResult some = run_small("III", with(base, {"collab.adoption.record_hours=0.25"}));
  CHECK(scalar(none, "record_hours_per_task") == 0.0);
  CHECK(scalar(some, "record_hours_per_task") > 0.25);  // at least one official item per task
  // Official hours per closed task are 100 / efficiency.
  CHECK(scalar(some, "efficiency_per_100_official_hours") < scalar(none, "efficiency_per_100_official_hours"));
}

TEST_CASE("collab actors: learning slows officials while they learn", "[collab][actors]") {
  const std::vector<std::string> base = {"collab.adoption.enabled=true", "collab.adoption.induced_ratio=0",
                                         "collab.adoption.record_hours=0"};
  const RunResult fast = run_small("I", with(base, {"collab.adoption.learning_slowdown=0"}));
  const RunResult slow = run_small("I", with(base, {"collab.adoption.learning_slowdown=1"}));
  CHECK(scalar(slow, "admin_work_per_official_hour") < scalar(fast, "admin_work_per_official_hour"));
}

TEST_CASE("collab actors: the digital divide lowers adoption among the old", "[collab][actors]") {
  collab::AdoptionParams a;
  a.share_60_plus = 0.2;
  a.online_under_60 = 0.77;
  a.online_60_plus = 0.42;
  a.low_literacy_share = 0.25;
  a.resident_mean_days = 30;
  a.low_literacy_rate = 0.5;
  const CounterRng rng(5, 0);
  double on[2] = {0, 0}, all[2] = {0, 0}, days_lit[2] = {0, 0}, n_lit[2] = {0, 0};
  for (uint32_t i = 0; i < 40000; ++i) {
    const collab::ResidentAdoption r = collab::draw_resident_adoption(a, rng, i);
    all[r.aged_60_plus] += 1;
    on[r.aged_60_plus] += r.days <= 60;
    if (r.days != collab::kNeverAdopts) {
      days_lit[r.low_literacy] += r.days;
      n_lit[r.low_literacy] += 1;
    }
  }
  INFO("on by day 60: under 60 " << on[0] / all[0] << ", 60+ " << on[1] / all[1]);
  CHECK(on[1] / all[1] < 0.7 * on[0] / all[0]);
  CHECK(all[1] / (all[0] + all[1]) == Approx(0.2).margin(0.01));
  // Low literacy: slower (mean days about twice).
  CHECK(days_lit[1] / n_lit[1] > 1.5 * days_lit[0] / n_lit[0]);
  // And in a whole run, at the scenario's defaults.
  const RunResult r = run_small("II", {"collab.adoption.enabled=true"});
  CHECK(scalar(r, "residents_on_platform_60_plus") < scalar(r, "residents_on_platform_under_60"));
}

TEST_CASE("collab actors: the blend of a cost is exact at no and full adoption", "[collab][actors]") {
  CHECK(same_bits(collab::blend(0.1, 0.02, 1.0), 0.02));
  CHECK(same_bits(collab::blend(0.1, 0.02, 0.0), 0.1));
  CHECK(collab::blend(8.0, 0.25, 0.5) == Approx(4.125));
}

TEST_CASE("collab actors: the society layer's residents who cannot use a platform never register", "[collab][actors][society]") {
  collab::SocietyParams p;
  p.enabled = true;
  p.communities = 10;
  p.party_member_share = 0.065;
  p.outreach_rate = 0.5;  // everyone able joins within days
  p.contact_rate = 0.5;
  p.review_days = 7;
  const uint32_t residents = 20000;
  const CounterRng rng(3, 0);
  collab::Society all, divided;
  all.setup(p, residents);
  divided.setup(p, residents, 0.6);
  for (int t = 0; t < 60; ++t) {
    all.step_day(uint32_t(t), true, t, rng);
    divided.step_day(uint32_t(t), true, t, rng);
  }
  CHECK(all.totals().registered > 0.9 * residents);
  CHECK(divided.totals().registered <= 0.6 * residents);
  CHECK(divided.totals().registered > 0.55 * residents);
}

TEST_CASE("collab actors: kinds' shares above 1 are refused with the key at fault", "[collab][actors]") {
  try {
    scenario("I", small({"collab.participants.volunteer_share=0.8", "collab.participants.firm_share=0.3"}));
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK_THAT(e.what(), Catch::Contains("collab.participants.volunteer_share"));
    CHECK_THAT(e.what(), Catch::Contains("at most 1"));
  }
  // Within 1 it is accepted, and off it is not checked at all.
  CHECK_NOTHROW(scenario("I", small({"collab.participants.volunteer_share=0.5"})));
  CHECK_NOTHROW(scenario("I", small({"collab.participants.enabled=false", "collab.participants.volunteer_share=0.8",
                                     "collab.participants.firm_share=0.3"})));
}
