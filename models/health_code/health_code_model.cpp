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
#include "sim/model/region_tally.hpp"
#include "sim/model/by_region.hpp"
#include "sim/model/parallel.hpp"
#include "sim/scenario/scenario.hpp"

namespace govsim::models {
namespace {

using namespace health_code;

const std::vector<std::string> kColours = {"green", "yellow", "red"};

// What is counted per city each day (RegionTally fields). Every resident-level series is a sum of
// these over cities in city order, so it is the same for any number of MPI ranks and threads.
constexpr size_t kApplied = 0;
constexpr size_t kIssued = 1;              // + colour - 1 (green, yellow, red)
constexpr size_t kState = kIssued + 3;     // + Colour (none, green, yellow, red)
constexpr size_t kCheckAt = kState + 4;    // + check place (workplace, transport, community)
constexpr size_t kChecked = kCheckAt + 3;
constexpr size_t kWorking = kChecked + 1;
constexpr size_t kTrip = kWorking + 1;
constexpr size_t kArrived = kTrip + 1;     // + Arrival - 1 (controlled, uncontrolled)
constexpr size_t kFields = kArrived + 2;

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
    std::vector<uint32_t> sizes;  // every city's simulated residents, also those of other ranks
    const RegionPartition& part = w.partition();
    for (uint32_t r = 0; r < part.num_regions(); ++r) sizes.push_back(uint32_t(part.region_size(r)));
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
    // Today's counts per city, from the buffers just written, exchanged between ranks: the series
    // and tomorrow's capacity rules (applications and codes issued) read them.
    const uint8_t *applied = cols_.applied->next().data(), *issued = cols_.issued->next().data(),
                  *code = cols_.code->next().data(), *checks = cols_.checks->next().data(),
                  *working = cols_.working->next().data(), *trip = cols_.trip->next().data(),
                  *arrival = cols_.arrival->next().data();
    tally_.count(w, [&](uint32_t i, RegionTally<kFields>::Row& row) {
      row[kApplied] += applied[i] != 0;
      if (issued[i]) ++row[kIssued + issued[i] - 1];
      ++row[kState + code[i]];
      for (size_t b = 0; b < 3; ++b) row[kCheckAt + b] += (checks[i] >> b) & 1;
      row[kChecked] += checks[i] != 0;
      row[kWorking] += working[i] != 0;
      row[kTrip] += trip[i] != 0;
      if (arrival[i]) ++row[kArrived + arrival[i] - 1];
    });
    for (uint32_t r = 0; r < tally_.num_regions(); ++r) {
      state_.applications[r] = double(tally_.at(r, kApplied));
      state_.issued[r] = double(tally_.at(r, kIssued) + tally_.at(r, kIssued + 1) + tally_.at(r, kIssued + 2));
    }
  }

  void save_state(StateWriter& out) const override { state_.save(out); }
  void load_state(const StateReader& in) override { state_.load(in); }

  void register_metrics(const World& w, MetricRegistry& m) override;
  std::vector<Scalar> summary(const World& w, const std::vector<SeriesData>& daily,
                              const std::vector<SeriesData>&) override;

 private:
  bool live(size_t c) const { return state_.stage[c] == uint8_t(Stage::CityCode); }
  double total(size_t field) const { return double(tally_.total(field)); }

  HealthCodeParams p_;
  ResidentColumns cols_;
  CityTraits traits_;
  CaseTable cases_;
  CityState state_;
  CityDay day_;
  RegionTally<kFields> tally_;
  const Calendar* calendar_ = nullptr;
};

