// A world built from a region table: residents per region follow population x scale, households and
// communities stay inside their region, rates are the same at two scales, and bad region settings
// in a scenario are refused.
#include <catch2/catch.hpp>

#include <numeric>

#include "sim/core/errors.hpp"
#include "sim/engine/simulation.hpp"
#include "test_support.hpp"

using namespace govsim;

namespace {
std::string regional(double scale, const std::string& extra = "") {
  const std::string data = (govsim::testing::source_dir() / "scenarios/data").string();
  return "[calendar]\nstart = 2020-01-01\nend = 2020-02-29\n"
         "[regions]\ntable = \"" + data + "/jiaxing_counties.csv\"\nborders = \"" + data +
         "/jiaxing_county_borders.csv\"\npopulation_column = \"population_2020\"\n"
         "[population]\nscale = " + std::to_string(scale) + "\n[network]\ncommunity_size = 300\n"
         "[[crisis.phases]]\nkind = \"mid\"\nstart = 2020-01-20\nend = 2020-02-10\nintensity = 0.7\n" + extra;
}

std::string error_of(const std::string& text) {
  try {
    (void)parse_scenario(text, "reg.toml");
  } catch (const GovsimError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("residents are placed region by region, and communities and households never cross a region", "[regions]") {
  const Scenario sc = parse_scenario(regional(0.001), "reg.toml");
  Simulation sim(sc.params);
  const World& w = sim.world();
  REQUIRE(w.regions());
  REQUIRE(w.num_regions() == 7);
  const auto& off = w.layout().region_offset;
  const auto sizes = scaled_region_sizes(*w.regions(), 0.001);
  for (uint32_t r = 0; r < 7; ++r) CHECK(off[r + 1] - off[r] == sizes[r]);
  CHECK(w.store("residents").size() == off.back());
  CHECK(off.back() == std::accumulate(sizes.begin(), sizes.end(), 0u));
  // Community and household ids are consecutive blocks: a region's first resident starts new ones.
  for (uint32_t r = 1; r < 7; ++r) {
    CHECK(w.layout().community[off[r]] != w.layout().community[off[r] - 1]);
    CHECK(w.layout().household[off[r]] != w.layout().household[off[r] - 1]);
  }
  // Long-range ties across regions only go to bordering regions.
  const Network& net = w.network("social");
  auto region_of = [&](uint32_t i) { return uint32_t(std::upper_bound(off.begin(), off.end(), i) - off.begin() - 1); };
  for (uint32_t i = 0; i < off.back(); ++i)
    for (uint32_t j : net.neighbours(i)) {
      const uint32_t a = region_of(i), b = region_of(j);
      if (a == b) continue;
      bool linked = false;
      for (const auto& [to, wgt] : w.regions()->neighbours(a)) linked |= to == b;
      REQUIRE(linked);
    }
}

TEST_CASE("rates are the same at two scales (per-region activity within replicate spread)", "[regions][statistical]") {
  auto mean_rate = [](double scale) {
    std::vector<double> m;
    for (int i = 0; i < 4; ++i) {
      RunOptions o;
      o.threads = 2;
      const RunResult r = run_scenario(parse_scenario(regional(scale), "reg.toml", {"run.index=" + std::to_string(i)}), o);
      for (const SeriesData& s : r.daily)
        if (s.spec.name == "rate_active") m.push_back(std::accumulate(s.values.begin(), s.values.end(), 0.0) / s.rows);
    }
    return std::accumulate(m.begin(), m.end(), 0.0) / m.size();
  };
  const double small = mean_rate(0.002), large = mean_rate(0.004);
  // Replicate means at 10^4 residents differ by well under 1 percentage point; allow 1.
  CHECK(std::abs(small - large) < 0.01);
}

TEST_CASE("rate_active_by_region is written with region codes and names", "[regions][io]") {
  RunOptions o;
  o.threads = 1;
  const RunResult r = run_scenario(parse_scenario(regional(0.001), "reg.toml"), o);
  bool found = false;
  for (const SeriesData& s : r.daily)
    if (s.spec.name == "rate_active_by_region") {
      found = true;
      CHECK(s.spec.group_by == "region");
      CHECK(s.spec.groups.size() == 7);
      CHECK(s.spec.group_names[6] == "桐乡市");
      for (double x : s.values) REQUIRE((x >= 0 && x <= 1));
    }
  CHECK(found);
}

TEST_CASE("bad region settings in a scenario are refused before running", "[regions][scenario]") {
  CHECK_THAT(error_of(regional(0.0)), Catch::Contains("reg.toml:9:1: population.scale: expected"));
  CHECK_THAT(error_of("[calendar]\nstart = 2020-01-01\nend = 2020-01-02\n[regions]\ntable = \"nowhere.csv\"\n"),
             Catch::Contains("nowhere.csv: cannot read data table: no such file"));
  const std::string data = (govsim::testing::source_dir() / "scenarios/data").string();
  CHECK_THAT(error_of("[calendar]\nstart = 2020-01-01\nend = 2020-01-02\n[regions]\ntable = \"" + data +
                      "/jiaxing_counties.csv\"\n"),
             Catch::Contains("missing column 'population'"));
  CHECK_THAT(error_of("[calendar]\nstart = 2020-01-01\nend = 2020-01-02\n[population]\nresidents = 5\n[regions]\ntable = \"" +
                      data + "/jiaxing_counties.csv\"\npopulation_column = \"population_2020\"\n"),
             Catch::Contains("delete population.residents"));
  CHECK_THAT(error_of("[calendar]\nstart = 2020-01-01\nend = 2020-01-02\n[regions]\nborders = \"b.csv\"\n"),
             Catch::Contains("needs a region table"));
}
