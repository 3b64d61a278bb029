// The scenario loader: every class of bad input gets file:line:col, the key and what was
// expected; good input resolves to every declared parameter; the resolved text round-trips.
#include <catch2/catch.hpp>

#include "sim/core/errors.hpp"
#include "sim/scenario/scenario.hpp"
#include "test_support.hpp"

using namespace govsim;

namespace {

const std::string kMinimal = "[calendar]\nstart = 2020-01-01\nend = 2020-03-31\n";

// Parses `text` expecting an InputError; returns its message.
std::string error_of(const std::string& text, std::vector<std::string> sets = {}) {
  try {
    parse_scenario(text, "t.toml", sets);
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("expected an InputError for:\n" << text);
  return "";
}

void contains(const std::string& msg, const std::string& part) {
  INFO(msg);
  CHECK(msg.find(part) != std::string::npos);
}

}  // namespace

TEST_CASE("a minimal scenario resolves every parameter with defaults", "[scenario]") {
  const Scenario sc = parse_scenario(kMinimal, "t.toml");
  for (const ParamSpec& s : parameter_registry("reference").all())
    if (s.type != ParamType::TableArray && s.path.find("[]") == std::string::npos)
      CHECK(sc.params.has(s.path));
  CHECK(sc.params.get_int("population.residents") == 10000);
  CHECK(sc.params.at("population.residents").loc.file == "<default>");
  CHECK(sc.params.get_date("calendar.start").str() == "2020-01-01");
  CHECK(sc.params.records("crisis.phases").empty());
}

TEST_CASE("syntax errors are positioned", "[scenario]") {
  const std::string m = error_of(kMinimal + "[population\nresidents = 3\n");
  contains(m, "t.toml:4:");
  contains(m, "TOML syntax error");
}

TEST_CASE("unknown keys suggest the closest valid key", "[scenario]") {
  std::string m = error_of(kMinimal + "[population]\nresidnets = 5\n");
  contains(m, "t.toml:5:1");
  contains(m, "population.residnets");
  contains(m, "did you mean 'population.residents'");
  m = error_of(kMinimal + "[popluation]\nresidents = 5\n");
  contains(m, "popluation");
  contains(m, "population");
  m = error_of(kMinimal + "[population]\nzzzzzzzzzzzzzz = 5\n");
  contains(m, "valid keys in [population]: residents");
  m = error_of(kMinimal + "[[crisis.phases]]\nkind = \"mid\"\nstart = 2020-01-10\nedn = 2020-01-20\n");
  contains(m, "did you mean 'end'");
}

TEST_CASE("wrong types name the expectation and the value", "[scenario]") {
  std::string m = error_of(kMinimal + "[population]\nresidents = \"many\"\n");
  contains(m, "t.toml:5:");
  contains(m, "population.residents: expected integer in [1, 50000000], got \"many\"");
  m = error_of(kMinimal + "[population]\nresidents = 10.5\n");
  contains(m, "expected integer");
  m = error_of(kMinimal + "[output]\nmonthly = 1\n");
  contains(m, "output.monthly: expected true or false");
  m = error_of(kMinimal + "[population]\nresidents = { a = 1 }\n");
  contains(m, "population.residents");
}

TEST_CASE("out of range and NaN are rejected", "[scenario]") {
  std::string m = error_of(kMinimal + "[population]\nresidents = 0\n");
  contains(m, "expected integer in [1, 50000000], got 0");
  m = error_of(kMinimal + "[network]\nneighbour_rewire = 1.5\n");
  contains(m, "network.neighbour_rewire: expected a finite number in [0, 1], got 1.5");
  m = error_of(kMinimal + "[[crisis.phases]]\nkind = \"mid\"\nstart = 2020-01-10\nend = 2020-01-20\nintensity = nan\n");
  contains(m, "t.toml:8:");
  contains(m, "got nan");
}

TEST_CASE("impossible dates are rejected in TOML and string form", "[scenario]") {
  for (const char* d : {"\"2020-02-30\"", "\"2019-13-01\"", "\"2019-02-29\"", "\"yesterday\"", "2019-13-01", "2020-02-30"}) {
    const std::string m = error_of(std::string("[calendar]\nstart = ") + d + "\nend = 2020-12-31\n");
    INFO(d);
    contains(m, "t.toml:2:");
  }
  contains(error_of("[calendar]\nstart = \"2020-02-30\"\nend = 2020-12-31\n"), "calendar.start: expected a date YYYY-MM-DD");
}

TEST_CASE("cross-parameter checks: calendar order, phases inside and not overlapping", "[scenario]") {
  contains(error_of("[calendar]\nstart = 2020-03-01\nend = 2020-02-01\n"), "is before calendar.start");
  const std::string two = kMinimal +
      "[[crisis.phases]]\nkind = \"mid\"\nstart = 2020-01-10\nend = 2020-02-20\n"
      "[[crisis.phases]]\nkind = \"post\"\nstart = 2020-02-01\nend = 2020-03-01\n";
  std::string m = error_of(two);
  contains(m, "t.toml:8:");
  contains(m, "overlaps phase #1");
  m = error_of(kMinimal + "[[crisis.phases]]\nkind = \"mid\"\nstart = 2021-01-10\nend = 2021-02-20\n");
  contains(m, "outside the calendar");
  m = error_of(kMinimal + "[[crisis.phases]]\nkind = \"mid\"\nstart = 2020-02-10\nend = 2020-01-20\n");
  contains(m, "before it starts");
}

TEST_CASE("missing required keys are named", "[scenario]") {
  contains(error_of("[calendar]\nstart = 2020-01-01\n"), "missing required key 'calendar.end'");
  const std::string m = error_of(kMinimal + "[[crisis.phases]]\nkind = \"mid\"\nend = 2020-01-20\n");
  contains(m, "missing required key 'start'");
  contains(m, "#1");
}

TEST_CASE("enumerations suggest the closest allowed value", "[scenario]") {
  const std::string m = error_of(kMinimal + "[[crisis.phases]]\nkind = \"mdi\"\nstart = 2020-01-10\nend = 2020-01-20\n");
  contains(m, "expected one of \"pre\", \"mid\", \"post\", got \"mdi\"; did you mean \"mid\"?");
}

TEST_CASE("overrides are checked like the file and win over it", "[scenario]") {
  const Scenario sc = parse_scenario(kMinimal + "[population]\nresidents = 500\n", "t.toml",
                                     {"population.residents=700", "network.neighbour_rewire=1e-1",
                                      "run.name=\"x y\"", "output.monthly=false", "calendar.end=2020-02-01"});
  CHECK(sc.params.get_int("population.residents") == 700);
  CHECK(sc.params.get_double("network.neighbour_rewire") == 0.1);
  CHECK(sc.params.get_string("run.name") == "x y");
  CHECK_FALSE(sc.params.get_bool("output.monthly"));
  CHECK(sc.params.get_date("calendar.end").str() == "2020-02-01");
  contains(error_of(kMinimal, {"population.residents"}), "expected KEY=VALUE");
  contains(error_of(kMinimal, {"population.residnets=5"}), "did you mean 'population.residents'");
  contains(error_of(kMinimal, {"population.residents=abc"}), "--set population.residents=abc: population.residents: expected integer");
  contains(error_of(kMinimal, {"population.residents=12x"}), "expected integer");
  contains(error_of(kMinimal, {"network.neighbour_rewire=nan"}), "expected a finite number");
  contains(error_of(kMinimal, {"crisis.phases=1"}), "cannot be set with --set");
}

TEST_CASE("the resolved scenario loads back to identical values", "[scenario]") {
  const Scenario a = parse_scenario(
      kMinimal + "[network]\nneighbour_rewire = 0.123456789012345678\n[run]\nname = \"a \\\"quoted\\\" name\"\n"
                 "[[crisis.phases]]\nkind = \"mid\"\nstart = 2020-01-10\nend = 2020-01-20\nintensity = 0.7\nlabel = \"lockdown\"\n",
      "t.toml");
  const std::string text = resolved_toml(a.params);
  const Scenario b = parse_scenario(text, "resolved.toml");
  CHECK(resolved_toml(b.params) == text);
  for (const auto& [path, v] : a.params.scalars()) {
    INFO(path);
    CHECK(b.params.at(path).value == v.value);
  }
  REQUIRE(b.params.records("crisis.phases").size() == 1);
  CHECK(b.params.records("crisis.phases")[0].get_string("label") == "lockdown");
}

TEST_CASE("unreadable scenario files are FileErrors", "[scenario]") {
  govsim::testing::TempDir dir;
  CHECK_THROWS_AS(load_scenario((dir / "absent.toml").string()), FileError);
  CHECK_THROWS_AS(load_scenario(dir.path().string()), FileError);
}

TEST_CASE("registry rejects inconsistent declarations at start-up", "[params]") {
  ParamRegistry reg;
  reg.add({"a.x", ParamType::Int, int64_t(1), 0.0, 10.0, {}, "", "", "a test table"});
  CHECK_THROWS_AS(reg.add({"a.x", ParamType::Int, int64_t(1), {}, {}, {}, "", "", "a test table"}), std::logic_error);
  CHECK_THROWS_AS(reg.add({"a.y", ParamType::Int, int64_t(11), 0.0, 10.0, {}, "", "", "a test table"}), std::logic_error);
  CHECK_THROWS_AS(reg.add({"a.z", ParamType::Float, int64_t(1), {}, {}, {}, "", "", "a test table"}), std::logic_error);
  CHECK_THROWS_AS(reg.add({"b[].f", ParamType::Int, int64_t(1), {}, {}, {}, "", "", "a test table"}), std::logic_error);
  CHECK_THROWS_AS(reg.add({"a.s", ParamType::String, std::string("q"), {}, {}, {"p"}, "", "", "a test table"}),
                  std::logic_error);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(reg.closest("a.xx") == "a.x");
  CHECK(reg.closest("completely.different.thing") == "");
}

TEST_CASE("a declaration without a source, or an assumption without a reason, fails at start-up", "[params]") {
  ParamRegistry reg;
  auto spec = [](std::string path, std::string source) {
    return ParamSpec{std::move(path), ParamType::Float, 0.5, 0.0, 1.0, {}, "", "doc", std::move(source)};
  };
  CHECK_THROWS_WITH(reg.add(spec("m.none", "")), Catch::Contains("declares no source"));
  CHECK_THROWS_WITH(reg.add(spec("m.bare", "assumption")), Catch::Contains("without saying why"));
  CHECK_THROWS_WITH(reg.add(spec("m.short", "assumption: ok")), Catch::Contains("without saying why"));
  CHECK_NOTHROW(reg.add(spec("m.why", "assumption: half of the residents, no data in the seeds")));
  CHECK_NOTHROW(reg.add(spec("m.seed", "seed 000, p. 3")));
  ParamSpec setting = spec("m.setting", "");
  setting.setting = true;  // run settings (seeds, dates, files) need no source
  CHECK_NOTHROW(reg.add(setting));
  // Every shipped declaration passes: building the catalogue of all models would have thrown.
  for (const ParamSpec& s : parameter_registry().all()) CHECK(s.source_problem().empty());
}

TEST_CASE("an impossible date gets the documented message naming its key", "[scenario]") {
  try {
    (void)parse_scenario("[calendar]\nstart = 2020-01-01\nend   = 2020-02-30   # leap year\n", "d.toml");
    FAIL("accepted 2020-02-30");
  } catch (const InputError& e) {
    CHECK_THAT(std::string(e.what()),
               Catch::StartsWith("d.toml:3:9: calendar.end: expected a date YYYY-MM-DD, got '2020-02-30' (no such day"));
  }
}

TEST_CASE("a model's section written without its prefix gets a did-you-mean", "[scenario]") {
  try {
    (void)parse_scenario("[run]\nmodel = \"jiaxing\"\n[calendar]\nstart = 2020-01-01\nend = 2020-02-01\n"
                         "[conditions]\naccountability = false\n",
                         "c.toml");
    FAIL("accepted [conditions]");
  } catch (const InputError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("did you mean [jiaxing.conditions]?"));
  }
}
