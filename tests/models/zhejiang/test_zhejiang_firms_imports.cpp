// Firm sizes, the resumption order and the importation by returning workers, each in isolation:
// the Zipf assignment is the exact inverse of its distribution; the largest firms holding the
// permitted share of jobs resume first; tracing in a large firm reaches a workshop, not the firm;
// the origin table gives recent cases per resident over its window, and bad tables are refused
// with file, line, column and key; more infections per origin case bring more infected arrivals.
#include <cmath>
#include <numeric>

#include "models/zhejiang/firm_sizes.hpp"
#include "models/zhejiang/origin_cases.hpp"
#include "models/zhejiang/world_state.hpp"
#include "sim/core/errors.hpp"
#include "test_support.hpp"
#include "zhejiang_test_support.hpp"

using namespace govsim;
using namespace govsim::zhejiang;
using namespace govsim::zhejiang_test;

TEST_CASE("zhejiang firms: the Zipf assignment follows ln((k+2)/(k+1)) / ln(n+1)", "[zhejiang]") {
  const uint32_t n = 9;
  const int grid = 200000;
  std::vector<double> count(n, 0);
  for (int j = 0; j < grid; ++j) ++count[firm_index(n, (j + 0.5) / grid, true)];
  for (uint32_t k = 0; k < n; ++k) {
    const double expected = std::log((k + 2.0) / (k + 1.0)) / std::log(n + 1.0);
    INFO("firm " << k);
    CHECK(count[k] / grid == Approx(expected).margin(2.0 / grid * n));
  }
  // Sizes fall with rank; the bounds are firms 0 and n - 1.
  for (uint32_t k = 1; k < n; ++k) CHECK(count[k] < count[k - 1]);
  CHECK(firm_index(n, 0.0, true) == 0);
  CHECK(firm_index(n, std::nextafter(1.0, 0.0), true) == n - 1);
  CHECK(firm_index(1, 0.7, true) == 0);
  // Even: every firm alike.
  std::vector<double> even(n, 0);
  for (int j = 0; j < grid; ++j) ++even[firm_index(n, (j + 0.5) / grid, false)];
  for (uint32_t k = 0; k < n; ++k) CHECK(even[k] / grid == Approx(1.0 / n).margin(1e-4));
}

namespace {

// One county, one firm per sector with the given sizes (industry is sector kIndustry).
ZjWorld world_with_firms(const std::vector<uint32_t>& sizes, const std::vector<uint8_t>& sectors) {
  ZjWorld z;
  z.p.designated_size = 20;
  z.num_firms = uint32_t(sizes.size());
  z.counties.assign(1, {});
  z.counties[0].firm_offset.fill(0);
  z.counties[0].firm_offset[kNumSectors] = z.num_firms;
  z.firm_sector = sectors;
  z.firm_rank.assign(z.num_firms, 0.5f);
  z.worker_begin.assign(z.num_firms + 1, 0);
  for (uint32_t f = 0; f < z.num_firms; ++f) z.worker_begin[f + 1] = z.worker_begin[f] + sizes[f];
  return z;
}

}  // namespace

TEST_CASE("zhejiang firms: the largest firms holding the permitted share of jobs resume first", "[zhejiang]") {
  // Sizes 10, 50, 25, 15 (100 workers): order 50, 25, 15, 10 -> priorities 0, 0.5, 0.75, 0.9.
  ZjWorld z = world_with_firms({10, 50, 25, 15}, {uint8_t(kIndustry), uint8_t(kIndustry), 0, uint8_t(kIndustry)});
  rank_firms(z);
  CHECK(z.firm_priority[1] == Approx(0.0));
  CHECK(z.firm_priority[2] == Approx(0.5));
  CHECK(z.firm_priority[3] == Approx(0.75));
  CHECK(z.firm_priority[0] == Approx(0.9));
  // A permission p admits firms with priority < p (firms_pass.cpp): 0.3 admits only the largest.
  int admitted = 0;
  for (float pr : z.firm_priority) admitted += pr < 0.3f;
  CHECK(admitted == 1);
  // Above designated size: industrial and at least 20 workers (the 25-worker firm is not industrial).
  CHECK(z.firm_designated == std::vector<uint8_t>{0, 1, 0, 0});
  // Ties are broken by the permanent rank draw, lower first.
  ZjWorld t = world_with_firms({10, 10}, {0, 0});
  t.firm_rank = {0.9f, 0.1f};
  rank_firms(t);
  CHECK(t.firm_priority[1] == Approx(0.0));
  CHECK(t.firm_priority[0] == Approx(0.5));
}

TEST_CASE("zhejiang tracing: a case in a large firm sends its contacts, not the firm, into quarantine", "[zhejiang]") {
  ZjWorld z = world_with_firms({10, 1001}, {0, 0});
  z.p.trace_work_contacts = 30;
  DayRates r{};
  r.trace_work = 0.4;
  CHECK(work_trace_share(z, r, 0) == Approx(0.4));  // 9 co-workers: all contacts
  CHECK(work_trace_share(z, r, 1) == Approx(0.4 * 30.0 / 1000.0));
  // Expected co-workers quarantined per case never exceeds trace_work x work_contacts.
  CHECK(work_trace_share(z, r, 1) * 1000.0 == Approx(0.4 * 30.0));
}

