// Region tables and region graphs: good tables load with their attributes, bad ones get
// file:line:col errors naming the column; scaling keeps every region's share.
#include <catch2/catch.hpp>

#include "sim/core/errors.hpp"
#include "sim/regions/region_table.hpp"
#include "test_support.hpp"

using namespace govsim;
using govsim::testing::TempDir;
using govsim::testing::write_file;

namespace {
std::string load_error(const std::string& table, const std::string& borders = "") {
  TempDir d;
  write_file(d / "r.csv", table);
  try {
    RegionTable t = RegionTable::load((d / "r.csv").string(), "population");
    if (!borders.empty()) {
      write_file(d / "b.csv", borders);
      t.load_links((d / "b.csv").string());
    }
  } catch (const GovsimError& e) {
    std::string m = e.what();
    const std::string dir = d.path().string() + "/";
    for (size_t p; (p = m.find(dir)) != std::string::npos;) m.erase(p, dir.size());
    return m;
  }
  return "";
}
const std::string kGood = "# source line\ncode,name,population,urban_share\nA,Alpha,1000,0.5\nB,\"Beta, the second\",3000,0.25\nC,Gamma,0,1\n";
}  // namespace

TEST_CASE("a region table loads codes, names, populations and numeric attributes", "[regions]") {
  TempDir d;
  write_file(d / "r.csv", kGood);
  write_file(d / "b.csv", "a,b,weight\nA,B,2\nB,C,1\n");
  RegionTable t = RegionTable::load((d / "r.csv").string(), "population");
  t.load_links((d / "b.csv").string());
  REQUIRE(t.size() == 3);
  CHECK(t.regions()[1].name == "Beta, the second");
  CHECK(t.regions()[1].population == 3000);
  CHECK(t.numeric("urban_share")[1] == 0.25);
  CHECK_FALSE(t.has_numeric("name"));
  REQUIRE(t.neighbours(1).size() == 2);
  CHECK(t.neighbours(0)[0] == std::pair<uint32_t, double>{1, 2.0});
  // scale: every region keeps its share; an empty region stays empty, a tiny one keeps one resident
  CHECK(scaled_region_sizes(t, 0.01) == std::vector<uint32_t>{10, 30, 0});
  CHECK(scaled_region_sizes(t, 0.0001) == std::vector<uint32_t>{1, 1, 0});
}

TEST_CASE("bad region tables get file:line:col errors naming the column", "[regions]") {
  CHECK(load_error("code,name\nA,Alpha\n").find("r.csv:1:1: population: missing column 'population'") == 0);
  CHECK(load_error("code,name,population\nA,Alpha,10\nA,Again,20\n") ==
        "r.csv:3:1: code: duplicate region code 'A' (first on line 2)");
  CHECK(load_error("code,name,population\nA,Alpha,many\n") ==
        "r.csv:2:9: population: expected a number of residents in [0, 2e9], got 'many'");
  CHECK(load_error("code,name,population\nA,Alpha\n").find("r.csv:2:1: expected 3 fields") == 0);
  CHECK(load_error("code,name,population\nA,\"Alpha,10\n").find("r.csv:2:3: unterminated quoted field") == 0);
  CHECK(load_error("code,name,population\n").find("no rows") != std::string::npos);
  CHECK(load_error(kGood, "a,b\nA,Z\n") == "b.csv:2:3: b: unknown region 'Z': not a code of " +
                                                std::string("r.csv"));
  CHECK(load_error(kGood, "a,b,weight\nA,B,-1\n") == "b.csv:2:5: weight: expected a positive number, got '-1'");
  CHECK(load_error(kGood, "a,c\nA,B\n").find("b.csv:1:1: b: missing column 'b'") == 0);
  CHECK(load_error(kGood, "a,b\nA,A\n") == "b.csv:2:3: b: a region cannot border itself");
  TempDir d;
  CHECK_THROWS_AS(RegionTable::load((d / "absent.csv").string(), "population"), FileError);
  CHECK_THROWS_AS(RegionTable::load(d.path().string(), "population"), FileError);
}
