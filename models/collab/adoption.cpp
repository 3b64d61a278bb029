#include "models/collab/adoption.hpp"

#include <algorithm>
#include <cmath>

#include "sim/params/param_table.hpp"

namespace govsim::collab {
namespace {

constexpr uint32_t kSetupTick = 0xFFFFFF00u;  // the set-up tick of collab_model.cpp
constexpr uint32_t kStreamResidentProfile = 20, kStreamResidentDay = 21, kStreamOfficialDay = 22;

constexpr const char* kAssumeSize =
    "assumption: the seeds give no figure; an order of magnitude, varied in the typology sensitivity "
    "analysis (paper_repro/typology_sweep.py --sensitivity)";

const ParamTable<AdoptionParams>& table() {
  using A = AdoptionParams;
  static const ParamTable<A> t = [] {
    ParamTable<A> tb;
    tb.flag("collab.adoption.enabled", &A::enabled, false,
            "Officials and residents adopt the platform over time, with learning, a digital divide, recording "
            "for review, category-limited dispatch and induced demand (docs/collab_model.md, \"Adoption and its "
            "costs\"); false: everyone uses a live platform from its first day at no cost.",
            "assumption: off by default so that scenarios written before issue 16 are unchanged; the typology "
            "scenarios turn it on");
    tb.real("collab.adoption.official_mean_days", &A::official_mean_days, 14, 0, 3650, "days",
            "Mean days from the platform's first live day until an official uses it (exponential per official).",
            "assumption: officials are instructed to use a government platform; two weeks to get an account, "
            "training and the habit. " + std::string(kAssumeSize));
    tb.integer("collab.adoption.learning_days", &A::learning_days, 30, 0, 3650, "days",
               "Days after adopting during which an official works slower (learning the platform).",
               std::string("assumption: a month of learning-by-doing. ") + kAssumeSize);
    tb.real("collab.adoption.learning_slowdown", &A::learning_slowdown, 0.3, 0, 10, "fraction",
            "Extra official work time while learning: a learning official's work takes (1 + this) times as long.",
            std::string("assumption: new information systems commonly lower productivity at first (the "
                        "learning-curve and 'productivity J-curve' literature); 30 %. ") + kAssumeSize);
    tb.real("collab.adoption.share_60_plus", &A::share_60_plus, 0.187, 0, 1, "fraction",
            "Share of residents aged 60 or more.",
            "7th national census (2020): 264.02 M of 1.412 bn residents aged 60+, 18.70 %");
    tb.real("collab.adoption.online_under_60", &A::online_under_60, 0.77, 0, 1, "fraction",
            "Share of residents under 60 who can use an online platform at all.",
            "CNNIC 47th Statistical Report (Feb 2021): 989 M internet users in Dec 2020, 11.2 % aged 60+; with "
            "the 2020 census, 878 M of 1 148 M residents under 60 are online (77 %)");
    tb.real("collab.adoption.online_60_plus", &A::online_60_plus, 0.42, 0, 1, "fraction",
            "Share of residents aged 60+ who can use an online platform at all (the digital divide by age).",
            "CNNIC 47th Statistical Report (Feb 2021): 11.2 % of 989 M internet users are aged 60+, i.e. 111 M "
            "of the census's 264 M (42 %)");
    tb.real("collab.adoption.low_literacy_share", &A::low_literacy_share, 0.25, 0, 1, "fraction",
            "Share of residents with low literacy (primary schooling or less), drawn independently of age.",
            "7th national census (2020): 24 767 per 100 000 residents have primary schooling as their highest "
            "level and 2.67 % are illiterate; 25 % (the correlation with age is not modelled)");
    tb.real("collab.adoption.resident_mean_days", &A::resident_mean_days, 60, 0, 3650, "days",
            "Mean days from the platform's first live day until a resident who can use it does "
            "(exponential per resident, ordinary literacy).",
            std::string("assumption: two months to hear of the platform and register. ") + kAssumeSize);
    tb.real("collab.adoption.low_literacy_rate", &A::low_literacy_rate, 0.5, 0.001, 1, "fraction",
            "Adoption rate of a low-literacy resident relative to one of ordinary literacy (their mean days "
            "to adoption are divided by this).",
            std::string("assumption: half the rate. ") + kAssumeSize);
    tb.real("collab.adoption.record_hours", &A::record_hours, 0.1, 0, 10, "hours/item",
            "Digital formalism (留痕): official time spent recording one work item on the platform for "
            "review (screenshots, forms, check-ins); it exists only for work done on the platform.",
            "assumption for the size (six minutes an item); the cost itself: the CPC General Office's 2019 notice "
            "on relieving grassroots burdens names formalism 'on the fingertips' (指尖上的形式主义), and seed 003 "
            "reports Yuexiu's platform cutting traces (减留痕), so its sign is contested; varied in the "
            "sensitivity analysis");
    tb.real("collab.adoption.category_definition", &A::category_definition, 0.8, 0, 1, "fraction",
            "Share of matters whose category is well defined, so that the dispatch table matches them and "
            "standard interfaces fit: automatic dispatch reaches this share of what it could, and rework and "
            "combining costs fall only for this share.",
            "assumption: seed 002 (standardised business processes and dedicated interfaces) and seed 003 (98 % "
            "automatic dispatch for Yuexiu's catalogued events) say standardisation is the mechanism; 0.8 for "
            "the typology's mixed tasks. " + std::string(kAssumeSize));
    tb.real("collab.adoption.induced_ratio", &A::induced_ratio, 0.3, 0, 10, "matters/task",
            "Induced demand: minor matters (one official sub-task each) per regular task arriving when every "
            "resident is on the platform; in proportion to the residents on it.",
            std::string("assumption: easier reporting brings more, smaller matters. ") + kAssumeSize);
    return tb;
  }();
  return t;
}

}  // namespace

void declare_adoption_parameters(ParamRegistry& reg) { table().declare(reg); }
AdoptionParams load_adoption_parameters(const ParamSet& p) { return table().load(p); }

DayConditions instant_conditions(const CollabParams& p, bool live) {
  DayConditions d;
  d.costs = live ? p.with_platform : p.without_platform;
  d.live = live;
  d.offline_threshold = p.without_platform.threshold;
  d.platform_threshold = p.with_platform.threshold;
  return d;
}

ResidentAdoption draw_resident_adoption(const AdoptionParams& a, const CounterRng& rng, uint32_t resident) {
  const auto profile = rng.uniform2(kSetupTick, resident, kStreamResidentProfile);
  const auto day = rng.uniform2(kSetupTick, resident, kStreamResidentDay);
  ResidentAdoption r;
  r.aged_60_plus = profile[0] < a.share_60_plus;
  r.low_literacy = profile[1] < a.low_literacy_share;
  const bool can_use = day[0] < (r.aged_60_plus ? a.online_60_plus : a.online_under_60);
  if (!can_use) {
    r.days = kNeverAdopts;
    return r;
  }
  const double mean = a.resident_mean_days / (r.low_literacy ? a.low_literacy_rate : 1.0);
  r.days = static_cast<int32_t>(std::min(std::floor(-mean * std::log1p(-day[1])), 1e9));
  return r;
}

int32_t draw_official_adoption_days(const AdoptionParams& a, const CounterRng& rng, uint32_t official) {
  const double u = rng.uniform(kSetupTick, official, kStreamOfficialDay);
  return static_cast<int32_t>(std::min(std::floor(-a.official_mean_days * std::log1p(-u)), 1e9));
}

void Adoption::add_unit(std::vector<int32_t> official_days, std::vector<int32_t> resident_days) {
  std::sort(official_days.begin(), official_days.end());
  std::sort(resident_days.begin(), resident_days.end());
  auto merge_into = [](std::vector<int32_t>& all, const std::vector<int32_t>& more) {
    const auto mid = static_cast<std::ptrdiff_t>(all.size());
    all.insert(all.end(), more.begin(), more.end());
    std::inplace_merge(all.begin(), all.begin() + mid, all.end());
  };
  merge_into(all_.officials, official_days);
  merge_into(all_.residents, resident_days);
  units_.push_back({std::move(official_days), std::move(resident_days)});
}

namespace {
// Share of sorted adoption days <= day.
double share_by(const std::vector<int32_t>& days, int32_t day) {
  if (days.empty()) return 0.0;
  return double(std::upper_bound(days.begin(), days.end(), day) - days.begin()) / double(days.size());
}
}  // namespace

double Adoption::officials_on(size_t u, int32_t days_live) const { return share_by(units_[u].officials, days_live); }
double Adoption::residents_on(size_t u, int32_t days_live) const { return share_by(units_[u].residents, days_live); }
double Adoption::district_officials_on(int32_t days_live) const { return share_by(all_.officials, days_live); }
double Adoption::district_residents_on(int32_t days_live) const { return share_by(all_.residents, days_live); }
double Adoption::officials_learning(size_t u, int32_t days_live, int32_t learning_days) const {
  // Adopted within the last learning_days days (adoption day in (days_live - learning_days, days_live]).
  return share_by(units_[u].officials, days_live) - share_by(units_[u].officials, days_live - learning_days);
}

DayConditions Adoption::conditions(const CollabParams& p, size_t u, bool live, int32_t days_live,
                                   double regular_per_day) const {
  if (!live || days_live < 0) return instant_conditions(p, false);
  const AdoptionParams& a = p.adoption;
  const CoordinationCosts &W = p.without_platform, &P = p.with_platform;
  const double on = officials_on(u, days_live), res = residents_on(u, days_live);
  const double kappa = a.category_definition;
  DayConditions d = instant_conditions(p, true);
  CoordinationCosts& c = d.costs;
  // Between two officials: both must be on the platform for a pushed hand-over or a channel message.
  c.handoff_hours = blend(W.handoff_hours, P.handoff_hours, on * on);
  c.message_hours = blend(W.message_hours, P.message_hours, on * on);
  // The receiving official on the platform, and only for well-defined categories.
  c.auto_dispatch = P.auto_dispatch * kappa * on;
  c.misunderstand_prob = blend(W.misunderstand_prob, P.misunderstand_prob, kappa * on);
  c.combine_hours_per_input = blend(W.combine_hours_per_input, P.combine_hours_per_input, kappa * on);
  // Manual routing by an official who sees the platform's directory of desks.
  c.misroute_prob = blend(W.misroute_prob, P.misroute_prob, on);
  c.routing_levels = static_cast<int>(std::lround(blend(W.routing_levels, P.routing_levels, on)));
  c.group_channel = P.group_channel && on >= 0.5;  // a group works in the channel once most are in it
  // A resident and the grid worker: reached by the app and self-entry only if both are on it.
  c.ask_hours = blend(W.ask_hours, P.ask_hours, res * on);
  c.intake_hours = blend(W.intake_hours, P.intake_hours, res * on);
  d.official_time_factor = 1.0 + a.learning_slowdown * officials_learning(u, days_live, a.learning_days);
  d.record_hours = a.record_hours * on;
  d.minor_per_day = a.induced_ratio * regular_per_day * res;
  d.officials_on = on;
  return d;
}

}  // namespace govsim::collab