namespace {

std::string origin_error(const std::string& text) {
  const Calendar cal(*Date::parse("2020-02-01"), *Date::parse("2020-02-10"));
  const std::string what =
      table_error("origin.csv", text, [&](const std::string& path) { (void)load_origin_recent_cases(path, cal, 3); });
  const size_t at = what.find("origin.csv");
  return at == std::string::npos ? what : what.substr(at + 10);
}

}  // namespace

TEST_CASE("zhejiang imports: recent origin cases per resident over the window before each day", "[zhejiang]") {
  testing::TempDir dir;
  // 1000 residents; cumulative 10 by 29 Jan, then +10 a day from 1 Feb, with 3 Feb missing (carried).
  testing::write_file(dir / "origin.csv",
                      "# a comment line\n"
                      "date,cumulative_confirmed,population\n"
                      "2020-01-29,10,1000\n"
                      "2020-02-01,20,1000\n"
                      "2020-02-02,30,1000\n"
                      "2020-02-04,50,1000\n"
                      "2020-02-05,60,1000\n");
  const Calendar cal(*Date::parse("2020-02-01"), *Date::parse("2020-02-08"));
  const std::vector<double> r = load_origin_recent_cases((dir / "origin.csv").string(), cal, 3);
  REQUIRE(r.size() == 8);
  // Day t counts the cases reported on days t-3 .. t-1.
  CHECK(r[0] == Approx(10.0 / 1000));  // 1 Feb: 10 by 31 Jan (carried from 29 Jan) - 0 by 28 Jan (no row)
  CHECK(r[1] == Approx(10.0 / 1000));  // 2 Feb: 20 by 1 Feb - 10 by 29 Jan
  CHECK(r[2] == Approx(20.0 / 1000));  // 3 Feb: 30 by 2 Feb - 10 by 30 Jan
  CHECK(r[3] == Approx(20.0 / 1000));  // 4 Feb: 30 by 3 Feb (carried) - 10 by 31 Jan
  CHECK(r[4] == Approx(30.0 / 1000));  // 5 Feb: 50 by 4 Feb - 20 by 1 Feb
  CHECK(r[7] == Approx(10.0 / 1000));  // 8 Feb: 60 by 7 Feb (carried) - 50 by 4 Feb
}

TEST_CASE("zhejiang imports: a bad origin table is refused with line, column and key", "[zhejiang]") {
  CHECK_THAT(origin_error("date,cumulative_confirmed\n2020-02-01,3\n"), Catch::Contains("population"));
  CHECK_THAT(origin_error("date,cumulative_confirmed\n2020-02-01,3\n"), Catch::Contains("missing column"));
  CHECK_THAT(origin_error("date,cumulative_confirmed,population\n2020-02-31,3,100\n"),
             Catch::Contains(":2:1: date: expected a date YYYY-MM-DD"));
  CHECK_THAT(origin_error("date,cumulative_confirmed,population\n2020-02-01,three,100\n"),
             Catch::Contains(":2:12: cumulative_confirmed: expected a number >= 0"));
  CHECK_THAT(origin_error("date,cumulative_confirmed,population\n2020-02-01,3,0\n"),
             Catch::Contains("population: expected a number of residents > 0"));
  CHECK_THAT(origin_error("date,cumulative_confirmed,population\n"), Catch::Contains("at least one row"));
}

TEST_CASE("zhejiang imports: more infections per origin case bring more infected arrivals", "[zhejiang]") {
  // No Hubei-linked travellers, so every imported case is a returning worker. Monotone in the
  // parameter for the same seed: an arrival is infected when its fixed uniform falls below the
  // probability, so a larger probability infects a superset of the arrivals.
  auto imported = [](const char* per_case) {
    const RunResult r = run_small({"zhejiang.hubei.infected_share=0", std::string("zhejiang.migrants.infections_per_case=") + per_case,
                                   "zhejiang.epidemic.beta_household=0", "zhejiang.epidemic.beta_work=0",
                                   "zhejiang.epidemic.beta_community=0", "zhejiang.epidemic.beta_travel=0"},
                                  0.01);
    const SeriesData& s = series(r, "new_infections");
    return std::accumulate(s.values.begin(), s.values.end(), 0.0);
  };
  const double none = imported("0"), some = imported("20"), more = imported("80");
  CHECK(none == 0.0);
  CHECK(some > 0.0);
  CHECK(more >= some);
  CHECK(more > some);
}

TEST_CASE("zhejiang imports: risk-area arrivals are quarantined as far as matching and declarations find them",
          "[zhejiang]") {
  // No infection and no Hubei-linked resident, so every quarantine is a returning worker from a risk
  // area on arrival.
  auto quarantined = [](std::vector<std::string> sets) {
    sets.push_back("zhejiang.hubei.linked=0");
    sets.push_back("zhejiang.hubei.linked_by_city=");
    sets.push_back("zhejiang.migrants.infections_per_case=0");
    const RunResult r = run_small(sets);
    const SeriesData& s = series(r, "new_quarantined");
    return std::accumulate(s.values.begin(), s.values.end(), 0.0);
  };
  const double both = quarantined({});
  const double none = quarantined({"zhejiang.data_matching.on=false", "zhejiang.participation.on=false"});
  const double matching = quarantined({"zhejiang.participation.on=false"});
  REQUIRE(both > 1000);  // about 0.3 x 0.2 x 0.6 of 129,000 residents at 1/500
  CHECK(none == 0.0);
  // Binomial(both, 0.5): 5 standard deviations are under 4 % of `both` at this size.
  INFO("identified by matching alone: " << matching << " of " << both);
  CHECK(std::abs(matching / both - 0.5) < 5 * std::sqrt(0.25 / both));
}
