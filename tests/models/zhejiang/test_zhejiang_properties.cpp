// Conservation and determinism of the Zhejiang model: the six disease states add up to every
// resident every day, every firm is in exactly one of its four states every day, and the same
// seed gives the same bytes on 1, 2 and 4 threads.
#include <cstring>

#include "zhejiang_test_support.hpp"

using namespace govsim;
using namespace govsim::zhejiang_test;

TEST_CASE("zhejiang: S+E+P+Y+A+R = N and every firm in exactly one state, every day", "[zhejiang]") {
  const RunResult r = run_small({"zhejiang.hubei.infected_share=0.01"});
  const char* states[] = {"n_susceptible", "n_exposed", "n_presymptomatic", "n_symptomatic", "n_asymptomatic", "n_removed"};
  const char* firms[] = {"n_firms_open", "n_firms_closed", "n_firms_applied", "n_firms_approved"};
  const double firms0 = [&] {
    double s = 0;
    for (const char* f : firms) s += series(r, f).at(0);
    return s;
  }();
  REQUIRE(firms0 > 0);
  double infected = 0;
  for (int32_t t = 0; t < r.calendar.num_ticks(); ++t) {
    double people = 0, f = 0;
    for (const char* s : states) people += series(r, s).at(t);
    for (const char* k : firms) f += series(r, k).at(t);
    INFO("day " << t);
    CHECK(people == double(r.num_residents));
    CHECK(f == firms0);
    infected += series(r, "new_infections").at(t);
  }
  CHECK(infected > 0);  // the check is not vacuous
  // Cases by county and by city add up to the provincial total.
  const SeriesData& county = series(r, "cum_cases_by_region");
  const SeriesData& city = series(r, "cum_cases_by_city");
  double a = 0, b = 0;
  for (size_t c = 0; c < county.spec.width(); ++c) a += county.at(county.rows - 1, c);
  for (size_t c = 0; c < city.spec.width(); ++c) b += city.at(city.rows - 1, c);
  CHECK(a == last(r, "cum_cases"));
  CHECK(b == last(r, "cum_cases"));
  CHECK(city.spec.width() == 11);
  CHECK(county.spec.width() == 90);
}

TEST_CASE("zhejiang: 1, 2 and 4 threads give identical bytes", "[zhejiang]") {
  const std::vector<std::string> sets = {"zhejiang.hubei.infected_share=0.01"};
  const RunResult one = run_small(sets, 0.002, 7, 1);
  for (uint32_t threads : {2u, 4u}) {
    const RunResult other = run_small(sets, 0.002, 7, threads);
    REQUIRE(one.daily.size() == other.daily.size());
    for (size_t k = 0; k < one.daily.size(); ++k) {
      INFO(one.daily[k].spec.name << " on " << threads << " threads");
      REQUIRE(one.daily[k].values.size() == other.daily[k].values.size());
      CHECK(std::memcmp(one.daily[k].values.data(), other.daily[k].values.data(),
                        one.daily[k].values.size() * sizeof(double)) == 0);
    }
  }
}

TEST_CASE("zhejiang: infections by setting add up to new_infections and follow their channels", "[zhejiang]") {
  auto totals = [&](const RunResult& r) {
    const SeriesData* groups = &series(r, "new_infections_by_setting");
    CHECK(groups->spec.groups == std::vector<std::string>{"household", "workplace", "community", "travel", "arrival"});
    const SeriesData& all = series(r, "new_infections");
    REQUIRE(groups->spec.width() == 5);
    std::vector<double> by(5, 0.0);
    for (int32_t t = 0; t < r.calendar.num_ticks(); ++t) {
      double s = 0;
      for (size_t k = 0; k < 5; ++k) {
        s += groups->at(t, k);
        by[k] += groups->at(t, k);
      }
      INFO("day " << t);
      CHECK(s == all.at(t));
    }
    return by;  // household, workplace, community, travel, arrival
  };
  for (const char* scheme : {"dense", "sparse"}) {
    INFO(scheme);
    const std::string sch = std::string("zhejiang.epidemic.scheme=") + scheme;
    const std::vector<double> all = totals(run_small({"zhejiang.hubei.infected_share=0.02", sch}, 0.004, 11));
    for (double x : all) CHECK(x > 0);  // every channel carries infections in the base run
    // Household channel off: nobody is infected at home, the others still carry infections.
    const std::vector<double> no_home =
        totals(run_small({"zhejiang.hubei.infected_share=0.02", sch, "zhejiang.epidemic.beta_household=0"}, 0.004, 11));
    CHECK(no_home[0] == 0);
    CHECK(no_home[2] > 0);
    // Only the household channel: every local infection is at home.
    const std::vector<double> only_home = totals(run_small({"zhejiang.hubei.infected_share=0.02", sch,
                                                            "zhejiang.epidemic.beta_work=0", "zhejiang.epidemic.beta_community=0",
                                                            "zhejiang.epidemic.beta_travel=0"},
                                                           0.004, 11));
    CHECK(only_home[0] > 0);
    CHECK(only_home[1] + only_home[2] + only_home[3] == 0);
    CHECK(only_home[4] > 0);
  }
}
