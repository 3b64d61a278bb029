#include "models/jiaxing/params.hpp"

#include "sim/core/errors.hpp"
#include "sim/params/declare.hpp"

namespace govsim::jiaxing {
namespace {

constexpr const char* kCal = "calibrated: analysis/calibrate_jiaxing.py (see the scenario's header)";

}  // namespace

void declare_jiaxing_parameters(ParamRegistry& reg) {
  const std::string seed = "seed 000 (Shen, Cheng & Yu 2022)";
  // The four conditions of seed 000, each one switch (ablations turn them off).
  add_bool(reg, "jiaxing.conditions.public_entrepreneurs", true,
           "Officials who launch new services and convert crisis services into everyday ones; off: "
           "services marked needs_entrepreneur never go live.", seed);
  add_bool(reg, "jiaxing.conditions.critical_mass", true,
           "Grid workers' registration drive during the crisis (push_crisis); off: registration "
           "keeps its pre-crisis push.", seed);
  add_bool(reg, "jiaxing.conditions.coproduction_incentives", true,
           "Points and time bank for co-production; off: co-production and firm listing are "
           "scaled by coproduction.no_incentive_factor.", seed);
  add_bool(reg, "jiaxing.conditions.accountability", true,
           "Response-time limit and performance review of every body on the platform; off: "
           "officials work at officials.effort_unaccountable and get no overdue boost.", seed);

  // Residents.
  add_float(reg, "jiaxing.residents.share_young", 0.35, 0, 1, "fraction", "Share of adults aged 18-39.",
            "assumption, close to Zhejiang's 2020 census age structure");
  add_float(reg, "jiaxing.residents.share_elderly", 0.22, 0, 1, "fraction", "Share of adults aged 65+.",
            "assumption, close to Zhejiang's 2020 census age structure");
  add_float(reg, "jiaxing.residents.literacy_young", 0.9, 0, 1, "fraction",
            "Mean digital literacy of residents aged 18-39 (scales registration and online use).");
  add_float(reg, "jiaxing.residents.literacy_middle", 0.7, 0, 1, "fraction",
            "Mean digital literacy of residents aged 40-64.");
  add_float(reg, "jiaxing.residents.literacy_elderly", 0.35, 0, 1, "fraction",
            "Mean digital literacy of residents aged 65+.");
  add_float(reg, "jiaxing.residents.trust_mean", 0.6, 0.01, 1, "fraction",
            "Mean initial trust in the platform's public services (uniform on [0.5, 1.5] x mean).");

  // Registration.
  add_float(reg, "jiaxing.registration.push_pre", 5e-4, 0, 1, "1/day",
            "Daily registration hazard from grid workers' promotion before the crisis (times literacy).");
  add_float(reg, "jiaxing.registration.push_crisis", 8e-3, 0, 1, "1/day",
            "Extra registration hazard per unit crisis intensity from the crisis registration drive "
            "(health reporting, returnee registration).", kCal);
  add_float(reg, "jiaxing.registration.push_post", 8e-4, 0, 1, "1/day",
            "Daily registration hazard from promotion after the emergency.");
  add_float(reg, "jiaxing.registration.network_weight", 2e-3, 0, 1, "1/day",
            "Extra registration hazard per unit share of social-network neighbours already registered.");

  // Needs.
  add_float(reg, "jiaxing.needs.everyday_rate", 0.02, 0, 5, "needs/person/day",
            "Rate at which a resident has an everyday need (all kinds together).", kCal);
  add_float(reg, "jiaxing.needs.crisis_rate", 0.015, 0, 5, "needs/person/day",
            "Extra need rate per unit crisis intensity (all crisis kinds together).", kCal);
  add_float(reg, "jiaxing.needs.post_shift", 0.25, 0, 10, "fraction",
            "Relative rise of everyday needs after the emergency (deferred repairs, care, community "
            "affairs).");
  add_float(reg, "jiaxing.needs.offline_rebound", 0.8, 0, 1, "fraction",
            "Drop in the preference for online channels right after the emergency ends, when "
            "residents go out again; decays with needs.rebound_days.", kCal);
  add_float(reg, "jiaxing.needs.rebound_days", 30, 1, 365, "days",
            "Time constant of the decay of the offline rebound.");
  for (int k = 0; k < kNumNeeds; ++k) {
    const std::string base = std::string("jiaxing.needs.") + kNeedNames[k] + ".";
    const NeedDefaults& d = kNeedDefaults[k];
    add_float(reg, base + "everyday_weight", d.everyday_weight, 0, 1, "fraction",
              std::string("Share of everyday needs that are ") + kNeedNames[k] + " needs.");
    add_float(reg, base + "crisis_weight", d.crisis_weight, 0, 1, "fraction",
              std::string("Share of crisis needs that are ") + kNeedNames[k] + " needs.");
    add_float(reg, base + "offline_closure", d.offline_closure, 0, 1, "fraction",
              "Share of offline provision of this need closed at crisis intensity 1.");
    add_float(reg, base + "online_affinity", d.online_affinity, 0, 1, "probability",
              "Probability a registered resident uses the platform for this need while offline is open.");
    add_float(reg, base + "request_share", d.request_share, 0, 1, "fraction",
              "Share of online uses sent to an official when a self-service channel is also live.");
  }

  // Co-production.
  add_float(reg, "jiaxing.coproduction.volunteer_signup", 1e-3, 0, 1, "1/day",
            "Daily hazard that a registered resident signs up as volunteer (times crisis intensity + "
            "incentive appeal, times relative trust).");
  add_float(reg, "jiaxing.coproduction.incentive_appeal", 0.5, 0, 10, "",
            "Weight of points and time-bank credit in volunteer sign-up, relative to crisis intensity 1.");
  add_float(reg, "jiaxing.coproduction.volunteer_activity", 0.1, 0, 1, "1/day",
            "Probability a volunteer serves on a given day while a volunteer service is live.");
  add_float(reg, "jiaxing.coproduction.no_incentive_factor", 0.3, 0, 1, "fraction",
            "Co-production and firm listing without incentives, relative to with them.");
  add_float(reg, "jiaxing.coproduction.mutual_aid_offer", 2e-3, 0, 1, "1/day",
            "Daily probability a registered resident offers supplies through mutual aid (times the "
            "critical-mass factor and relative trust).");
  add_float(reg, "jiaxing.coproduction.masks_per_exchange", 10, 0, 1000, "masks",
            "Masks handed over in one mutual-aid exchange.");
  add_float(reg, "jiaxing.coproduction.council_participation", 0.012, 0, 1, "1/day",
            "Daily probability a registered resident votes, comments or deliberates while a residents' "
            "council is live (times critical-mass factor, relative trust, incentives).", kCal);
  add_float(reg, "jiaxing.coproduction.critical_mass_share", 0.2, 0.001, 1, "fraction",
            "Registered share of a community at which co-production reaches half its potential.");
  add_float(reg, "jiaxing.coproduction.critical_mass_steepness", 2, 0.1, 20, "",
            "Hill exponent of the critical-mass factor s^h / (s^h + s0^h).");
  add_float(reg, "jiaxing.coproduction.care_per_volunteer_act", 1, 0, 100, "needs",
            "Care needs a volunteer act can meet (yesterday's acts are today's capacity).");

  // Officials.
  add_float(reg, "jiaxing.officials.capacity_mean", 5, 0, 10000, "requests/official/day",
            "Mean number of requests an official can answer per day at full effort.");
  add_float(reg, "jiaxing.officials.entrepreneur_share", 0.25, 0, 1, "fraction",
            "Share of officials who are public entrepreneurs.");
  add_float(reg, "jiaxing.officials.adoption_rate", 0.01, 0, 1, "1/day",
            "Daily hazard that a community rolls out a launched entrepreneur service, per "
            "(1 + entrepreneur_pull x entrepreneurs in the community).");
  add_float(reg, "jiaxing.officials.entrepreneur_pull", 2, 0, 100, "",
            "Extra roll-out hazard per public entrepreneur in the community.");
  add_float(reg, "jiaxing.officials.effort_accountable", 1.0, 0, 2, "fraction",
            "Share of capacity used when accountability is on.");
  add_float(reg, "jiaxing.officials.effort_unaccountable", 0.5, 0, 2, "fraction",
            "Share of capacity used when accountability is off.");
  add_float(reg, "jiaxing.officials.responsiveness_unaccountable", 0.35, 0, 1, "probability",
            "Share of requests officials take up at all when accountability is off (the rest wait "
            "unanswered until dropped).",
            "Chen, Pan & Xu (2016, AJPS), cited by seed 000: about one third of online requests to county "
            "governments were answered");
  add_float(reg, "jiaxing.officials.overdue_boost", 0.5, 0, 10, "fraction",
            "Extra effort of a team with requests past the response limit (performance review).");
  add_int(reg, "jiaxing.officials.response_limit_days", 3, 0, 60, "days",
          "Response-time limit of the accountability rule; answers later than this count as late.",
          seed + ": 'respond within a time limit'; length is an assumption");
  add_int(reg, "jiaxing.officials.patience_days", 14, 1, 60, "days",
          "A request unanswered for longer than this is dropped and the resident loses trust.");
  add_int(reg, "jiaxing.officials.routing_delay_days", 2, 0, 30, "days",
          "Days a request waits to reach the right official when platform.auto_dispatch is off.");

  // Platform.
  add_bool(reg, "jiaxing.platform.auto_dispatch", true,
           "Requests go straight to the community's team (no routing delay).", seed);
  add_float(reg, "jiaxing.platform.mask_stock_per_10k", 5, 0, 1e6, "masks/day per 10k residents",
            "Masks available to the mask-aid service per day.");
  add_float(reg, "jiaxing.platform.masks_per_request", 5, 0.1, 1000, "masks",
            "Masks handed out per granted mask request.");
  reg.add({"jiaxing.services", ParamType::TableArray, std::nullopt, {}, {}, {}, "",
           "The platform's service catalogue; each entry is live from start to end.", seed});
  reg.add({"jiaxing.services[].name", ParamType::String, std::nullopt, {}, {}, {}, "", "Service name.", ""});
  std::vector<std::string> needs(kNeedNames.begin(), kNeedNames.end());
  needs.push_back("none");
  reg.add({"jiaxing.services[].serves", ParamType::String, std::string("none"), {}, {}, needs, "",
           "The need the service meets ('none' for sign-up, mutual-aid offers and councils).", ""});
  reg.add({"jiaxing.services[].channel", ParamType::String, std::nullopt, {}, {},
           std::vector<std::string>(kChannelNames.begin(), kChannelNames.end()), "",
           "How the service meets the need: self_service, official (queued request), firm_booking, "
           "volunteer, mutual_aid, council, volunteer_signup.", ""});
  reg.add({"jiaxing.services[].start", ParamType::Date, std::nullopt, {}, {}, {}, "date",
           "First day the service is offered.", ""});
  reg.add({"jiaxing.services[].end", ParamType::Date, std::nullopt, {}, {}, {}, "date",
           "Last day the service is offered.", ""});
  reg.add({"jiaxing.services[].needs_entrepreneur", ParamType::Bool, false, {}, {}, {}, "",
           "Launched by public entrepreneurs and rolled out community by community.", ""});
  reg.add({"jiaxing.services[].mask_aid", ParamType::Bool, false, {}, {}, {}, "",
           "An official supplies channel that hands out masks from platform.mask_stock_per_10k.", ""});

  // Firms.
  add_float(reg, "jiaxing.firms.share_home_services", 0.6, 0, 1, "fraction",
            "Share of firms in home services (repairs, housekeeping); the rest sell supplies.");
  add_float(reg, "jiaxing.firms.capacity", 3, 0, 1000, "bookings/firm/day",
            "Bookings a listed, operating firm can serve per day.");
  add_float(reg, "jiaxing.firms.closure_threshold", 0.8, 0, 1, "intensity",
            "Crisis intensity at or above which firms are ordered closed.");
  add_float(reg, "jiaxing.firms.close_rate", 0.5, 0, 1, "1/day", "Daily probability an open firm closes under closure.");
  add_float(reg, "jiaxing.firms.resume_rate", 0.1, 0, 1, "1/day",
            "Daily probability a closed firm resumes once closure is lifted.");
  add_bool(reg, "jiaxing.firms.supplies_exempt", true,
           "Supplies firms (groceries, pharmacies) are essential and exempt from closure orders.",
           "assumption: essential retail stayed open under China's 2020 lockdowns");
  add_float(reg, "jiaxing.firms.list_rate", 0.01, 0, 1, "1/day",
            "Daily probability an open firm lists on the platform while a booking service for its "
            "sector is live in its community (times the incentive factor).");

  // Trust.
  add_float(reg, "jiaxing.trust.gain", 0.1, 0, 1, "fraction",
            "Share of the gap to full trust closed by a request answered within the limit.");
  add_float(reg, "jiaxing.trust.loss", 0.15, 0, 1, "fraction", "Share of trust lost when a request is dropped.");
  add_float(reg, "jiaxing.trust.late_factor", 0.3, 0, 1, "fraction",
            "Trust gain of a late answer relative to a timely one.");
  // Read by the daily step through JiaxingParams (JiaxingModel::configure re-reads them), so dated
  // [[events]] may change them; the residents', officials' and firms' traits are drawn at set-up.
  reg.allow_change_during_run({
      "jiaxing.conditions.public_entrepreneurs", "jiaxing.conditions.critical_mass",
      "jiaxing.conditions.coproduction_incentives", "jiaxing.conditions.accountability",
      "jiaxing.registration.push_pre", "jiaxing.registration.push_crisis", "jiaxing.registration.push_post",
      "jiaxing.registration.network_weight", "jiaxing.needs.everyday_rate", "jiaxing.needs.crisis_rate",
      "jiaxing.coproduction.volunteer_signup", "jiaxing.coproduction.incentive_appeal",
      "jiaxing.coproduction.volunteer_activity", "jiaxing.coproduction.no_incentive_factor",
      "jiaxing.coproduction.mutual_aid_offer", "jiaxing.coproduction.council_participation",
      "jiaxing.officials.adoption_rate", "jiaxing.officials.entrepreneur_pull", "jiaxing.officials.effort_accountable",
      "jiaxing.officials.effort_unaccountable", "jiaxing.officials.overdue_boost",
      "jiaxing.officials.responsiveness_unaccountable", "jiaxing.platform.auto_dispatch", "jiaxing.trust.gain",
      "jiaxing.trust.loss", "jiaxing.trust.late_factor", "jiaxing.firms.close_rate", "jiaxing.firms.resume_rate",
      "jiaxing.firms.list_rate"});
}

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
  for (size_t i = 0; i < services.size(); ++i) {
    const Record& s = services[i];
    if (s.get_date("end") < s.get_date("start"))
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
    if (s.get_bool("mask_aid") && (ch != "official" || s.get_string("serves") != "supplies"))
      throw InputError(s.at("mask_aid").loc, "jiaxing.services",
                       "mask_aid applies only to an 'official' channel serving 'supplies'");
  }
}

