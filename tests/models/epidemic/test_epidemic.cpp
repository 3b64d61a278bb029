// The epidemic component: conservation of residents over disease states, no infection without a
// source, more transmission gives more infections, the crisis it drives follows its detected
// cases, per-region series add up, and runs are thread-independent.
#include <catch2/catch.hpp>

#include <numeric>

#include "sim/engine/simulation.hpp"
#include "test_support.hpp"

using namespace govsim;

namespace {
std::string scenario(const std::string& epidemic, const std::string& extra = "") {
  const std::string data = (govsim::testing::source_dir() / "scenarios/data").string();
  return "[calendar]\nstart = 2020-01-01\nend = 2020-03-31\n"
         "[regions]\ntable = \"" + data + "/jiaxing_counties.csv\"\nborders = \"" + data +
         "/jiaxing_county_borders.csv\"\npopulation_column = \"population_2020\"\ntravel_share = 0.3\n"
         "[population]\nscale = 0.005\n[network]\ncommunity_size = 300\n"
         "[components]\nepidemic = true\n[crisis]\ndriver = \"epidemic\"\n"
         "[epidemic]\n" + epidemic + extra;
}

RunResult run(const std::string& text, uint32_t threads = 2, const std::vector<std::string>& sets = {}) {
  RunOptions o;
  o.threads = threads;
  return run_scenario(parse_scenario(text, "epi.toml", sets), o);
}

const SeriesData& series(const RunResult& r, const std::string& name) {
  for (const SeriesData& s : r.daily)
    if (s.spec.name == name) return s;
  FAIL("no series " << name);
  throw;
}

double total(const RunResult& r, const std::string& name) {
  const auto& v = series(r, name).values;
  return std::accumulate(v.begin(), v.end(), 0.0);
}
}  // namespace

TEST_CASE("every resident is in exactly one disease state every day", "[epidemic][property]") {
  const Scenario sc = parse_scenario(scenario("initial_per_100k = 50\n"), "epi.toml");
  Simulation sim(sc.params);
  const auto& st = sim.world().store("residents").column<uint8_t>("epidemic_state");
  const uint32_t n = sim.world().store("residents").size();
  uint64_t removed_before = 0;
  while (!sim.finished()) {
    sim.step();
    std::array<uint64_t, 5> c{};
    for (uint32_t i = 0; i < n; ++i) {
      REQUIRE(st[i] < 5);
      ++c[st[i]];
    }
    REQUIRE(std::accumulate(c.begin(), c.end(), uint64_t{0}) == n);
    REQUIRE(c[4] >= removed_before);  // removal is permanent
    removed_before = c[4];
  }
}

TEST_CASE("no seed and no imports: nobody is ever infected", "[epidemic]") {
  const RunResult r = run(scenario("initial_per_100k = 0\nimports_per_100k = 0\n"));
  CHECK(total(r, "new_infections") == 0);
  for (double x : series(r, "crisis_phase").values) CHECK(x == 0);  // the crisis never starts
}

TEST_CASE("per-region series add up to the totals and carry region codes and names", "[epidemic][regions]") {
  const RunResult r = run(scenario("initial_per_100k = 100\n"));
  const SeriesData& by = series(r, "new_infections_by_region");
  REQUIRE(by.spec.width() == 7);
  CHECK(by.spec.groups.front() == "330402");
  CHECK(by.spec.group_names.front() == "南湖区");
  const SeriesData& tot = series(r, "new_infections");
  for (int32_t t = 0; t < tot.rows; ++t) {
    double s = 0;
    for (size_t k = 0; k < 7; ++k) s += by.at(t, k);
    REQUIRE(s == tot.at(t));
  }
  CHECK(total(r, "new_infections") > 0);
}

TEST_CASE("more transmission gives more infections (20 replicates each, k = 3 standard errors)", "[epidemic][statistical]") {
  auto attack = [&](double beta) {
    std::vector<double> v;
    for (int i = 0; i < 20; ++i)
      v.push_back(total(run(scenario("initial_per_100k = 20\ntransmission = " + std::to_string(beta) + "\n"), 2,
                            {"run.index=" + std::to_string(i)}),
                        "new_infections"));
    const double m = std::accumulate(v.begin(), v.end(), 0.0) / v.size();
    double ss = 0;
    for (double x : v) ss += (x - m) * (x - m);
    return std::pair<double, double>{m, std::sqrt(ss / (v.size() - 1) / v.size())};
  };
  const auto lo = attack(0.03), hi = attack(0.12);
  INFO("low " << lo.first << " +- " << lo.second << ", high " << hi.first << " +- " << hi.second);
  CHECK(hi.first - lo.first > 3 * std::hypot(lo.second, hi.second));
}

TEST_CASE("the crisis it drives follows yesterday's detected active cases", "[epidemic][crisis]") {
  const RunResult r = run(scenario("initial_per_100k = 200\ncrisis.full_per_100k = 50\n"));
  const auto& inten = series(r, "crisis_intensity").values;
  const auto& phase = series(r, "crisis_phase").values;
  const auto& active = series(r, "n_detected_active").values;
  const double n = r.num_residents;
  CHECK(inten[0] == 0);
  for (size_t t = 1; t < inten.size(); ++t) {
    REQUIRE(inten[t] == Approx(std::min(1.0, active[t - 1] * 1e5 / n / 50)));
    REQUIRE(phase[t] >= phase[t - 1]);  // pre -> mid -> post, never back
  }
  CHECK(phase.back() >= 1);
  // The realised timeline replaces the (empty) schedule in the result.
  CHECK(r.calendar.spans().size() >= 2);
}

TEST_CASE("epidemic runs are identical for 1 and 2 threads", "[epidemic][determinism]") {
  const std::string s = scenario("initial_per_100k = 100\n");
  const RunResult a = run(s, 1), b = run(s, 2);
  REQUIRE(a.daily.size() == b.daily.size());
  for (size_t k = 0; k < a.daily.size(); ++k) CHECK(a.daily[k].values == b.daily[k].values);
}

TEST_CASE("a lockdown event lowers infections after its date", "[epidemic][events][heavy]") {
  const std::string base = scenario("initial_per_100k = 100\ntransmission = 0.12\n");
  double open = 0, closed = 0;
  for (int i = 0; i < 5; ++i) {
    const std::vector<std::string> idx = {"run.index=" + std::to_string(i)};
    open += total(run(base, 2, idx), "new_infections");
    closed += total(run(base + "[[events]]\ndate = 2020-01-15\nset = { epidemic.contact_scale = 0.0 }\n", 2, idx),
                    "new_infections");
  }
  CHECK(closed < 0.8 * open);
}
