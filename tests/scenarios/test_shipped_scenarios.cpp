// Every shipped scenario loads and checks, and the 1/10-scale Jiaxing scenario differs from the
// full-scale one only in [population] and run.name (so calibrated values cannot drift apart).
#include <catch2/catch.hpp>

#include <filesystem>

#include "sim/scenario/scenario.hpp"
#include "test_support.hpp"

using namespace govsim;

TEST_CASE("every scenario in scenarios/ loads and passes its checks", "[scenario][shipped]") {
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::string(GOVSIM_SOURCE_DIR) + "/scenarios")) {
    if (e.path().extension() != ".toml") continue;
    INFO(e.path().string());
    CHECK_NOTHROW(load_scenario(e.path().string()));
    ++n;
  }
  CHECK(n >= 3);
}

TEST_CASE("the 1/10 Jiaxing scenario equals the full one except population and name", "[scenario][shipped][jiaxing]") {
  const std::string dir = std::string(GOVSIM_SOURCE_DIR) + "/scenarios/";
  const Scenario full = load_scenario(dir + "jiaxing_weijiayuan.toml");
  const Scenario tenth = load_scenario(dir + "jiaxing_weijiayuan_tenth.toml");
  int compared = 0;
  for (const auto& [path, v] : full.params.scalars()) {
    if (path.rfind("population.", 0) == 0 || path == "run.name") continue;
    INFO(path);
    CHECK(to_toml_literal(v.value) == to_toml_literal(tenth.params.at(path).value));
    ++compared;
  }
  CHECK(compared > 50);
  CHECK(resolved_toml(full.params).size() > 0);
  for (const auto& [table, a] : full.params.tables()) {  // services catalogue, crisis phases
    INFO(table);
    const auto& b = tenth.params.records(table);
    REQUIRE(a.size() == b.size());
    for (size_t i = 0; i < a.size(); ++i)
      for (const auto& [k, v] : a[i].fields) CHECK(to_toml_literal(v.value) == to_toml_literal(b[i].at(k).value));
  }
  CHECK(full.params.get_int("population.residents") == 10 * tenth.params.get_int("population.residents"));
  CHECK(full.params.get_int("population.officials") == 10 * tenth.params.get_int("population.officials"));
  CHECK(full.params.get_int("population.firms") == 10 * tenth.params.get_int("population.firms"));
}
