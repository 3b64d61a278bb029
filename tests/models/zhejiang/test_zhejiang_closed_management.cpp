// Closed management by city (models/zhejiang/closed_management.cpp): the table gives each listed
// city's first day, bad tables are refused with file, line, column and key, and a city under closed
// management keeps a red county's contacts outside the household until the first map.
#include <climits>

#include "models/zhejiang/closed_management.hpp"
#include "sim/core/errors.hpp"
#include "test_support.hpp"
#include "zhejiang_test_support.hpp"

using namespace govsim;
using namespace govsim::zhejiang;
using namespace govsim::zhejiang_test;

namespace {

const std::vector<std::string> kCities = {"330100", "330200", "330300"};

std::string table_error(const std::string& text) {
  const Calendar cal(*Date::parse("2020-01-15"), *Date::parse("2020-03-31"));
  return zhejiang_test::table_error("closed.csv", text, [&](const std::string& path) { load_closed_management(path, kCities, cal); });
}

}  // namespace

TEST_CASE("zhejiang closed management: each listed city's first day, the others never", "[zhejiang]") {
  testing::TempDir dir;
  testing::write_file(dir / "closed.csv",
                      "# a comment line\n"
                      "city_code,start,source\n"
                      "330300,2020-02-02,\"a, source\"\n"
                      "330100,2020-01-01,before the calendar\n");
  const Calendar cal(*Date::parse("2020-01-15"), *Date::parse("2020-03-31"));
  const std::vector<int32_t> from = load_closed_management((dir / "closed.csv").string(), kCities, cal);
  REQUIRE(from.size() == 3);
  CHECK(from[0] == 0);         // Hangzhou: before the calendar counts from day 0
  CHECK(from[1] == INT32_MAX);  // Ningbo: not listed
  CHECK(from[2] == 18);        // Wenzhou: 2 Feb is day 18 after 15 Jan
}

TEST_CASE("zhejiang closed management: a bad table is refused with line, column and key", "[zhejiang]") {
  CHECK_THAT(table_error("city_code,source\n330300,x\n"), Catch::Contains("missing column 'start'"));
  CHECK_THAT(table_error("city_code,start\n339900,2020-02-02\n"),
             Catch::Contains(":2:1: city_code: expected the code of a prefecture city of the region table, got '339900'"));
  CHECK_THAT(table_error("city_code,start\n330300,2020-02-02\n330300,2020-02-03\n"),
             Catch::Contains(":3:1: city_code: city 330300 is listed twice"));
  CHECK_THAT(table_error("city_code,start\n330300,2 Feb\n"), Catch::Contains(":2:8: start: expected a date YYYY-MM-DD"));
  CHECK_THAT(table_error("city_code,start\n"), Catch::Contains("(no error)"));  // an empty table: no city
}

TEST_CASE("zhejiang closed management: a closed city keeps a red county's contacts until the map", "[zhejiang]") {
  // Every city under closed management from the first day and a red county keeping no contact outside
  // the household: from the level-1 response (23 Jan) to the first map (9 Feb) nobody is infected at
  // work, in the community or by travel; without the table, the same run infects there.
  testing::TempDir dir;
  std::string text = "city_code,start\n";
  for (int c = 330100; c <= 331100; c += 100) text += std::to_string(c) + ",2020-01-15\n";
  testing::write_file(dir / "all.csv", text);
  for (const char* scheme : {"dense", "sparse"}) {
    INFO(scheme);
    auto outside = [&](const std::string& table) {
      const RunResult r = run_small({"zhejiang.hubei.infected_share=0.05", "zhejiang.measures.contact_scale_red=0",
                                     "zhejiang.response.closed_management=" + table,
                                     std::string("zhejiang.epidemic.scheme=") + scheme, "calendar.end=2020-02-13"},
                                    0.004, 5);
      const SeriesData& s = series(r, "new_infections_by_setting");
      double n = 0;
      for (int32_t t = 9; t < 25; ++t)  // 24 Jan (the response in force all day) to 8 Feb (the day before the map)
        n += s.at(t, 1) + s.at(t, 2) + s.at(t, 3);
      return n;
    };
    CHECK(outside((dir / "all.csv").string()) == 0);
    CHECK(outside("") > 0);
  }
}
