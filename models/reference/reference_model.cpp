#include "models/reference/reference_model.hpp"

#include <algorithm>
#include <array>

#include "sim/core/errors.hpp"
#include "sim/model/by_region.hpp"
#include "sim/model/parallel.hpp"
#include "sim/params/param_table.hpp"

namespace govsim::models {
namespace {

// Random-number streams of this model; a stream id never changes meaning once published.
enum Stream : uint32_t { kDailyActivity = 1, kSetupAge = 2 };

constexpr std::array<const char*, 3> kAgeGroups = {"18-39", "40-64", "65+"};

// The parameters the rules read, each declared once with its field (sim/params/param_table.hpp).
struct ReferenceParams {
  double initial_engagement = 0, base_engagement = 0, crisis_sensitivity = 0, social_weight = 0,
         adaptation_rate = 0, share_young = 0, share_elderly = 0, elderly_activity_factor = 0;
};

const ParamTable<ReferenceParams>& parameters() {
  using P = ReferenceParams;
  // A teaching and benchmark model: its values illustrate the mechanism and make no empirical claim.
  constexpr const char* kTeaching = "assumption: teaching model without empirical claim; a value that makes "
                                    "the crisis response visible";
  static const ParamTable<P> t = [&] {
    ParamTable<P> table;
    table.real("reference.initial_engagement", &P::initial_engagement, 0.05, 0, 1, "fraction",
           "Engagement of every resident on day 0.", kTeaching);
    table.real("reference.base_engagement", &P::base_engagement, 0.05, 0, 1, "fraction",
           "Engagement a resident drifts towards with no crisis and no engaged neighbours.", kTeaching)
        .changeable();
    table.real("reference.crisis_sensitivity", &P::crisis_sensitivity, 0.5, 0, 1, "fraction",
           "Extra target engagement per unit of crisis intensity.", kTeaching)
        .changeable();
    table.real("reference.social_weight", &P::social_weight, 0.3, 0, 1, "fraction",
           "Weight of neighbours' mean engagement in the target.", kTeaching)
        .changeable();
    table.real("reference.adaptation_rate", &P::adaptation_rate, 0.2, 0, 1, "1/day",
           "Share of the gap to the target closed each day.", kTeaching)
        .changeable();
    table.real("reference.share_young", &P::share_young, 0.35, 0, 1, "fraction", "Share of residents aged 18-39.",
           "assumption: close to urban China's adult age structure (2020 census); the model makes no claim on it");
    table.real("reference.share_elderly", &P::share_elderly, 0.25, 0, 1, "fraction",
           "Share of residents aged 65 and over.",
           "assumption: close to urban China's adult age structure (2020 census); the model makes no claim on it");
    table.real("reference.elderly_activity_factor", &P::elderly_activity_factor, 0.5, 0, 1, "fraction",
           "Activity of residents aged 65+ relative to others at equal engagement (lower digital literacy).",
           kTeaching)
        .changeable();
    return table;
  }();
  return t;
}

void declare(ParamRegistry& reg) { parameters().declare(reg); }

void check(const ParamSet& p) {
  if (p.get_double("reference.share_young") + p.get_double("reference.share_elderly") > 1.0) {
    const auto& v = p.at("reference.share_elderly");
    throw InputError(v.loc, "reference.share_elderly",
                     "reference.share_young + reference.share_elderly must not exceed 1");
  }
}

class ReferenceModel final : public Model {
 public:
  void configure(const ParamSet& p) override {
    const ReferenceParams rp = parameters().load(p);
    base_ = static_cast<float>(rp.base_engagement);
    crisis_ = static_cast<float>(rp.crisis_sensitivity);
    social_ = static_cast<float>(rp.social_weight);
    adapt_ = static_cast<float>(rp.adaptation_rate);
    activity_ = {1.0f, 1.0f, static_cast<float>(rp.elderly_activity_factor)};
  }

  void setup(World& w) override {
    const ReferenceParams rp = parameters().load(w.params());

    AgentStore& r = w.store("residents");
    engagement_ = &r.add_column<float>("engagement", static_cast<float>(rp.initial_engagement),
                                       /*double_buffered=*/true);
    active_ = &r.add_column<uint8_t>("active", 0, true);
    age_ = &r.add_column<uint8_t>("age_group", 0);

    const double young = rp.share_young;
    const double elderly = rp.share_elderly;
    const CounterRng& rng = w.rng();
    uint8_t* age = age_->data();
    parallel_for_agents(r.size(), [&](uint32_t i) {
      const double u = rng.uniform(kNetworkSetupTick, i, kSetupAge);
      age[i] = u < young ? 0 : (u < 1.0 - elderly ? 1 : 2);
    });
  }

