// The health-code model: city governments (cities.cpp) decide when to adopt a code and build it
// with a small local firm, the large platform firm or alone; residents (residents_pass.cpp) apply,
// get a colour, are checked and work. Series and end-of-run scalars are registered here.
#include "models/health_code/health_code_model.hpp"

#include <algorithm>
#include <array>

#include "models/health_code/case_table.hpp"
#include "models/health_code/cities.hpp"
#include "models/health_code/params.hpp"
#include "models/health_code/residents_pass.hpp"
#include "sim/core/errors.hpp"
#include "sim/model/by_region.hpp"
#include "sim/model/parallel.hpp"
#include "sim/scenario/scenario.hpp"

namespace govsim::models {
namespace {

using namespace health_code;

const std::vector<std::string> kColours = {"green", "yellow", "red"};

int32_t day_of_year(Date d) {
  const auto jan1 = Date::parse(d.str().substr(0, 4) + "-01-01");
  return d - *jan1 + 1;
}

class HealthCodeModel final : public Model {
 public:
  void configure(const ParamSet& params) override { p_ = parameters().load(params); }

  void setup(World& w) override {
    p_ = parameters().load(w.params());
    cols_.add(w, p_);
    const RegionTable* t = w.regions();
    std::vector<uint32_t> sizes;
    const auto& off = w.layout().region_offset;
    for (size_t r = 0; r + 1 < off.size(); ++r) sizes.push_back(off[r + 1] - off[r]);
    traits_ = CityTraits::build(t, sizes, w.params().get_double("population.scale"), p_.adoption.entrepreneur_share,
                                w.rng());
    cases_ = p_.cases_table.empty() || !t
                 ? CaseTable::empty(traits_.size(), w.calendar().num_ticks())
                 : CaseTable::load(scenario_data_path(w.params(), "health_code.cases_table"), *t, w.calendar());
    state_.resize(traits_.size(), traits_.province_code.size());
    calendar_ = &w.calendar();
  }

  void step(World& w, const TickContext& ctx) override {
    step_cities(p_, traits_, cases_, w.rng(), ctx.tick, state_, day_);
    residents_pass(w, p_, day_, uint32_t(ctx.tick), cols_);
    // Applications and codes issued today, per city: tomorrow's capacity rules read them.
    const std::vector<uint32_t>& off = w.layout().region_offset;
    const uint8_t* applied = cols_.applied->next().data();
    const uint8_t* issued = cols_.issued->next().data();
    for (size_t r = 0; r + 1 < off.size(); ++r) {
      const uint32_t b = off[r], n = off[r + 1] - off[r];
      state_.applications[r] = double(parallel_count(n, [&](uint32_t k) { return applied[b + k] != 0; }));
      state_.issued[r] = double(parallel_count(n, [&](uint32_t k) { return issued[b + k] != 0; }));
    }
  }

  void save_state(StateWriter& out) const override { state_.save(out); }
  void load_state(const StateReader& in) override { state_.load(in); }

  void register_metrics(const World& w, MetricRegistry& m) override;
  std::vector<Scalar> summary(const World& w, const std::vector<SeriesData>& daily,
                              const std::vector<SeriesData>&) override;

 private:
  bool live(size_t c) const { return state_.stage[c] == uint8_t(Stage::CityCode); }
  // Residents per colour (index = Colour), exact.
  std::array<uint64_t, 4> colour_counts(uint32_t n) const {
    const uint8_t* k = cols_.code->data();
    const auto v = parallel_group_count(n, 4, [&](uint32_t i) { return k[i]; }, [](uint32_t) { return true; });
    return {v[0], v[1], v[2], v[3]};
  }

