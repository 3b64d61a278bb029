// Hubei-linked residents by city (models/zhejiang/hubei_linked.cpp): the table gives the listed
// cities' published counts, bad tables are refused with file, line, column and key, the counts place
// the imported infections by city, and Wenzhou's prevalence factor multiplies its infected share.
#include <cmath>
#include <map>

#include "models/zhejiang/hubei_linked.hpp"
#include "sim/core/errors.hpp"
#include "test_support.hpp"
#include "zhejiang_test_support.hpp"

using namespace govsim;
using namespace govsim::zhejiang;
using namespace govsim::zhejiang_test;

namespace {

const std::vector<std::string> kCities = {"330100", "330200", "330300"};

std::string table_error(const std::string& text) {
  return zhejiang_test::table_error("linked.csv", text,
                                    [&](const std::string& path) { load_hubei_linked(path, kCities, 300000); });
}

// A run in which every case is imported from Hubei: no transmission, no infected returning worker.
RunResult imported_only(const std::string& table, double factor) {
  return run_small({"zhejiang.hubei.linked_by_city=" + table, "zhejiang.hubei.infected_share=0.05",
                    "zhejiang.hubei.wenzhou_prevalence_factor=" + std::to_string(factor),
                    "zhejiang.epidemic.beta_household=0", "zhejiang.epidemic.beta_work=0",
                    "zhejiang.epidemic.beta_community=0", "zhejiang.epidemic.beta_travel=0",
                    "zhejiang.migrants.infected_share=0", "zhejiang.migrants.infections_per_case=0",
                    "calendar.end=2020-02-20"},
                   0.01, 7);
}

// Cumulative cases by city code at the end of a run.
std::map<std::string, double> final_cases_by_city(const RunResult& r) {
  const SeriesData& s = series(r, "cum_cases_by_city");
  std::map<std::string, double> out;
  for (size_t j = 0; j < s.spec.groups.size(); ++j) out[s.spec.groups[j]] = s.at(s.rows - 1, j);
  return out;
}

// Cumulative cases of Wenzhou (330300) and Taizhou (331000) in an imported-only run.
std::pair<double, double> wenzhou_taizhou_cases(const std::string& table, double factor) {
  const auto cases = final_cases_by_city(imported_only(table, factor));
  REQUIRE(cases.count("330300"));
  REQUIRE(cases.count("331000"));
  return {cases.at("330300"), cases.at("331000")};
}

}  // namespace

TEST_CASE("zhejiang hubei-linked: each listed city's count, the others unlisted", "[zhejiang]") {
  testing::TempDir dir;
  testing::write_file(dir / "linked.csv",
                      "# a comment line\n"
                      "city_code,hubei_linked,as_of,source\n"
                      "330300,33000,2020-01-29,\"a, source\"\n"
                      "330100,0,2020-02-01,none\n");
  const std::vector<double> n = load_hubei_linked((dir / "linked.csv").string(), kCities, 300000);
  REQUIRE(n.size() == 3);
  CHECK(n[0] == 0);      // Hangzhou: listed with none
  CHECK(n[1] < 0);       // Ningbo: not listed
  CHECK(n[2] == 33000);  // Wenzhou
}

TEST_CASE("zhejiang hubei-linked: a bad table is refused with line, column and key", "[zhejiang]") {
  CHECK_THAT(table_error("city_code,as_of\n330300,x\n"), Catch::Contains("missing column 'hubei_linked'"));
  CHECK_THAT(table_error("city_code,hubei_linked\n339900,10\n"),
             Catch::Contains(":2:1: city_code: expected the code of a prefecture city of the region table, got '339900'"));
  CHECK_THAT(table_error("city_code,hubei_linked\n330300,10\n330300,20\n"),
             Catch::Contains(":3:1: city_code: city 330300 is listed twice"));
  CHECK_THAT(table_error("city_code,hubei_linked\n330300,-5\n"),
             Catch::Contains(":2:8: hubei_linked: expected a count of residents >= 0, got '-5'"));
  CHECK_THAT(table_error("city_code,hubei_linked\n330300,many\n"),
             Catch::Contains(":2:8: hubei_linked: expected a count of residents >= 0, got 'many'"));
  CHECK_THAT(table_error("city_code,hubei_linked\n330300,200000\n330100,150000\n"),
             Catch::Contains(":3:8: hubei_linked: the listed cities add up to 350000, more than the province total "
                             "zhejiang.hubei.linked = 300000"));
  CHECK_THAT(table_error("city_code,hubei_linked\n"), Catch::Contains("(no error)"));  // an empty table: none listed
}

TEST_CASE("zhejiang hubei-linked: the counts place the imported cases and Wenzhou's factor multiplies them",
          "[zhejiang]") {
  // Wenzhou and Taizhou each get 150,000 of the 300,000 (1,500 simulated residents at 1/100, about 75
  // infected at a 5 % share); no other city has any and nothing is transmitted.
  testing::TempDir dir;
  testing::write_file(dir / "two.csv", "city_code,hubei_linked\n330300,150000\n331000,150000\n");
  const auto [w1, t1] = wenzhou_taizhou_cases((dir / "two.csv").string(), 1.0);
  const auto [w4, t4] = wenzhou_taizhou_cases((dir / "two.csv").string(), 4.0);
  INFO("factor 1: Wenzhou " << w1 << ", Taizhou " << t1 << "; factor 4: Wenzhou " << w4 << ", Taizhou " << t4);
  REQUIRE(t1 > 10);
  // Equal counts and prevalence: equal expected cases. Each count is roughly Poisson (mean about 40
  // detected of 75 infected), so the difference stays within 4 standard deviations of it.
  CHECK(std::abs(w1 - t1) < 4 * std::sqrt(w1 + t1));
  // Factor 4 in Wenzhou only: Taizhou is the same run (its draws do not depend on Wenzhou), Wenzhou
  // about four times as many; the ratio is within [2.5, 6.4] (4 SD of a ratio of such counts).
  CHECK(t4 == t1);
  CHECK(w4 / t4 > 2.5);
  CHECK(w4 / t4 < 6.4);
  // Every case is in the two listed cities: none was placed elsewhere.
  double elsewhere = 0;
  for (const auto& [code, n] : final_cases_by_city(imported_only((dir / "two.csv").string(), 1.0)))
    if (code != "330300" && code != "331000") elsewhere += n;
  CHECK(elsewhere == 0);
}