  void register_metrics(const World& w, MetricRegistry& m) override {
    const uint32_t n = w.store("residents").size();
    const std::vector<std::string> groups(kAgeGroups.begin(), kAgeGroups.end());
    m.add_daily({"n_active", SeriesKind::Stock, "persons", "Residents active on the day, by age group.",
                 Aggregation::Mean, "age_group", groups},
                [this, n](const TickContext&, std::span<double> out) {
                  const uint8_t* a = active_->data();
                  const uint8_t* g = age_->data();
                  auto c = parallel_group_count(n, 3, [&](uint32_t i) { return g[i]; },
                                                [&](uint32_t i) { return a[i] != 0; });
                  for (size_t k = 0; k < 3; ++k) out[k] = static_cast<double>(c[k]);
                });
    m.add_daily({"rate_active", SeriesKind::Rate, "fraction", "Share of all residents active on the day.",
                 Aggregation::Mean, "", {}},
                [this, n](const TickContext&, std::span<double> out) {
                  const uint8_t* a = active_->data();
                  out[0] = double(parallel_count(n, [&](uint32_t i) { return a[i] != 0; })) / n;
                });
    if (w.regions()) {  // with a region table: activity per region (codes and names in the attributes)
      m.add_daily(per_region({"rate_active", SeriesKind::Rate, "fraction", "Share of the region's residents active on the day.",
                              Aggregation::Mean, "", {}}, w),
                  [this, &w](const TickContext&, std::span<double> out) {
                    const uint8_t* a = active_->data();
                    count_by_region(w, out, [&](uint32_t i) { return a[i] != 0; });
                    const auto& off = w.layout().region_offset;
                    for (size_t r = 0; r < out.size(); ++r) out[r] /= std::max<uint32_t>(1, off[r + 1] - off[r]);
                  });
    }
    m.add_daily({"mean_engagement", SeriesKind::Mean, "fraction", "Mean engagement over all residents.",
                 Aggregation::Mean, "", {}},
                [this, n](const TickContext&, std::span<double> out) {
                  const float* e = engagement_->data();
                  out[0] = deterministic_sum(n, [&](uint32_t i) { return double(e[i]); }) / n;
                });
  }

  void step(World& w, const TickContext& ctx) override {
    const Network& net = w.network("social");
    const CounterRng& rng = w.rng();
    const float* e = engagement_->cur().data();
    float* e_next = engagement_->next().data();
    uint8_t* act_next = active_->next().data();
    const uint8_t* age = age_->data();
    const float pull = base_ + crisis_ * static_cast<float>(ctx.intensity);
    const uint32_t tick = static_cast<uint32_t>(ctx.tick);

    parallel_for_agents(w.store("residents").size(), [&](uint32_t i) {
      const auto nbrs = net.neighbours(i);
      float sum = 0.0f;
      for (uint32_t j : nbrs) sum += e[j];
      const float mean = nbrs.empty() ? 0.0f : sum / static_cast<float>(nbrs.size());
      const float target = std::clamp(pull + social_ * mean, 0.0f, 1.0f);
      const float next = e[i] + adapt_ * (target - e[i]);
      const float u = CounterRng::to_unit_float(rng.draw4(tick, i, kDailyActivity)[0]);
      e_next[i] = next;
      act_next[i] = u < next * activity_[age[i]] ? 1 : 0;
    });
  }

 private:
  float base_ = 0, crisis_ = 0, social_ = 0, adapt_ = 0;
  std::array<float, 3> activity_{};
  Column<float>* engagement_ = nullptr;
  Column<uint8_t>* active_ = nullptr;
  Column<uint8_t>* age_ = nullptr;
};

}  // namespace

ModelInfo reference_model_info() {
  return {"reference",
          "Reference engagement contagion (bench and teaching model; no empirical claim).",
          declare, check, [] { return std::make_unique<ReferenceModel>(); },
          WorldSpec{{{"residents", 10000, 5e7, "persons", "Residents whose engagement spreads over the social network.",
                      "assumption: a small default for quick runs of the teaching model"}},
                    {{"social", NetworkBuilder::Community}}, true, {"epidemic"}}};
}

}  // namespace govsim::models
