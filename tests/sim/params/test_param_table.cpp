// ParamTable: one declaration per parameter, bound to the field it fills. Declaring and loading
// go through the same entries, so a key cannot be declared and not read, or read and not declared.
#include <catch2/catch.hpp>

#include <array>

#include "sim/params/param_table.hpp"
#include "sim/scenario/scenario.hpp"  // declare_engine_parameters

using namespace govsim;

namespace {

struct Inner {
  double weight = 0;
};
struct Params {
  double rate = 0;
  int days = 0;
  bool on = false;
  Date launch;
  std::string region;
  std::array<Inner, 2> parts{};
};

ParamTable<Params> table() {
  ParamTable<Params> t;
  t.real("toy.rate", &Params::rate, 0.25, 0, 1, "1/day", "A rate.", "a test value").changeable();
  t.integer("toy.days", &Params::days, 7, 1, 30, "days", "A delay.", "a test value");
  t.flag("toy.on", &Params::on, true, "A switch.", "a test value");
  t.date("toy.launch", &Params::launch, Date::from_ymd(2020, 2, 1), "A day.", "a test value");
  t.text("toy.region", &Params::region, "330402", {}, "A region code.", "a test value");
  for (int k = 0; k < 2; ++k)
    t.real("toy.part" + std::to_string(k) + ".weight", [k](Params& p) -> double& { return p.parts[k].weight; },
           0.5, 0, 1, "fraction", "A nested field.", "a test value");
  return t;
}

}  // namespace

TEST_CASE("a parameter table declares each key once and loads it into its field", "[params]") {
  ParamRegistry reg;
  declare_engine_parameters(reg, nullptr, {});  // [run], [calendar], [crisis], [output]
  const ParamTable<Params> t = table();
  t.declare(reg);
  REQUIRE(reg.find("toy.rate"));
  CHECK(reg.find("toy.rate")->changeable);
  CHECK_FALSE(reg.find("toy.days")->changeable);
  CHECK(reg.find("toy.part1.weight")->unit == "fraction");

  // A resolved scenario as the loader leaves it: defaults from the registry, then the file's values.
  ParamSet set(reg);
  for (const ParamSpec& spec : reg.all())
    if (spec.default_value && spec.path.rfind("toy.", 0) == 0) set.set(spec.path, *spec.default_value, {"<default>"});
  set.set("toy.rate", 0.75, {"toy.toml", 2, 1});
  set.set("toy.days", int64_t(3), {"toy.toml", 3, 1});
  set.set("toy.on", false, {"toy.toml", 4, 1});
  set.set("toy.launch", Date::from_ymd(2020, 3, 3), {"toy.toml", 5, 1});
  set.set("toy.region", std::string("330411"), {"toy.toml", 6, 1});
  set.set("toy.part1.weight", 0.125, {"toy.toml", 7, 1});
  const Params p = t.load(set);
  CHECK(p.rate == 0.75);
  CHECK(p.days == 3);
  CHECK_FALSE(p.on);
  CHECK(p.launch == Date::from_ymd(2020, 3, 3));
  CHECK(p.region == "330411");
  CHECK(p.parts[0].weight == 0.5);  // default
  CHECK(p.parts[1].weight == 0.125);
  // A declaration is checked when it is added: the same key twice is a start-up error.
  ParamTable<Params> twice = table();
  twice.real("toy.rate", &Params::rate, 0.1, 0, 1, "", "again", "a test value");
  ParamRegistry reg2;
  CHECK_THROWS_AS(twice.declare(reg2), std::logic_error);
}
