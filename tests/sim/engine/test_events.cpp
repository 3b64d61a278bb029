// Dated [[events]]: parameters change from their date on, exactly as if set from the start when
// dated on the first day; bad events are refused with file:line:col; the log goes to provenance.
#include <catch2/catch.hpp>

#include "sim/core/errors.hpp"
#include "sim/engine/simulation.hpp"

using namespace govsim;

namespace {
const std::string kBase = R"([calendar]
start = 2020-01-01
end = 2020-03-31
[population]
residents = 3000
[network]
community_size = 300
[[crisis.phases]]
kind = "mid"
start = 2020-01-20
end = 2020-02-20
intensity = 0.8
)";

RunResult run(const std::string& text, const std::vector<std::string>& sets = {}) {
  RunOptions o;
  o.threads = 2;
  return run_scenario(parse_scenario(text, "e.toml", sets), o);
}

const SeriesData& series(const RunResult& r, const std::string& name) {
  for (const SeriesData& s : r.daily)
    if (s.spec.name == name) return s;
  FAIL("no series " << name);
  throw;
}

std::string error_of(const std::string& text) {
  try {
    (void)parse_scenario(text, "e.toml");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("an event on the first day equals setting the value from the start", "[events]") {
  const RunResult a = run(kBase + "[[events]]\ndate = 2020-01-01\nset = { reference.social_weight = 0.7 }\n");
  const RunResult b = run(kBase, {"reference.social_weight=0.7"});
  CHECK(series(a, "mean_engagement").values == series(b, "mean_engagement").values);
  CHECK(series(a, "n_active").values == series(b, "n_active").values);
}

TEST_CASE("an event changes the run from its date on, and only from then", "[events]") {
  const RunResult base = run(kBase);
  const RunResult ev = run(kBase + "[[events]]\ndate = 2020-02-01\nlabel = \"campaign\"\n"
                                   "set = { reference.base_engagement = 0.4, reference.adaptation_rate = 0.5 }\n");
  const auto& a = series(base, "mean_engagement").values;
  const auto& b = series(ev, "mean_engagement").values;
  const size_t day = 31;  // 2020-02-01
  for (size_t t = 0; t < day; ++t) REQUIRE(a[t] == b[t]);
  CHECK(b[day] > a[day]);
  CHECK(b.back() > a.back() + 0.1);
  REQUIRE(ev.provenance.events_applied.size() == 2);
  // Keys of one event apply in key order (TOML tables are unordered); positions point at each key.
  CHECK(ev.provenance.events_applied[0] ==
        "2020-02-01 (day 31): reference.adaptation_rate = 0.5  # campaign (e.toml:16:52)");
  CHECK(ev.provenance.events_applied[1] ==
        "2020-02-01 (day 31): reference.base_engagement = 0.4  # campaign (e.toml:16:19)");
  CHECK(ev.provenance.scenario_resolved.find("[[events]]\ndate = 2020-02-01\nlabel = \"campaign\"\n"
                                              "set = { reference.adaptation_rate = 0.5, reference.base_engagement = 0.4 }") !=
        std::string::npos);
  // The resolved scenario, events included, loads back and runs to the same result.
  const RunResult again = run(ev.provenance.scenario_resolved);
  CHECK(series(again, "mean_engagement").values == b);
}

TEST_CASE("events apply in date order whatever their order in the file, and later ones win", "[events]") {
  const RunResult a = run(kBase + "[[events]]\ndate = 2020-03-01\nset = { reference.social_weight = 0.1 }\n"
                                  "[[events]]\ndate = 2020-02-01\nset = { reference.social_weight = 0.9 }\n");
  const RunResult b = run(kBase + "[[events]]\ndate = 2020-02-01\nset = { reference.social_weight = 0.9 }\n"
                                  "[[events]]\ndate = 2020-03-01\nset = { reference.social_weight = 0.1 }\n");
  CHECK(series(a, "mean_engagement").values == series(b, "mean_engagement").values);
}

TEST_CASE("bad events are refused with file:line:col and what was expected", "[events]") {
  const std::string e = kBase + "[[events]]\n";
  CHECK(error_of(e + "date = 2020-02-01\nset = { reference.social_wieght = 0.5 }\n") ==
        "e.toml:15:19: reference.social_wieght: unknown key 'reference.social_wieght'; did you mean "
        "'reference.social_weight'?");
  CHECK_THAT(error_of(e + "date = 2020-02-01\nset = { population.residents = 10 }\n"),
             Catch::StartsWith("e.toml:15:20: population.residents: cannot change during a run: it is read only when "
                               "the world is built"));
  CHECK_THAT(error_of(e + "date = 2020-02-01\nset = { reference.share_young = 0.1 }\n"),
             Catch::Contains("cannot change during a run"));
  CHECK(error_of(e + "date = 2021-02-01\nset = { reference.social_weight = 0.5 }\n") ==
        "e.toml:13:1: events: event on 2021-02-01 lies outside the calendar 2020-01-01 to 2020-03-31");
  CHECK_THAT(error_of(e + "date = 2020-02-01\nset = { reference.social_weight = 1.5 }\n"),
             Catch::StartsWith("e.toml:15:19: reference.social_weight: expected a finite number in [0, 1], got 1.5"));
  CHECK_THAT(error_of(e + "date = 2020-02-30\nset = { reference.social_weight = 0.5 }\n"),
             Catch::StartsWith("e.toml:14:") && Catch::Contains("saw 30"));
  CHECK_THAT(error_of(e + "set = { reference.social_weight = 0.5 }\n"), Catch::Contains("missing required key 'date'"));
  CHECK_THAT(error_of(e + "date = 2020-02-01\n"), Catch::Contains("missing required key 'set'"));
  CHECK_THAT(error_of(e + "date = 2020-02-01\nwhen = 1\nset = { reference.social_weight = 0.5 }\n"),
             Catch::Contains("unknown key 'when'") && Catch::Contains("valid keys: date, label, set"));
  CHECK_THAT(error_of(e + "date = 2020-02-01\nset = { reference.social_weight = 0.5, reference.social_weight = 0.6 }\n"),
             Catch::Contains("e.toml"));  // a TOML error: duplicate key
  CHECK_THAT(error_of("events = 3\n" + kBase), Catch::Contains("expected [[events]] tables"));
  CHECK_THAT(error_of(e + "date = 2020-02-01\nset = { jiaxing.conditions.accountability = false }\n"),
             Catch::Contains("belongs to model 'jiaxing'"));
}