void HealthCodeModel::register_metrics(const World& w, MetricRegistry& m) {
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
              [this](const TickContext&, std::span<double> out) {
                for (size_t c = 0; c < 3; ++c) out[c] = total(kIssued + c);
              });
  m.add_daily(per_region({"new_codes_issued", SeriesKind::New, "codes/day", "Codes issued on the day in each city.",
                          Aggregation::Sum, "", {}}, w),
              [this](const TickContext&, std::span<double> out) {
                for (uint32_t r = 0; r < tally_.num_regions(); ++r)
                  out[r] = double(tally_.at(r, kIssued) + tally_.at(r, kIssued + 1) + tally_.at(r, kIssued + 2));
              });
  m.add_daily({"n_code_state", SeriesKind::Stock, "persons",
               "Residents by code state: every resident is in exactly one (none, green, yellow, red).",
               Aggregation::Mean, "code", {"none", "green", "yellow", "red"}},
              [this](const TickContext&, std::span<double> out) {
                for (size_t c = 0; c < 4; ++c) out[c] = total(kState + c);
              });
  m.add_daily({"share_green", SeriesKind::Share, "fraction", "Share of code holders whose code is green.",
               Aggregation::Mean, "", {}},
              [this](const TickContext&, std::span<double> out) {
                const double holders = total(kState + kGreen) + total(kState + kYellow) + total(kState + kRed);
                out[0] = holders > 0 ? total(kState + kGreen) / holders : 0.0;
              });
  m.add_daily(per_region({"n_green", SeriesKind::Stock, "persons", "Residents holding a green code, by city.",
                          Aggregation::Mean, "", {}}, w),
              [this](const TickContext&, std::span<double> out) { tally_.column(kState + kGreen, out); });
  m.add_daily({"n_quarantined_by_code", SeriesKind::Stock, "persons", "Residents in quarantine by their code's colour.",
               Aggregation::Mean, "colour", {"yellow", "red"}},
              [this](const TickContext&, std::span<double> out) {
                out[0] = total(kState + kYellow);
                out[1] = total(kState + kRed);
              });
  m.add_daily({"new_checks", SeriesKind::New, "checks/day",
               "Code checks on the day, by place (a resident may be checked at several).", Aggregation::Sum, "place",
               {"workplace", "transport", "community"}},
              [this](const TickContext&, std::span<double> out) {
                for (size_t b = 0; b < 3; ++b) out[b] = total(kCheckAt + b);
              });
  m.add_daily({"n_residents_checked", SeriesKind::Stock, "persons", "Residents checked at least once on the day.",
               Aggregation::Mean, "", {}},
              [this](const TickContext&, std::span<double> out) { out[0] = total(kChecked); });
  m.add_daily({"new_applications", SeriesKind::New, "persons/day", "Residents who applied for a code on the day.",
               Aggregation::Sum, "", {}},
              [this](const TickContext&, std::span<double> out) { out[0] = total(kApplied); });
  m.add_daily({"n_working", SeriesKind::Stock, "persons", "Residents at work on the day.", Aggregation::Mean, "", {}},
              [this](const TickContext&, std::span<double> out) { out[0] = total(kWorking); });
  m.add_daily(per_region({"n_working", SeriesKind::Stock, "persons", "Residents at work on the day, by city.",
                          Aggregation::Mean, "", {}}, w),
              [this](const TickContext&, std::span<double> out) { tally_.column(kWorking, out); });
  m.add_daily(per_region({"share_firms_resumed", SeriesKind::Share, "fraction",
                          "Share of the city's firms operating (resumed).", Aggregation::Mean, "", {}}, w),
              [this, cities](const TickContext&, std::span<double> out) {
                for (size_t i = 0; i < cities; ++i) out[i] = state_.resumed[i];
              });
  m.add_daily({"new_intercity_trips", SeriesKind::New, "trips/day", "Inter-city trips by green code holders.",
               Aggregation::Sum, "", {}},
              [this](const TickContext&, std::span<double> out) { out[0] = total(kTrip); });
  m.add_daily({"new_international_arrivals", SeriesKind::New, "persons/day",
               "Residents arriving from abroad on the day: controlled (given a code by the international version and "
               "quarantined) or not (unseen by the domestic code).",
               Aggregation::Sum, "control", {"controlled", "uncontrolled"}},
              [this](const TickContext&, std::span<double> out) {
                out[0] = total(kArrived);
                out[1] = total(kArrived + 1);
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
                    {}, /*regions=*/true, {}, /*region_partition=*/true}};
}

}  // namespace govsim::models