JiaxingParams load_jiaxing_parameters(const ParamSet& p) {
  JiaxingParams j;
  auto f = [&](const char* k) { return p.get_double(std::string("jiaxing.") + k); };
  auto i = [&](const char* k) { return static_cast<int>(p.get_int(std::string("jiaxing.") + k)); };
  auto b = [&](const char* k) { return p.get_bool(std::string("jiaxing.") + k); };
  j.conditions = {b("conditions.public_entrepreneurs"), b("conditions.critical_mass"),
                  b("conditions.coproduction_incentives"), b("conditions.accountability")};
  j.share_young = f("residents.share_young");
  j.share_elderly = f("residents.share_elderly");
  j.literacy = {f("residents.literacy_young"), f("residents.literacy_middle"), f("residents.literacy_elderly")};
  j.trust_mean = f("residents.trust_mean");
  j.push_pre = f("registration.push_pre");
  j.push_crisis = f("registration.push_crisis");
  j.push_post = f("registration.push_post");
  j.network_weight = f("registration.network_weight");
  j.everyday_rate = f("needs.everyday_rate");
  j.crisis_rate = f("needs.crisis_rate");
  j.post_shift = f("needs.post_shift");
  j.offline_rebound = f("needs.offline_rebound");
  j.rebound_days = f("needs.rebound_days");
  for (int k = 0; k < kNumNeeds; ++k) {
    const std::string base = std::string("jiaxing.needs.") + kNeedNames[k] + ".";
    j.need[k] = {p.get_double(base + "everyday_weight"), p.get_double(base + "crisis_weight"),
                 p.get_double(base + "offline_closure"), p.get_double(base + "online_affinity"),
                 p.get_double(base + "request_share")};
  }
  j.volunteer_signup = f("coproduction.volunteer_signup");
  j.incentive_appeal = f("coproduction.incentive_appeal");
  j.volunteer_activity = f("coproduction.volunteer_activity");
  j.no_incentive_factor = f("coproduction.no_incentive_factor");
  j.mutual_aid_offer = f("coproduction.mutual_aid_offer");
  j.masks_per_exchange = f("coproduction.masks_per_exchange");
  j.council_participation = f("coproduction.council_participation");
  j.critical_mass_share = f("coproduction.critical_mass_share");
  j.critical_mass_steepness = f("coproduction.critical_mass_steepness");
  j.care_per_volunteer_act = f("coproduction.care_per_volunteer_act");
  j.capacity_mean = f("officials.capacity_mean");
  j.entrepreneur_share = f("officials.entrepreneur_share");
  j.adoption_rate = f("officials.adoption_rate");
  j.entrepreneur_pull = f("officials.entrepreneur_pull");
  j.effort_accountable = f("officials.effort_accountable");
  j.effort_unaccountable = f("officials.effort_unaccountable");
  j.overdue_boost = f("officials.overdue_boost");
  j.responsiveness_unaccountable = f("officials.responsiveness_unaccountable");
  j.response_limit_days = i("officials.response_limit_days");
  j.patience_days = i("officials.patience_days");
  j.routing_delay_days = i("officials.routing_delay_days");
  j.auto_dispatch = b("platform.auto_dispatch");
  j.mask_stock_per_10k = f("platform.mask_stock_per_10k");
  j.masks_per_request = f("platform.masks_per_request");
  for (const Record& r : p.records("jiaxing.services")) {
    Service s;
    s.name = r.get_string("name");
    const std::string& serves = r.get_string("serves");
    for (int k = 0; k < kNumNeeds; ++k)
      if (serves == kNeedNames[k]) s.need = k;
    const std::string& ch = r.get_string("channel");
    for (size_t c = 0; c < kChannelNames.size(); ++c)
      if (ch == kChannelNames[c]) s.channel = static_cast<Channel>(c);
    s.start = r.get_date("start");
    s.end = r.get_date("end");
    s.needs_entrepreneur = r.get_bool("needs_entrepreneur");
    s.mask_aid = r.get_bool("mask_aid");
    j.services.push_back(std::move(s));
  }
  j.share_home_services = f("firms.share_home_services");
  j.firm_capacity = f("firms.capacity");
  j.closure_threshold = f("firms.closure_threshold");
  j.close_rate = f("firms.close_rate");
  j.resume_rate = f("firms.resume_rate");
  j.list_rate = f("firms.list_rate");
  j.supplies_exempt = b("firms.supplies_exempt");
  j.trust_gain = f("trust.gain");
  j.trust_loss = f("trust.loss");
  j.late_factor = f("trust.late_factor");
  return j;
}

}  // namespace govsim::jiaxing
