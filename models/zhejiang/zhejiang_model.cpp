// The Zhejiang model (docs/zhejiang_model.md): one class that owns the shared state and runs the
// passes in order each day: measures from yesterday's map, the epidemic, the firms, today's map.
#include "models/zhejiang/zhejiang_model.hpp"

#include <climits>

#include "models/zhejiang/closed_management.hpp"
#include "models/zhejiang/origin_cases.hpp"
#include "models/zhejiang/params.hpp"
#include "models/zhejiang/series.hpp"
#include "models/zhejiang/world_state.hpp"
#include "sim/scenario/scenario.hpp"

namespace govsim::models {
namespace {

using namespace govsim::zhejiang;

class ZhejiangModel final : public Model {
 public:
  void setup(World& w) override {
    z_.p = load_zhejiang_parameters(w.params());
    z_.scale = w.params().get_double("population.scale");
    AgentStore& r = w.store("residents");
    z_.n = r.size();
    // The sparse scheme changes the state in place (epidemic_sparse.cpp): one buffer.
    sparse_ = z_.p.epidemic_scheme == "sparse";
    z_.disease = &r.add_column<uint8_t>("zj_disease", kS, !sparse_);
    z_.flags = &r.add_column<uint8_t>("zj_flags", 0, !sparse_);
    z_.quarantine = &r.add_column<uint16_t>("zj_quarantine_until", 0, !sparse_);
    z_.household = &r.add_column<uint32_t>("zj_household", 0);
    z_.firm = &r.add_column<uint32_t>("zj_firm", kNoFirm);
    z_.arrival = &r.add_column<uint16_t>("zj_arrival", 0);
    z_.county = &r.add_column<uint8_t>("zj_county", 0);
    build_population(w, z_);
    if (!z_.p.origin_cases.empty())
      z_.origin_recent = load_origin_recent_cases(scenario_data_path(w.params(), "zhejiang.migrants.origin_cases"),
                                                  w.calendar(), z_.p.origin_window);
    z_.closed_from.assign(z_.city_codes.size(), INT32_MAX);
    if (!z_.p.closed_management.empty())
      z_.closed_from = load_closed_management(scenario_data_path(w.params(), "zhejiang.response.closed_management"),
                                              z_.city_codes, w.calendar());
    const size_t nc = z_.counties.size();
    z_.firm_state.assign(z_.num_firms, kOpen);
    z_.hh_cases.assign(z_.num_households, 0);
    z_.firm_cases.assign(z_.num_firms, 0);
    for (int k = 0; k < 2; ++k) {
      z_.hh_traced[k].assign(z_.num_households, 0);
      z_.firm_traced[k].assign(z_.num_firms, 0);
    }
    z_.records.assign(nc, {});
    z_.map_first_tick = -1;
    z_.tallies.assign(nc, {});
    z_.cum_cases_city.assign(z_.city_codes.size(), 0);
    // Day-0 state counts, so the stock series start consistent.
    const uint8_t* fl = z_.flags->cur().data();
    for (size_t c = 0; c < nc; ++c) {
      const County& k = z_.counties[c];
      z_.tallies[c][int(kDisease0) + int(kS)] = k.end - k.begin;
      for (uint32_t i = k.begin; i < k.end; ++i) z_.tallies[c][kAwayNow] += (fl[i] & kAway) != 0;
    }
  }

  void configure(const ParamSet& params) override {
    const ZhejiangParams fresh = load_zhejiang_parameters(params);
    z_.p = fresh;
  }

  void register_metrics(const World& w, MetricRegistry& m) override { register_series(w, z_, m); }

  void step(World& w, const TickContext& ctx) override {
    const uint32_t tick = uint32_t(ctx.tick);
    apply_measures(z_, tick);
    if (sparse_) epidemic_day_sparse(w, z_, tick);
    else epidemic_day(w, z_, tick);
    firms_day(w, z_, tick);
    map_day(z_, tick, false);
  }

  void save_state(StateWriter& out) const override {
    out.put("firm_state", z_.firm_state);
    out.put("hh_cases", z_.hh_cases);
    out.put("firm_cases", z_.firm_cases);
    out.put("hh_traced_0", z_.hh_traced[0]);
    out.put("hh_traced_1", z_.hh_traced[1]);
    out.put("firm_traced_0", z_.firm_traced[0]);
    out.put("firm_traced_1", z_.firm_traced[1]);
    out.put_pod("records", std::span<const CountyRecord>(z_.records));
    out.put_pod("tallies", std::span<const TallyRow>(z_.tallies));
    out.put("cum_cases_city", z_.cum_cases_city);
    out.put_value("cum_cases", z_.cum_cases);
    out.put_value("cum_quarantine_days", z_.cum_quarantine_days);
    out.put_value("map_first_tick", int64_t(z_.map_first_tick));
  }
  void load_state(const StateReader& in) override {
    in.get("firm_state", std::span<uint8_t>(z_.firm_state));
    in.get("hh_cases", std::span<uint8_t>(z_.hh_cases));
    in.get("firm_cases", std::span<uint16_t>(z_.firm_cases));
    in.get("hh_traced_0", std::span<uint16_t>(z_.hh_traced[0]));
    in.get("hh_traced_1", std::span<uint16_t>(z_.hh_traced[1]));
    in.get("firm_traced_0", std::span<uint16_t>(z_.firm_traced[0]));
    in.get("firm_traced_1", std::span<uint16_t>(z_.firm_traced[1]));
    in.get_pod("records", std::span<CountyRecord>(z_.records));
    in.get_pod("tallies", std::span<TallyRow>(z_.tallies));
    in.get("cum_cases_city", std::span<uint64_t>(z_.cum_cases_city));
    z_.cum_cases = in.get_value<uint64_t>("cum_cases");
    z_.cum_quarantine_days = in.get_value<uint64_t>("cum_quarantine_days");
    z_.map_first_tick = int32_t(in.get_value<int64_t>("map_first_tick"));
    z_.sp.rebuild = true;  // the sparse scheme's lists follow from the restored columns and marks
  }

  std::vector<Scalar> summary(const World& w, const std::vector<SeriesData>& daily,
                              const std::vector<SeriesData>&) override {
    return summarise(w, z_, daily);
  }

 private:
  ZjWorld z_;
  bool sparse_ = false;
};

}  // namespace

ModelInfo zhejiang_model_info() {
  return {"zhejiang",
          "Zhejiang digital collaboration in COVID-19 (seed 001): 90 counties, epidemic with data matching, tracing and "
          "quarantine, the daily five-colour map, measures by colour and enterprise resumption.",
          declare_zhejiang_parameters, check_zhejiang_parameters, [] { return std::make_unique<ZhejiangModel>(); },
          WorldSpec{{{"residents", 10000, 1e8, "persons", "Census residents of Zhejiang's 90 county-level units.",
                      "2020 census by county (scenarios/data/zhejiang/counties.csv); residents come from the county table"}},
                    {}, /*regions=*/true, {}}};
}

}  // namespace govsim::models
