#include "models/collab/census.hpp"

#include <cmath>

#include "models/collab/adoption.hpp"
#include "models/collab/layer_draws.hpp"
#include "sim/params/param_table.hpp"

namespace govsim::collab {
namespace {

constexpr uint32_t kHouseholdTick = 0xFFFFFF01u;  // set-up draws of the households (not a day)
constexpr const char* kTimes =
    "assumption: no timing study of census forms was found; an order of magnitude for one answer, the share "
    "under 20 minutes is reported with its sensitivity (paper_repro/seed002_figures.py), never fitted";

const ParamTable<CensusParams>& table() {
  using C = CensusParams;
  static const ParamTable<C> t = [] {
    ParamTable<C> tb;
    tb.flag("collab.census.enabled", &C::enabled, false,
            "Simulate census registration: self-registration on a mini-program vs an enumerator's visit, and the "
            "2010 paper visit for the same households (seed 002's 7th census; docs/collab_model.md).",
            "assumption: off by default so other scenarios are unchanged; scenarios/seed002_census.toml turns it on");
    tb.real("collab.census.household_size", &C::household_size, 2.62, 1, 20, "persons",
            "Mean persons per household (1 + Poisson(mean - 1)).",
            "7th national census (2020) bulletin: 2.62 persons per family household; the Poisson shape is an assumption");
    tb.integer("collab.census.person_items", &C::person_items, 16, 1, 200, "items",
               "Items answered for each person (the short form).",
               "assumption: of the order of the 7th census short form's person items (name, ID number, relation, sex, "
               "birth, ethnicity, registration place, residence, time away, schooling ...); not checked item by item");
    tb.integer("collab.census.household_items", &C::household_items, 6, 0, 200, "items",
               "Items answered once per household (address, kind of household, housing, births and deaths ...).",
               "assumption: of the order of the short form's household items");
    tb.real("collab.census.prefill_share", &C::prefill_share, 0.3, 0, 1, "fraction",
            "With the platform: share of the person items pre-filled from shared records (the household "
            "registration: name, ID number, sex, birth, ethnicity), only confirmed.",
            "assumption: about five of the sixteen person items follow from the identity record; seed 002 says the "
            "electronic census drew on shared data but gives no share");
    tb.real("collab.census.setup_minutes", &C::setup_minutes, 3, 0, 120, "minutes",
            "Self-registration: scanning the code, identity check, reading the instructions.", kTimes);
    tb.real("collab.census.item_seconds", &C::item_seconds, 15, 0, 600, "seconds",
            "Self-registration: seconds to answer and enter one item on a phone (under 60, ordinary literacy).", kTimes);
    tb.real("collab.census.confirm_seconds", &C::confirm_seconds, 3, 0, 600, "seconds",
            "Seconds to confirm one pre-filled item.", kTimes);
    tb.real("collab.census.slow_60_plus", &C::slow_60_plus, 2.0, 1, 10, "factor",
            "Self-registration: time factor of a filler aged 60 or more.",
            "assumption: older smartphone users read and type more slowly; twice as long");
    tb.real("collab.census.slow_low_literacy", &C::slow_low_literacy, 1.5, 1, 10, "factor",
            "Self-registration: time factor of a filler of low literacy (primary schooling or less).",
            "assumption: reading the questions takes longer with primary schooling or less; half as long again");
    tb.real("collab.census.speed_sd", &C::speed_sd, 0.4, 0, 3, "log units",
            "Standard deviation of the log of a person's personal time factor (lognormal with median 1).",
            "assumption: people differ in speed by about half either way");
    tb.real("collab.census.stuck_prob", &C::stuck_prob, 0.05, 0, 1, "probability",
            "Self-registration: chance the filler gets stuck and seeks help (under 60, ordinary literacy).",
            "assumption: most adults under 60 use WeChat daily (CNNIC), so few get stuck; one in twenty, varied in paper_repro/seed002_figures.py");
    tb.real("collab.census.stuck_prob_vulnerable", &C::stuck_prob_vulnerable, 0.25, 0, 1, "probability",
            "Self-registration: chance a filler aged 60+ or of low literacy gets stuck and seeks help.",
            "assumption: older and less literate users more often need help with online forms (the digital divide); one in four, varied in paper_repro/seed002_figures.py");
    tb.real("collab.census.help_minutes", &C::help_minutes, 15, 0, 1440, "minutes",
            "Mean wait for help when stuck (a family member, the enumerator's phone call), exponential.", kTimes);
    tb.real("collab.census.self_share", &C::self_share, 0.5, 0, 1, "probability",
            "With the platform: chance that a household with a member able to use it registers itself (else it "
            "waits for the enumerator).",
            "assumption: half; seed 002 gives no self-registration rate (it changes who registers, not how long it takes)");
    tb.real("collab.census.visit_minutes", &C::visit_minutes, 10, 0, 240, "minutes",
            "Enumerator visit: finding the household in, introduction, confidentiality, explaining the form.", kTimes);
    tb.real("collab.census.enumerator_item_seconds", &C::enumerator_item_seconds, 30, 0, 600, "seconds",
            "Enumerator visit: seconds to read out, answer and write down one item.", kTimes);
    return tb;
  }();
  return t;
}

double lognormal_factor(double sd, const double* u) {
  const double r = std::sqrt(-2.0 * std::log1p(-u[0]));
  return std::exp(sd * r * std::cos(6.283185307179586 * u[1]));
}

}  // namespace

void declare_census_parameters(ParamRegistry& reg) { table().declare(reg); }
CensusParams load_census_parameters(const ParamSet& p) { return table().load(p); }

double self_registration_minutes(const CensusParams& p, int persons, const Filler& f, double prefill_share,
                                 const double* u) {
  const double person_items = double(p.person_items) * persons;
  const double prefilled = person_items * prefill_share;
  const double typed = person_items - prefilled + p.household_items;
  double factor = lognormal_factor(p.speed_sd, u);
  if (f.aged_60_plus) factor *= p.slow_60_plus;
  if (f.low_literacy) factor *= p.slow_low_literacy;
  const double steps = factor * (typed * p.item_seconds + prefilled * p.confirm_seconds) / 60.0;
  const bool stuck = u[2] < (f.aged_60_plus || f.low_literacy ? p.stuck_prob_vulnerable : p.stuck_prob);
  const double help = stuck ? -p.help_minutes * std::log1p(-u[3]) : 0.0;
  return p.setup_minutes + steps + help;
}

double enumerator_minutes(const CensusParams& p, int persons, double prefill_share, const double* u) {
  const double person_items = double(p.person_items) * persons;
  const double prefilled = person_items * prefill_share;
  const double asked = person_items - prefilled + p.household_items;
  return p.visit_minutes +
         lognormal_factor(p.speed_sd, u) * (asked * p.enumerator_item_seconds + prefilled * p.confirm_seconds) / 60.0;
}

std::vector<Household> form_households(const CensusParams& p, uint32_t residents, int32_t days, const CounterRng& rng) {
  std::vector<Household> out;
  for (uint32_t i = 0; i < residents;) {
    const auto u = rng.uniform2(kHouseholdTick, i, kStreamCensus);
    const uint32_t size = std::min<uint32_t>(1 + CounterRng::poisson_inversion(p.household_size - 1, u[0]), residents - i);
    out.push_back({i, static_cast<uint16_t>(std::min<uint32_t>(size, 65535)),
                   static_cast<int32_t>(std::min<double>(std::floor(u[1] * days), days - 1))});
    i += size;
  }
  return out;
}

Registration register_household(const CensusParams& p, const AdoptionParams& a, const Household& h, bool platform,
                                const CounterRng& rng) {
  LayerDraws d(rng, static_cast<uint32_t>(h.day), h.first, kStreamCensus);
  double u[8];
  for (double& x : u) x = d.uniform();
  Registration r;
  r.persons = h.persons;
  r.paper_minutes = enumerator_minutes(p, h.persons, 0.0, u);
  // The filler: the first member able to use an online platform (the adoption block's digital divide).
  bool able = false;
  Filler f;
  for (uint32_t j = h.first; j < h.first + h.persons && !able; ++j) {
    const ResidentAdoption ra = draw_resident_adoption(a, rng, j);
    if (ra.days != kNeverAdopts) {
      able = true;
      f = {ra.aged_60_plus, ra.low_literacy};
    }
  }
  if (!platform) {
    r.minutes = r.paper_minutes;
    return r;
  }
  r.self = able && u[7] < p.self_share;
  r.minutes = r.self ? self_registration_minutes(p, h.persons, f, p.prefill_share, u + 2)
                     : enumerator_minutes(p, h.persons, p.prefill_share, u);
  return r;
}

}  // namespace govsim::collab
