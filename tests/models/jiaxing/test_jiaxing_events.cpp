// Dated events on the Jiaxing model: switching accountability off by an event on the first day is
// the same run as switching it off from the start; switching it off on a later date leaves the
// days before unchanged and changes the days after (JiaxingModel::configure re-reads the switch).
#include <cstring>

#include "models/jiaxing/jiaxing_test_support.hpp"

using namespace govsim;
using namespace govsim::jiaxing_test;

namespace {
std::string with_event(const std::string& date, const std::string& set) {
  return scenario_text() + "\n[[events]]\ndate = " + date + "\nset = { " + set + " }\n";
}
}  // namespace

TEST_CASE("jiaxing: an event on the first day equals --set from the start", "[jiaxing][events]") {
  const RunResult a = run_text(with_event("2019-09-01", "jiaxing.conditions.accountability = 0"), small());
  const RunResult b = run_small({"jiaxing.conditions.accountability=0"});
  REQUIRE(a.daily.size() == b.daily.size());
  for (size_t k = 0; k < a.daily.size(); ++k) {
    INFO(a.daily[k].spec.name);
    // bit for bit (days without answers hold NaN, which == would call different)
    REQUIRE(a.daily[k].values.size() == b.daily[k].values.size());
    CHECK(std::memcmp(a.daily[k].values.data(), b.daily[k].values.data(), a.daily[k].values.size() * sizeof(double)) == 0);
  }
}

TEST_CASE("jiaxing: an event mid-run changes only the days from its date", "[jiaxing][events]") {
  const RunResult base = run_small();
  const RunResult ev = run_text(with_event("2020-03-03", "jiaxing.conditions.accountability = 0"), small());
  const SeriesData& t0 = daily(base, "mean_trust");
  const SeriesData& t1 = daily(ev, "mean_trust");
  const int32_t day = 184;  // 2020-03-03 is day 184 of a run starting 2019-09-01
  for (int32_t t = 0; t < day; ++t) REQUIRE(t0.values[t] == t1.values[t]);
  bool differs = false;
  for (int32_t t = day; t < t0.rows; ++t) differs |= t0.values[t] != t1.values[t];
  CHECK(differs);
}