  HealthCodeParams p_;
  ResidentColumns cols_;
  CityTraits traits_;
  CaseTable cases_;
  CityState state_;
  CityDay day_;
  const Calendar* calendar_ = nullptr;
};

void HealthCodeModel::register_metrics(const World& w, MetricRegistry& m) {
  const uint32_t n = w.store("residents").size();
  const size_t cities = traits_.size();
  m.add_daily({"n_cities_with_code", SeriesKind::Stock, "cities", "Cities whose city-wide health code is online.",
               Aggregation::Last, "", {}},
              [this, cities](const TickContext&, std::span<double> out) {
                double c = 0;
                for (size_t i = 0; i < cities; ++i) c += live(i) ? 1 : 0;
                out[0] = c;
              });
  m.add_daily({"n_cities_with_code_by_province", SeriesKind::Stock, "cities",
               "Cities of each province whose city-wide code is online.", Aggregation::Last, "province",
               traits_.province_code},
              [this, cities](const TickContext&, std::span<double> out) {
                std::fill(out.begin(), out.end(), 0.0);
                for (size_t i = 0; i < cities; ++i) out[traits_.province[i]] += live(i) ? 1 : 0;
              });
  m.add_daily(per_region({"n_city_code", SeriesKind::Stock, "cities",
                          "1 once the city's code is online (the day of the first 1 is the adoption date).",
                          Aggregation::Last, "", {}}, w),
              [this, cities](const TickContext&, std::span<double> out) {
                for (size_t i = 0; i < cities; ++i) out[i] = live(i) ? 1 : 0;
              });
  m.add_daily({"n_cities_by_builder", SeriesKind::Stock, "cities",
               "Cities with a code online by who built it (the first district code counts under small_firm).",
               Aggregation::Last, "builder", {"small_firm", "platform", "alone"}},
              [this, cities](const TickContext&, std::span<double> out) {
                std::fill(out.begin(), out.end(), 0.0);
                for (size_t i = 0; i < cities; ++i) {
                  const auto st = Stage(state_.stage[i]);
                  if (st == Stage::DistrictCode) out[0] += 1;
                  else if (st == Stage::CityCode) out[Builder(state_.builder[i]) == Builder::Platform ? 1 : 2] += 1;
                }
              });
  m.add_daily({"new_codes_issued", SeriesKind::New, "codes/day", "Codes issued on the day, by colour at issue.",
               Aggregation::Sum, "colour", kColours},
              [this, n](const TickContext&, std::span<double> out) {
                const uint8_t* k = cols_.issued->data();
                const auto v = parallel_group_count(n, 4, [&](uint32_t i) { return k[i]; }, [](uint32_t) { return true; });
                for (size_t c = 0; c < 3; ++c) out[c] = double(v[c + 1]);
              });
  m.add_daily(per_region({"new_codes_issued", SeriesKind::New, "codes/day", "Codes issued on the day in each city.",
                          Aggregation::Sum, "", {}}, w),
              [this, &w](const TickContext&, std::span<double> out) {
                const uint8_t* k = cols_.issued->data();
                count_by_region(w, out, [&](uint32_t i) { return k[i] != 0; });
              });
  m.add_daily({"n_code_state", SeriesKind::Stock, "persons",
               "Residents by code state: every resident is in exactly one (none, green, yellow, red).",
               Aggregation::Mean, "code", {"none", "green", "yellow", "red"}},
              [this, n](const TickContext&, std::span<double> out) {
                const auto v = colour_counts(n);
                for (size_t c = 0; c < 4; ++c) out[c] = double(v[c]);
              });
  m.add_daily({"share_green", SeriesKind::Share, "fraction", "Share of code holders whose code is green.",
               Aggregation::Mean, "", {}},
              [this, n](const TickContext&, std::span<double> out) {
                const auto v = colour_counts(n);
                const double holders = double(v[1] + v[2] + v[3]);
                out[0] = holders > 0 ? double(v[1]) / holders : 0.0;
              });
  m.add_daily(per_region({"n_green", SeriesKind::Stock, "persons", "Residents holding a green code, by city.",
                          Aggregation::Mean, "", {}}, w),
              [this, &w](const TickContext&, std::span<double> out) {
                const uint8_t* k = cols_.code->data();
                count_by_region(w, out, [&](uint32_t i) { return k[i] == kGreen; });
              });
  m.add_daily({"n_quarantined_by_code", SeriesKind::Stock, "persons", "Residents in quarantine by their code's colour.",
               Aggregation::Mean, "colour", {"yellow", "red"}},
              [this, n](const TickContext&, std::span<double> out) {
                const auto v = colour_counts(n);
                out[0] = double(v[kYellow]);
                out[1] = double(v[kRed]);
              });
  m.add_daily({"new_checks", SeriesKind::New, "checks/day",
               "Code checks on the day, by place (a resident may be checked at several).", Aggregation::Sum, "place",
               {"workplace", "transport", "community"}},
              [this, n](const TickContext&, std::span<double> out) {
                const uint8_t* c = cols_.checks->data();
                for (size_t b = 0; b < 3; ++b)
                  out[b] = double(parallel_count(n, [&](uint32_t i) { return (c[i] >> b) & 1; }));
              });
  m.add_daily({"n_residents_checked", SeriesKind::Stock, "persons", "Residents checked at least once on the day.",
               Aggregation::Mean, "", {}},
              [this, n](const TickContext&, std::span<double> out) {
                const uint8_t* c = cols_.checks->data();
                out[0] = double(parallel_count(n, [&](uint32_t i) { return c[i] != 0; }));
              });
  m.add_daily({"new_applications", SeriesKind::New, "persons/day", "Residents who applied for a code on the day.",
               Aggregation::Sum, "", {}},
              [this, n](const TickContext&, std::span<double> out) {
                const uint8_t* a = cols_.applied->data();
                out[0] = double(parallel_count(n, [&](uint32_t i) { return a[i] != 0; }));
              });
  m.add_daily({"n_working", SeriesKind::Stock, "persons", "Residents at work on the day.", Aggregation::Mean, "", {}},
              [this, n](const TickContext&, std::span<double> out) {
                const uint8_t* a = cols_.working->data();
                out[0] = double(parallel_count(n, [&](uint32_t i) { return a[i] != 0; }));
              });
  m.add_daily(per_region({"n_working", SeriesKind::Stock, "persons", "Residents at work on the day, by city.",
                          Aggregation::Mean, "", {}}, w),
              [this, &w](const TickContext&, std::span<double> out) {
                const uint8_t* a = cols_.working->data();
                count_by_region(w, out, [&](uint32_t i) { return a[i] != 0; });
              });
  m.add_daily(per_region({"share_firms_resumed", SeriesKind::Share, "fraction",
                          "Share of the city's firms operating (resumed).", Aggregation::Mean, "", {}}, w),
              [this, cities](const TickContext&, std::span<double> out) {
                for (size_t i = 0; i < cities; ++i) out[i] = state_.resumed[i];
              });
  m.add_daily({"new_intercity_trips", SeriesKind::New, "trips/day", "Inter-city trips by green code holders.",
               Aggregation::Sum, "", {}},
              [this, n](const TickContext&, std::span<double> out) {
                const uint8_t* a = cols_.trip->data();
                out[0] = double(parallel_count(n, [&](uint32_t i) { return a[i] != 0; }));
              });
}

std::vector<Model::Scalar> HealthCodeModel::summary(const World& w, const std::vector<SeriesData>& daily,
                                                    const std::vector<SeriesData>&) {
  const Calendar& cal = w.calendar();
  const int32_t last = cal.num_ticks() - 1;
  const auto launched_by = [&](size_t c, int32_t tick) {
    return state_.launch_tick[c] >= 0 && state_.launch_tick[c] <= tick;
  };
  const auto tick_of = [&](Date d) { return std::clamp(cal.tick_of(d), int32_t(-1), last); };
  std::vector<Scalar> out;
  double focus_day = -1;
  int64_t focus_province = -1;
  for (size_t c = 0; c < traits_.size(); ++c)
    if (traits_.code[c] == p_.focus_region) {
      focus_province = traits_.province[c];
      if (state_.launch_tick[c] >= 0) focus_day = day_of_year(cal.date(state_.launch_tick[c]));
    }
  out.push_back({"focus_launch_day_of_year", "day of year",
                 "Day of the year the focus region's city code went online (-1: never).", focus_day});
  double prov = 0, nat = 0, end = 0, sum_day = 0;
  std::vector<uint8_t> provinces(traits_.province_code.size(), 0);
  for (size_t c = 0; c < traits_.size(); ++c) {
    if (int64_t(traits_.province[c]) == focus_province && launched_by(c, tick_of(p_.province_date))) prov += 1;
    if (launched_by(c, tick_of(p_.national_date))) nat += 1;
    if (launched_by(c, last)) {
      end += 1;
      provinces[traits_.province[c]] = 1;
      sum_day += day_of_year(cal.date(state_.launch_tick[c]));
    }
  }
  out.push_back({"focus_province_cities_at_province_date", "cities",
                 "Cities of the focus region's province with a code online on health_code.report.province_date.", prov});
  out.push_back({"cities_at_national_date", "cities", "Cities with a code online on health_code.report.national_date.",
                 nat});
  out.push_back({"cities_at_end", "cities", "Cities with a code online on the last day.", end});
  out.push_back({"provinces_with_code_at_end", "provinces", "Provinces with at least one city code on the last day.",
                 double(std::count(provinces.begin(), provinces.end(), 1))});
  out.push_back({"mean_adoption_day_of_year", "day of year", "Mean launch day over the cities that adopted (-1: none).",
                 end > 0 ? sum_day / end : -1.0});
  out.push_back({"platform_join_day_of_year", "day of year", "Day the large platform firm joined (-1: never).",
                 state_.platform_join_tick >= 0 ? double(day_of_year(cal.date(state_.platform_join_tick))) : -1.0});
  for (const SeriesData& s : daily) {
    if (s.spec.name == "share_green") out.push_back({"share_green_at_end", "fraction", "share_green on the last day.", s.at(last)});
    if (s.spec.name == "n_working") out.push_back({"working_at_end", "persons", "n_working on the last day.", s.at(last)});
  }
  return out;
}

}  // namespace

ModelInfo health_code_model_info() {
  return {"health_code",
          "Health codes co-built by city governments and platform firms, diffusing across China's cities (seed 004).",
          health_code::declare, health_code::check, [] { return std::make_unique<HealthCodeModel>(); },
          WorldSpec{{{"residents", 10000, 2e9, "persons", "Residents of the cities (from the region table).",
                      "data: 2020 census residents of each region (scenarios/data/china/prefectures.csv)"}},
                    {}, /*regions=*/true, {}}};
}

}  // namespace govsim::models
