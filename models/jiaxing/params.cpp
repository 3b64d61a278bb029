#include "models/jiaxing/params.hpp"

#include <algorithm>

#include "models/jiaxing/param_blocks.hpp"
#include "sim/core/closest_match.hpp"
#include "sim/core/errors.hpp"
#include "sim/params/param_table.hpp"

namespace govsim::jiaxing {
namespace {

constexpr const char* kSeed = "seed 000 (Shen, Cheng & Yu 2022)";
constexpr const char* kCal = "calibrated: posterior median of govsim calibrate paper_repro/calibrations/jiaxing.toml, written by analysis/calibrate_jiaxing.py (see the scenario's header)";
// Not fitted: no fitted figure moves with them (their posterior is their prior), so their prior is
// propagated into the predictive band of the held-out figures instead of a value being chosen.
constexpr const char* kPropagated = "assumption, uncertain: seed 000 gives no rate; its prior in paper_repro/calibrations/"
                                    "jiaxing.toml is sampled by the calibration and propagated into the held-out "
                                    "predictions (no fitted figure constrains it); the scenario carries the posterior median";
// Reasons for the hand-set values, by group. Issue 12's calibration gives the ones that matter
// priors; docs/jiaxing_model.md and paper_repro/jiaxing_sensitivity.py state how much they move
// the curve.
constexpr const char* kLiteracy = "assumption: ordering young > middle > elderly from China's digital-divide "
                                  "surveys (CNNIC); the levels are illustrative";
constexpr const char* kHazard = "assumption: a daily hazard of the order that gives the pre-crisis registration "
                                "level seed 000 reports; not fitted";
constexpr const char* kNeedMix = "assumption: seed 000 names the needs but not their shares; a plausible split, "
                                 "checked only through the activity-rate curve";
constexpr const char* kCoproduction = "assumption: seed 000 describes the mechanism, not its rate; a value that "
                                      "keeps co-production a minority activity, as the seed's volumes suggest";
constexpr const char* kOfficials = "assumption: seed 000 describes officials' roles but gives no workload figures; "
                                   "an order of magnitude for a community grid team";
constexpr const char* kFirms = "assumption: no firm data in seed 000; plausible rates for small service firms "
                               "under 2020's closure orders";
constexpr const char* kTrust = "assumption: a simple trust update (gap closure) without an empirical estimate; "
                               "the conditions' ablations depend on it only in direction";

// Reads the [[jiaxing.services]] records into the catalogue (names already checked by the loader).
void read_services(const std::vector<Record>& records, JiaxingParams& j) {
  j.services.clear();
  for (const Record& r : records) {
    Service s;
    s.name = r.get_string("name");
    const std::string& serves = r.get_string("serves");
    for (int k = 0; k < kNumNeeds; ++k)
      if (serves == kNeedNames[k]) s.need = k;
    const std::string& ch = r.get_string("channel");
    for (size_t c = 0; c < kChannelNames.size(); ++c)
      if (ch == kChannelNames[c]) s.channel = static_cast<Channel>(c);
    const std::string& launch = r.get_string("launch");
    for (size_t l = 0; l < kLaunchNames.size(); ++l)
      if (launch == kLaunchNames[l]) s.launch = static_cast<Launch>(l);
    s.responds_to = s.need;
    const std::string& responds = r.get_string("responds_to");
    for (int k = 0; k < kNumNeeds; ++k)
      if (responds == kNeedNames[k]) s.responds_to = k;
    s.start = r.get_date("start");
    s.end = r.get_date("end");
    s.needs_entrepreneur = r.get_bool("needs_entrepreneur");
    s.mask_aid = r.get_bool("mask_aid");
    j.services.push_back(std::move(s));
  }
  // Conversions name their source; check_jiaxing_parameters has made sure it exists.
  for (size_t i = 0; i < records.size(); ++i) {
    const std::string& from = records[i].get_string("converts_from");
    for (size_t k = 0; k < j.services.size(); ++k)
      if (!from.empty() && j.services[k].name == from) j.services[i].converts_from = static_cast<int>(k);
  }
}

const char* kDecisions = "assumption: seed 000 says public entrepreneurs launched the crisis services within days "
                         "of the level-1 response and converted them after it, not by what rule; a stated rule "
                         "whose effect on the held-out months paper_repro/jiaxing_heldout_sensitivity.py reports";

const ParamTable<JiaxingParams>& jiaxing_parameters() {
  using P = JiaxingParams;
  static const ParamTable<P> t = [] {
    ParamTable<P> table;
    const std::string seed = kSeed;
    // The four conditions of seed 000 as levels, and what they act on (conditions_params.cpp).
    add_condition_parameters(table);

    // Residents.
    const char* census = "assumption: close to Zhejiang's 2020 census age structure of adults";
    table.real("jiaxing.residents.share_young", &P::share_young, 0.35, 0, 1, "fraction", "Share of adults aged 18-39.",
           census);
    table.real("jiaxing.residents.share_elderly", &P::share_elderly, 0.22, 0, 1, "fraction", "Share of adults aged 65+.",
           census);
    table.real("jiaxing.residents.literacy_young", [](P& p) -> double& { return p.literacy[0]; }, 0.9, 0, 1, "fraction",
           "Mean digital literacy of residents aged 18-39 (scales registration and online use).", kLiteracy);
    table.real("jiaxing.residents.literacy_middle", [](P& p) -> double& { return p.literacy[1]; }, 0.7, 0, 1, "fraction",
           "Mean digital literacy of residents aged 40-64.", kLiteracy);
    table.real("jiaxing.residents.literacy_elderly", [](P& p) -> double& { return p.literacy[2]; }, 0.35, 0, 1,
           "fraction", "Mean digital literacy of residents aged 65+.", kLiteracy);
    // Adoption ceiling (issue 15, point 5): only residents who use the mobile internet (WeChat) can
    // ever register; drawn once per resident at set-up, by age group. On since session 27, with the
    // ABC calibration re-run on it: docs/jiaxing_model.md, "Adoption ceiling".
    constexpr const char* kOnlineOn =
        "; on in the shipped scenarios since session 27 (the ABC calibration was re-run with it); 1 means "
        "no ceiling (every adult can register)";
    table.real("jiaxing.residents.online_young", [](P& p) -> double& { return p.online_share[0]; }, 0.97, 0, 1,
           "fraction",
           "Share of adults aged 18-39 who use the mobile internet and so can ever register (drawn once per "
           "resident; the others never register).",
           std::string("CNNIC 47th Statistical Report on Internet Development in China (Feb 2021), Dec 2020: "
                       "netizens aged 20-39 are 38.3 % of 989 million (379 M), against about 390 M residents "
                       "aged 20-39 in the 2020 census: 0.97") + kOnlineOn);
    table.real("jiaxing.residents.online_middle", [](P& p) -> double& { return p.online_share[1]; }, 0.75, 0, 1,
           "fraction", "Share of adults aged 40-64 who use the mobile internet and so can ever register.",
           std::string("CNNIC 47th report, Dec 2020: netizens aged 40-59 are 33.9 % of 989 million (335 M: "
                       "40-49 18.8 %, 50+ 26.3 % minus 60+ 11.2 %), against about 430 M residents aged 40-59 "
                       "in the 2020 census (0.78); assumption: the 60-64 year olds of this group are less "
                       "online: 0.75") + kOnlineOn);
    table.real("jiaxing.residents.online_elderly", [](P& p) -> double& { return p.online_share[2]; }, 0.35, 0, 1,
           "fraction", "Share of adults aged 65+ who use the mobile internet and so can ever register.",
           std::string("CNNIC 47th report, Dec 2020: netizens aged 60+ are 11.2 % of 989 million (111 M), "
                       "against 264 M residents aged 60+ in the 2020 census (0.42); assumption: those aged "
                       "65+ are less online than those aged 60-64: 0.35. National figures; Jiaxing is more "
                       "urban (urban penetration 79.8 % against 70.4 % overall)") + kOnlineOn);
    table.real("jiaxing.residents.trust_mean", &P::trust_mean, 0.6, 0.01, 1, "fraction",
           "Mean initial trust in the platform's public services (uniform on [0.5, 1.5] x mean).",
           "assumption: moderate trust in local government services, as Chinese survey data report for "
           "local (lower than central) government; illustrative level");

    // Registration.
    table.real("jiaxing.registration.push_pre", &P::push_pre, 5e-4, 0, 1, "1/day",
           "Daily registration hazard from grid workers' promotion before the crisis (times literacy).", kHazard)
        .changeable();
    table.real("jiaxing.registration.push_crisis", &P::push_crisis, 8e-3, 0, 1, "1/day",
           "Extra registration hazard per unit crisis intensity from the crisis registration drive "
           "(health reporting, returnee registration).",
           kCal)
        .changeable();
    table.real("jiaxing.registration.push_post", &P::push_post, 8e-4, 0, 1, "1/day",
           "Daily registration hazard from promotion after the emergency.", kHazard)
        .changeable();
    table.real("jiaxing.registration.network_weight", &P::network_weight, 2e-3, 0, 1, "1/day",
           "Extra registration hazard per unit share of social-network neighbours already registered.",
           "assumption: a peer effect of the same order as the pre-crisis push; not fitted")
        .changeable();

    // Needs.
    table.real("jiaxing.needs.everyday_rate", &P::everyday_rate, 0.02, 0, 5, "needs/person/day",
           "Rate at which a resident has an everyday need (all kinds together).", kCal)
        .changeable();
    table.real("jiaxing.needs.crisis_rate", &P::crisis_rate, 0.015, 0, 5, "needs/person/day",
           "Extra need rate per unit crisis intensity (all crisis kinds together).", kCal)
        .changeable();
    table.real("jiaxing.needs.post_shift", &P::post_shift, 0.25, 0, 10, "fraction",
           "Relative rise of everyday needs after the emergency (deferred repairs, care, community "
           "affairs).",
           "assumption: seed 000 reports more everyday services after the emergency, not how many more");
    table.real("jiaxing.needs.offline_rebound", &P::offline_rebound, 0.8, 0, 1, "fraction",
           "Drop in the preference for online channels right after the emergency ends, when "
           "residents go out again; decays with needs.rebound_days.",
           kPropagated);
    table.real("jiaxing.needs.rebound_days", &P::rebound_days, 30, 1, 365, "days",
           "Time constant of the decay of the offline rebound.",
           "assumption: seed 000 places the rebound in 'the first month after the emergency'");
    for (int k = 0; k < kNumNeeds; ++k) {
      const std::string base = std::string("jiaxing.needs.") + kNeedNames[k] + ".";
      const NeedDefaults& d = kNeedDefaults[k];
      table.real(base + "everyday_weight", [k](P& p) -> double& { return p.need[k].everyday_weight; }, d.everyday_weight,
             0, 1, "fraction", std::string("Share of everyday needs that are ") + kNeedNames[k] + " needs.", kNeedMix);
      table.real(base + "crisis_weight", [k](P& p) -> double& { return p.need[k].crisis_weight; }, d.crisis_weight, 0, 1,
             "fraction", std::string("Share of crisis needs that are ") + kNeedNames[k] + " needs.", kNeedMix);
      table.real(base + "offline_closure", [k](P& p) -> double& { return p.need[k].offline_closure; }, d.offline_closure,
             0, 1, "fraction", "Share of offline provision of this need closed at crisis intensity 1.",
             "assumption: how much of this need's offline provision a 2020 lockdown closed; health "
             "reporting was online only");
      table.real(base + "online_affinity", [k](P& p) -> double& { return p.need[k].online_affinity; }, d.online_affinity,
             0, 1, "probability",
             "Probability a registered resident uses the platform for this need while offline is open.",
             "assumption: online use is the exception while offline is open (seed 000's 3 % pre-crisis activity)");
      table.real(base + "request_share", [k](P& p) -> double& { return p.need[k].request_share; }, d.request_share, 0, 1,
             "fraction", "Share of online uses sent to an official when a self-service channel is also live.",
             "assumption: needs that call for a person (supplies, care) go to officials more often; "
             "illustrative shares");
    }

    // Co-production.
    table.real("jiaxing.coproduction.volunteer_signup", &P::volunteer_signup, 3.97e-4, 0, 1, "1/day",
           "Daily hazard that a registered resident signs up as volunteer (times crisis intensity + "
           "incentive appeal, times relative trust).",
           "derived, not fitted: China's registered volunteers were 13.5 % of residents in 2020 (about "
           "0.19 bn of 1.41 bn, China Volunteer Service Federation); assumption: a registered resident "
           "at crisis intensity 1, without incentives and at mean trust, reaches that share in a year, "
           "h = -ln(1 - 0.135) / 365 = 3.97e-4 per day. The volunteers figure (> 8,000) is fitted "
           "through push_crisis, not through this rate")
        .changeable();
    table.real("jiaxing.coproduction.volunteer_attrition", &P::volunteer_attrition, 1.0 / 730, 0, 1, "1/day",
           "Daily hazard that a volunteer stops volunteering (the volunteer flag is cleared; they may sign up "
           "again while a sign-up service is live).",
           "assumption: a mean volunteering spell of two years; no retention figure for Jiaxing or China was "
           "found. Without it no volunteer ever stops and post-crisis activity keeps climbing "
           "(docs/jiaxing_model.md, 'Does activity settle?')")
        .changeable();
    table.real("jiaxing.coproduction.incentive_appeal", &P::incentive_appeal, 0.5, 0, 10, "",
           "Weight of points and time-bank credit in volunteer sign-up, relative to crisis intensity 1.",
           kCoproduction)
        .changeable();
    table.real("jiaxing.coproduction.volunteer_activity", &P::volunteer_activity, 0.1, 0, 1, "1/day",
           "Probability a volunteer serves on a given day while a volunteer service is live.", kCoproduction)
        .changeable();
    table.real("jiaxing.coproduction.mutual_aid_offer", &P::mutual_aid_offer, 2e-3, 0, 1, "1/day",
           "Daily probability a registered resident offers supplies through mutual aid (times the "
           "critical-mass factor and relative trust).",
           kCoproduction)
        .changeable();
    table.real("jiaxing.coproduction.masks_per_exchange", &P::masks_per_exchange, 10, 0, 1000, "masks",
           "Masks handed over in one mutual-aid exchange with a household without masks.",
           "assumption: a box of ten masks, the common retail pack in 2020");
    table.real("jiaxing.coproduction.council_participation", &P::council_participation, 0.055, 0, 1, "1/day",
           "Daily probability a registered resident votes or comments on a residents' council's agenda "
           "while its monthly round is open (jiaxing.councils.round_days; at most once a month), times "
           "usefulness (critical mass), relative trust and the points' motive (jiaxing.conditions).",
           "assumption, uncertain: seed 000 gives no turnout; 0.055 is the geometric centre of the prior "
           "log-uniform [0.01, 0.3] (7 to 88 % of useful, trusting residents take part in a 7-day round), "
           "which paper_repro/jiaxing_posterior_curve.py propagates into the held-out predictions; not "
           "calibrated (it would be a fourth parameter for four fitted figures)")
        .changeable();
    table.real("jiaxing.coproduction.critical_mass_share", &P::critical_mass_share, 0.2, 0.001, 1, "fraction",
           "Registered share of a community at which co-production reaches half its potential.",
           "assumption: seed 000 invokes a critical mass without a number; a fifth of a community is an "
           "illustrative half-saturation point");
    table.real("jiaxing.coproduction.critical_mass_steepness", &P::critical_mass_steepness, 2, 0.1, 20, "",
           "Hill exponent of the critical-mass factor s^h / (s^h + s0^h).",
           "assumption: an exponent of 2 gives a threshold-like rise without a step");
    table.real("jiaxing.coproduction.care_per_volunteer_act", &P::care_per_volunteer_act, 1, 0, 100, "needs",
           "Care needs a volunteer act can meet (yesterday's acts are today's capacity).",
           "assumption: one act meets one need");

    // Officials.
    table.real("jiaxing.officials.capacity_mean", &P::capacity_mean, 5, 0, 10000, "requests/official/day",
           "Mean number of requests an official can answer per day at full effort.", kOfficials);
    table.real("jiaxing.officials.entrepreneur_share", &P::entrepreneur_share, 0.25, 0, 1, "fraction",
           "Share of officials who are public entrepreneurs.",
           "assumption: seed 000 names public entrepreneurs as a minority of officials; a quarter is illustrative");
    table.real("jiaxing.officials.adoption_rate", &P::adoption_rate, 0.01, 0, 1, "1/day",
           "Daily hazard that a community rolls out a launched entrepreneur service, per "
           "(1 + entrepreneur_pull x entrepreneurs in the community).",
           "assumption: roll-out over weeks to months, as seed 000 describes for the post-crisis services")
        .changeable();
    table.real("jiaxing.officials.entrepreneur_pull", &P::entrepreneur_pull, 2, 0, 100, "",
           "Extra roll-out hazard per public entrepreneur in the community.",
           "assumption: an entrepreneur triples a community's roll-out hazard; direction from seed 000")
        .changeable();
    table.real("jiaxing.officials.effort_accountable", &P::effort_accountable, 1.0, 0, 2, "fraction",
           "Share of capacity used when accountability is on.",
           "assumption: full effort under the response-time rule (the reference level)")
        .changeable();
    table.real("jiaxing.officials.effort_unaccountable", &P::effort_unaccountable, 0.5, 0, 2, "fraction",
           "Share of capacity used when accountability is off.",
           "assumption: half effort without review; only the ablation without accountability uses it")
        .changeable();
    table.real("jiaxing.officials.responsiveness_unaccountable", &P::responsiveness_unaccountable, 0.35, 0, 1,
           "probability",
           "Share of requests officials take up at all when accountability is off (the rest wait "
           "unanswered until dropped).",
           "Chen, Pan & Xu (2016, AJPS), cited by seed 000: about one third of online requests to county "
           "governments were answered")
        .changeable();
    table.real("jiaxing.officials.overdue_boost", &P::overdue_boost, 0.5, 0, 10, "fraction",
           "Extra effort of a team with requests past the response limit (performance review).",
           "assumption: review pressure raises effort by half; direction from seed 000's accountability rule")
        .changeable();
    table.integer("jiaxing.officials.response_limit_days", &P::response_limit_days, 3, 0, 60, "days",
              "Response-time limit of the accountability rule; answers later than this count as late.",
              seed + ": 'respond within a time limit'; length is an assumption");
    table.integer("jiaxing.officials.patience_days", &P::patience_days, 14, 1, 60, "days",
              "A request unanswered for longer than this is dropped and the resident loses trust.",
              "assumption: two weeks, well past the response limit, so dropping is rare with accountability on");
    table.integer("jiaxing.officials.routing_delay_days", &P::routing_delay_days, 2, 0, 30, "days",
              "Days a request waits to reach the right official when platform.auto_dispatch is off.",
              "assumption: a request passed by hand through street and district desks takes a couple of days");

    // Platform.
    table.flag("jiaxing.platform.auto_dispatch", &P::auto_dispatch, true,
           "Requests go straight to the community's team (no routing delay).", seed)
        .changeable();
    table.real("jiaxing.platform.mask_stock_per_10k", &P::mask_stock_per_10k, 5, 0, 1e6, "masks/day per 10k residents",
           "Masks available to the mask-aid service per day.",
           "assumption: scarce masks in February 2020; the level only bounds the mask-aid service");
    table.real("jiaxing.platform.masks_per_request", &P::masks_per_request, 5, 0.1, 1000, "masks",
           "Masks handed out per granted mask request.",
           "assumption: the five-mask rations Chinese cities handed out by booking in February 2020");
    // How public entrepreneurs decide the catalogue (service_decisions.hpp).
    table.real("jiaxing.platform.launch_gap", [](P& p) -> double& { return p.decisions.launch_gap; }, 0.5, 0, 1000,
           "needs/1000 residents/day",
           "Offline gap of a need (needs arising where offline provision is closed, 7-day mean) at which "
           "entrepreneurs launch an unmet_need service for it.",
           kDecisions)
        .changeable();
    table.integer("jiaxing.platform.build_days", [](P& p) -> int& { return p.decisions.build_days; }, 3, 0, 60, "days",
              "Days from the decision to launch a service until it is live.",
              "seed 000: the 'epidemic online' services went live within days of the level-1 response; three "
              "days is an assumption within that");
    table.real("jiaxing.platform.retire_share", [](P& p) -> double& { return p.decisions.retire_share; }, 0.25, 0, 1,
           "fraction", "A crisis service retires when the gap it responds to stays below this share of its peak.",
           kDecisions)
        .changeable();
    table.integer("jiaxing.platform.retire_days", [](P& p) -> int& { return p.decisions.retire_days; }, 3, 1, 60, "days",
              "Days in a row the gap must stay below the retirement level before a crisis service retires.",
              kDecisions);
    table.integer("jiaxing.platform.convert_days", [](P& p) -> int& { return p.decisions.convert_days; }, 7, 0, 365,
              "days", "Days from a crisis service's retirement until the everyday service converted from it is live.",
              kDecisions);
    table.real("jiaxing.platform.develop_evidence", [](P& p) -> double& { return p.decisions.develop_evidence; },
               31.6, 0.1, 10000, "needs per 1,000 residents",
               "What an after_crisis service needs before public entrepreneurs build it: the needs of the kind "
               "it serves (its responds_to) that active users brought to the platform since the crisis "
               "services retired, per 1,000 residents, each day's count weighted by the entrepreneurship "
               "level (their skill sets the speed; level 0: never built). The service is live the day the sum "
               "reaches this value.",
               "seed 000: from 2 Mar 2020 the city's leaders 'began developing new public services on the "
               "platform to meet residents' changing needs' (開始在微嘉園上發展新的公共服務項目以此改變社區居民的需求); "
               "how much demand they waited for is not given. Assumption: they build once the need has come "
               "to the platform from 1 % to 10 % of residents (10-100 per 1,000; log-uniform prior, default "
               "its geometric centre 31.6), sampled by the calibration and propagated, never fitted")
        .changeable();
    std::vector<std::string> needs(kNeedNames.begin(), kNeedNames.end());
    needs.push_back("none");
    table.records({"jiaxing.services", ParamType::TableArray, std::nullopt, {}, {}, {}, "",
               "The platform's service catalogue: what each service needs and what launches it, not when it "
               "runs (service_decisions.hpp).", seed},
              {{"jiaxing.services[].name", ParamType::String, std::nullopt, {}, {}, {}, "", "Service name.", ""},
               {"jiaxing.services[].serves", ParamType::String, std::string("none"), {}, {}, needs, "",
                "The need the service meets ('none' for sign-up, mutual-aid offers and councils).", ""},
               {"jiaxing.services[].channel", ParamType::String, std::nullopt, {}, {},
                std::vector<std::string>(kChannelNames.begin(), kChannelNames.end()), "",
                "How the service meets the need: self_service, official (queued request), firm_booking, "
                "volunteer, mutual_aid, council, volunteer_signup, expert (counselling sessions by volunteer "
                "experts, capped, for quarantined households only: jiaxing.targeted).",
                ""},
               {"jiaxing.services[].launch", ParamType::String, std::string("dated"), {}, {},
                std::vector<std::string>(kLaunchNames.begin(), kLaunchNames.end()), "",
                "What starts the service: at_start (live from the first day), unmet_need (launched and "
                "retired by the offline gap of a need), conversion (converted from a retired crisis service), "
                "after_crisis (built after the crisis services retire, once residents have brought enough of its "
                "need to the platform), dated (start/end; experiments only).",
                ""},
               {"jiaxing.services[].responds_to", ParamType::String, std::string("none"), {}, {}, needs, "",
                "unmet_need services: the need whose offline gap launches and retires it; after_crisis "
                "services: the need whose demand on the platform tells entrepreneurs to build it "
                "(platform.develop_evidence). 'none': the need it serves.", ""},
               {"jiaxing.services[].converts_from", ParamType::String, std::string(""), {}, {}, {}, "",
                "conversion services: the name of the unmet_need service it is converted from.", ""},
               {"jiaxing.services[].source", ParamType::String, std::string(""), {}, {}, {}, "",
                "Where the service comes from: the seed passage that names it, or 'assumption: why'. "
                "Required unless launch = \"dated\".", ""},
               {"jiaxing.services[].start", ParamType::Date, Date::from_ymd(2000, 1, 1), {}, {}, {}, "date",
                "dated services only: first day the service is offered.", ""},
               {"jiaxing.services[].end", ParamType::Date, Date::from_ymd(2099, 12, 31), {}, {}, {}, "date",
                "dated services only: last day the service is offered.", ""},
               {"jiaxing.services[].needs_entrepreneur", ParamType::Bool, false, {}, {}, {}, "",
                "Launched by public entrepreneurs and rolled out community by community.", ""},
               {"jiaxing.services[].mask_aid", ParamType::Bool, false, {}, {}, {}, "",
                "An official supplies channel that hands out masks from platform.mask_stock_per_10k, only to "
                "residents of households without masks (jiaxing.targeted); it does not serve other supplies "
                "needs.", ""}},
              read_services);

    // Firms.
    table.real("jiaxing.firms.share_home_services", &P::share_home_services, 0.6, 0, 1, "fraction",
           "Share of firms in home services (repairs, housekeeping); the rest sell supplies.", kFirms);
    table.real("jiaxing.firms.capacity", &P::firm_capacity, 3, 0, 1000, "bookings/firm/day",
           "Bookings a listed, operating firm can serve per day.", kFirms);
    table.real("jiaxing.firms.closure_threshold", &P::closure_threshold, 0.8, 0, 1, "intensity",
           "Crisis intensity at or above which firms are ordered closed.", kFirms);
    table.real("jiaxing.firms.close_rate", &P::close_rate, 0.5, 0, 1, "1/day",
           "Daily probability an open firm closes under closure.", kFirms)
        .changeable();
    table.real("jiaxing.firms.resume_rate", &P::resume_rate, 0.1, 0, 1, "1/day",
           "Daily probability a closed firm resumes once closure is lifted.", kFirms)
        .changeable();
    table.flag("jiaxing.firms.supplies_exempt", &P::supplies_exempt, true,
           "Supplies firms (groceries, pharmacies) are essential and exempt from closure orders.",
           "assumption: essential retail stayed open under China's 2020 lockdowns");
    table.real("jiaxing.firms.list_rate", &P::list_rate, 0.01, 0, 1, "1/day",
           "Daily probability an open firm lists on the platform while a booking service for its "
           "sector is live in its community (times the incentive factor).",
           kFirms)
        .changeable();

    // Trust. Read by the daily step through JiaxingParams (JiaxingModel::configure reloads the
    // table), so dated [[events]] may change it; traits drawn at set-up cannot change.
    table.real("jiaxing.trust.gain", &P::trust_gain, 0.1, 0, 1, "fraction",
           "Share of the gap to full trust closed by a request answered within the limit.", kTrust)
        .changeable();
    table.real("jiaxing.trust.loss", &P::trust_loss, 0.15, 0, 1, "fraction",
           "Share of trust lost when a request is dropped.", kTrust)
        .changeable();
    table.real("jiaxing.trust.late_factor", &P::late_factor, 0.3, 0, 1, "fraction",
           "Trust gain of a late answer relative to a timely one.", kTrust)
        .changeable();
    table.real("jiaxing.trust.contagion", &P::contagion, 0.3, 0, 1, "fraction",
           "Share of a requester's own trust change that a social neighbour feels on hearing of it (the "
           "day after the request is answered or dropped); 0: trust changes only for the requester.",
           "assumption: second-hand experience moves trust less than one's own; a third is illustrative "
           "(direction: word of mouth about government responsiveness, seed 000's accountability rule)")
        .changeable();
    table.real("jiaxing.trust.hear_rate", &P::hear_rate, 0.2, 0, 1, "1/day",
           "Daily probability a resident talks with their social neighbours and hears of their requests.",
           "assumption: neighbours and family groups talk every few days")
        .changeable();
    table.real("jiaxing.trust.lapse_rate", &P::lapse_rate, 0.00316, 0, 1, "1/day",
           "Daily hazard that a registered user goes dormant (stops using the platform, stays registered), "
           "times (1 - trust).",
           "app churn benchmarks (worldmetrics.org, mobile app retention statistics: monthly churn 28 % on "
           "average, 11 % for the lowest category, weather apps) count users who did not open an app in a "
           "month, which in this model is mostly need-driven non-use (Nov 2019: 3 % of users active); "
           "dormancy is giving the platform up as a channel, so assumption: its monthly hazard at mean trust "
           "lies between a tenth of the lowest category's churn and that churn (1.1-11 %/month, i.e. "
           "0.001-0.01 per day x (1 - trust_mean)); log-uniform prior, default its geometric centre, "
           "sampled by the calibration and propagated")
        .changeable();
    table.real("jiaxing.trust.registration_trust", &P::registration_trust, 1, 0, 1, "fraction",
           "Weight of relative trust (trust / trust_mean) in the registration hazard: the hazard is "
           "multiplied by 1 - w + w x trust / trust_mean; 0: registration ignores trust.",
           "assumption: trust scales registration as it scales online use and co-production (issue 15: "
           "trust moves registration, activity and lapsing); the mean hazard is unchanged at the initial "
           "trust distribution")
        .changeable();
    table.real("jiaxing.trust.return_rate", &P::return_rate, 0.01, 0, 1, "1/day",
           "Daily hazard that a dormant user comes back, times trust.",
           "app churn benchmarks (worldmetrics.org, mobile app retention statistics): 30 % of churned users "
           "return within 60 days, a daily hazard of 0.0059, i.e. 0.01 x trust at trust_mean 0.6")
        .changeable();
    add_targeted_parameters(table);
    add_council_parameters(table);
    return table;
  }();
  return t;
}

}  // namespace

void declare_jiaxing_parameters(ParamRegistry& reg) { jiaxing_parameters().declare(reg); }

void check_jiaxing_parameters(const ParamSet& p) {
  if (p.get_double("jiaxing.residents.share_young") + p.get_double("jiaxing.residents.share_elderly") > 1.0)
    throw InputError(p.at("jiaxing.residents.share_elderly").loc, "jiaxing.residents.share_elderly",
                     "share_young + share_elderly must not exceed 1");
  for (const char* w : {"everyday_weight", "crisis_weight"}) {
    double sum = 0;
    for (const char* n : kNeedNames) sum += p.get_double(std::string("jiaxing.needs.") + n + "." + w);
    if (sum > 1.0 + 1e-9 || sum < 1.0 - 1e-9) {
      const std::string key = std::string("jiaxing.needs.information.") + w;
      throw InputError(p.at(key).loc, key,
                       std::string("the ") + w + " of the seven needs must sum to 1 (they sum to " +
                           std::to_string(sum) + ")");
    }
  }
  if (p.get_int("jiaxing.officials.patience_days") + p.get_int("jiaxing.officials.routing_delay_days") >= 62)
    throw InputError(p.at("jiaxing.officials.patience_days").loc, "jiaxing.officials.patience_days",
                     "patience_days + routing_delay_days must be below 62 (the request queue's window)");
  const int64_t residents = p.get_int("population.residents");
  const int64_t csize = p.get_int("network.community_size");
  const int64_t communities = (residents + csize - 1) / csize;
  if (p.get_int("population.officials") < communities)
    throw InputError(p.at("population.officials").loc, "population.officials",
                     "the Jiaxing model needs at least one official per community: " +
                         std::to_string(communities) + " communities of network.community_size " +
                         std::to_string(csize) + ", but only " + std::to_string(p.get_int("population.officials")) +
                         " officials");
  const auto& services = p.records("jiaxing.services");
  if (services.size() > kMaxServices)
    throw InputError(services[kMaxServices].loc, "jiaxing.services",
                     "at most " + std::to_string(kMaxServices) + " services are supported");
  if (services.empty()) {
    SourceLoc file{"<scenario>"};  // the scenario file, without a position: the entry is missing
    for (const auto& [key, v] : p.scalars())
      if (v.loc.line > 0) file = SourceLoc{v.loc.file};
    throw InputError(file, "jiaxing.services",
                     "the Jiaxing model can never offer any service: the catalogue is empty (add "
                     "[[jiaxing.services]] entries; see scenarios/jiaxing_weijiayuan.toml)");
  }
  std::vector<std::string> names;
  for (const Record& s : services) names.push_back(s.get_string("name"));
  bool any_unmet_need = false;
  for (const Record& s : services) any_unmet_need = any_unmet_need || s.get_string("launch") == "unmet_need";
  for (size_t i = 0; i < services.size(); ++i) {
    const Record& s = services[i];
    const std::string& name = s.get_string("name");
    const std::string& launch = s.get_string("launch");
    const bool dated = launch == "dated";
    for (const char* f : {"start", "end"}) {
      const bool given = s.at(f).loc.file != "<default>";
      if (dated && !given)
        throw InputError(s.loc, "jiaxing.services",
                         "service '" + name + "' is dated (launch = \"dated\", the default) but has no " + f +
                             "; give start and end, or a launch rule (at_start, unmet_need, conversion, after_crisis)");
      if (!dated && given)
        throw InputError(s.at(f).loc, "jiaxing.services",
                         "service '" + name + "' is launched by decision (launch = \"" + launch +
                             "\"), so it has no " + f + "; remove it");
    }
    if (!dated && s.get_string("source").empty())
      throw InputError(s.loc, "jiaxing.services",
                       "service '" + name + "' needs a source: the seed passage that names it, or "
                       "\"assumption: why\"");
    const std::string& from = s.get_string("converts_from");
    if ((launch == "conversion") != !from.empty())
      throw InputError(from.empty() ? s.loc : s.at("converts_from").loc, "jiaxing.services",
                       "service '" + name + "': converts_from is " +
                           (from.empty() ? std::string("required for launch = \"conversion\"")
                                         : std::string("only for launch = \"conversion\"")));
    if (!from.empty()) {
      const auto it = std::find(names.begin(), names.end(), from);
      if (it == names.end()) {
        const std::string near = closest_match(from, names);
        throw InputError(s.at("converts_from").loc, "jiaxing.services",
                         "service '" + name + "' converts from '" + from + "', which is not in the catalogue" +
                             (near.empty() ? std::string("") : "; did you mean '" + near + "'?"));
      }
      if (services[size_t(it - names.begin())].get_string("launch") != "unmet_need")
        throw InputError(s.at("converts_from").loc, "jiaxing.services",
                         "service '" + name + "' converts from '" + from +
                             "', which is not a crisis (launch = \"unmet_need\") service, so it never retires");
    }
    if (launch == "unmet_need" || launch == "after_crisis") {
      // The need that launches it: its offline gap (crisis services) or its demand on the platform
      // (after-crisis services).
      const bool crisis = launch == "unmet_need";
      std::string need = s.get_string("responds_to");
      if (need == "none") need = s.get_string("serves");
      if (need == "none")
        throw InputError(s.loc, "jiaxing.services",
                         launch + " service '" + name + "' serves no need, so it must say which need's " +
                             (crisis ? "gap launches it" : "demand on the platform tells entrepreneurs to build it") +
                             " (responds_to = one of the needs)");
      const std::string key = "jiaxing.needs." + need + ".";
      if (crisis && (p.get_double(key + "offline_closure") <= 0 ||
                     (p.get_double(key + "everyday_weight") <= 0 && p.get_double(key + "crisis_weight") <= 0)))
        throw InputError(s.loc, "jiaxing.services",
                         "unmet_need service '" + name + "' can never launch: need '" + need +
                             "' never goes unmet offline (its offline_closure or both its weights are 0)");
      if (!crisis && p.get_double(key + "everyday_weight") <= 0)
        throw InputError(s.loc, "jiaxing.services",
                         "after_crisis service '" + name + "' can never launch: need '" + need +
                             "' never arises after the crisis (its everyday_weight is 0)");
    } else if (s.get_string("responds_to") != "none") {
      throw InputError(s.at("responds_to").loc, "jiaxing.services",
                       "responds_to applies only to launch = \"unmet_need\" or \"after_crisis\" services");
    }
    if (launch == "after_crisis" && !any_unmet_need)
      throw InputError(s.loc, "jiaxing.services",
                       "after_crisis service '" + name + "' can never launch: no crisis (launch = \"unmet_need\") "
                       "service is in the catalogue to retire first");
    if (dated && s.get_date("end") < s.get_date("start"))
      throw InputError(s.at("end").loc, "jiaxing.services",
                       "service '" + s.get_string("name") + "' ends before it starts");
    const std::string& ch = s.get_string("channel");
    const bool needless = ch == "council" || ch == "volunteer_signup";
    const bool has_need = s.get_string("serves") != "none";
    if (needless && has_need)
      throw InputError(s.at("serves").loc, "jiaxing.services",
                       "a '" + ch + "' service serves no need; set serves = \"none\"");
    if (!needless && !has_need)
      throw InputError(s.loc, "jiaxing.services",
                       "service '" + s.get_string("name") + "' with channel '" + ch +
                           "' must name the need it serves (serves = one of " + [] {
                             std::string o;
                             for (const char* n : kNeedNames) o += (o.empty() ? "" : ", ") + std::string(n);
                             return o;
                           }() + ")");
    if (ch == "expert" && s.get_string("serves") != "counselling")
      throw InputError(s.at("channel").loc, "jiaxing.services",
                       "service '" + s.get_string("name") + "': the 'expert' channel serves only counselling "
                       "(serves = \"counselling\")");
    if (s.get_bool("mask_aid") && (ch != "official" || s.get_string("serves") != "supplies"))
      throw InputError(s.at("mask_aid").loc, "jiaxing.services",
                       "mask_aid applies only to an 'official' channel serving 'supplies'");
  }
}

JiaxingParams load_jiaxing_parameters(const ParamSet& p) { return jiaxing_parameters().load(p); }

}  // namespace govsim::jiaxing
