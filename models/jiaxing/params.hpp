#pragma once
// The Jiaxing model's parameters: declared once (declare_jiaxing_parameters), read once per run
// into plain structs (load_jiaxing_parameters) so the hot loops never look up strings.
#include <array>
#include <string>
#include <vector>

#include "models/jiaxing/needs.hpp"
#include "sim/calendar/date.hpp"
#include "sim/params/param_registry.hpp"
#include "sim/params/param_set.hpp"
#include "sim/params/param_table.hpp"

namespace govsim::jiaxing {

// How a live service meets a need (see docs/jiaxing_model.md, "The platform").
// `expert`: sessions with volunteer experts, capped and targeted (crisis_channels.hpp).
enum class Channel : uint8_t { SelfService, Official, FirmBooking, Volunteer, MutualAid, Council, VolunteerSignup, Expert };
inline constexpr std::array<const char*, 8> kChannelNames = {
    "self_service", "official", "firm_booking", "volunteer", "mutual_aid", "council", "volunteer_signup", "expert"};

// What starts a service (service_decisions.hpp): nothing in the Jiaxing scenarios is dated.
enum class Launch : uint8_t { Dated, AtStart, UnmetNeed, Conversion, AfterCrisis };
inline constexpr std::array<const char*, 5> kLaunchNames = {"dated", "at_start", "unmet_need", "conversion",
                                                            "after_crisis"};

struct Service {
  std::string name;
  int need = -1;  // index into kNeedNames, or -1 for services that serve no need
  Channel channel = Channel::SelfService;
  Launch launch = Launch::Dated;
  int responds_to = -1;    // unmet_need: the need whose offline gap launches and retires it;
                           // after_crisis: the need whose demand on the platform tells entrepreneurs to build it
  int converts_from = -1;  // conversion: index of the crisis service it converts
  Date start, end;         // dated services only
  bool needs_entrepreneur = false;  // launched and rolled out only by public entrepreneurs
  bool mask_aid = false;            // an official channel handing out masks to households without masks
};
inline constexpr size_t kMaxServices = 32;  // services are a bitmask per community

// The four conditions of seed 000 as levels 0...1 (conditions.hpp: what each level acts on).
struct Conditions {
  double entrepreneurs = 1;
  double critical_mass = 1;
  double incentives = 1;
  double accountability = 1;
};

// What points and the time bank are worth to those who take part (conditions.hpp, incentives).
struct IncentiveParams {
  double points_value = 0;     // residents' deliberation: points relative to the civic motive
  double time_bank_value = 0;  // volunteers' everyday service: time-bank credit relative to altruism
  double listing_subsidy = 0;  // firms: the incentive for listing, in units of a fully used capacity
};

// Officials' time: platform requests get what their other duties leave (conditions.hpp).
struct OfficialsTime {
  double duty_share = 0;   // share of time other duties take in normal times
  double crisis_duty = 0;  // extra share at crisis intensity 1 (checkpoints, door-to-door screening)
};

// How public entrepreneurs decide the catalogue (service_decisions.hpp).
struct ServiceDecisionParams {
  double launch_gap = 0;    // offline gap (needs per 1,000 residents per day, 7-day mean) that launches
  int build_days = 0;       // days from the decision to launch until the service is live
  double retire_share = 0;  // retire when the gap is below this share of its peak while live...
  int retire_days = 0;      // ...for this many days in a row
  int convert_days = 0;     // days from a crisis service's retirement until its conversion is live
  double develop_evidence = 0;  // needs per 1,000 residents of the kind an after_crisis service serves, brought to
                                // the platform after the crisis, that entrepreneurs need to see before it is live
};

// Targeted crisis services (crisis_channels.hpp): who may need them, how they hear of them, and
// the capped channels that serve them.
struct TargetedParams {
  double share_without_masks = 0;  // households without masks when the crisis starts
  double share_quarantined = 0;    // households under home quarantine (counselling eligibility)
  double awareness_rate = 0;       // daily hazard that an eligible user hears of a live niche service
  double mask_seek_rate = 0;       // daily probability an aware user without masks seeks them
  double counselling_seek_rate = 0;  // daily probability an aware quarantined user seeks a session
  double experts_per_100k = 0;     // volunteer experts per 100,000 adults
  double sessions_per_expert = 0;  // counselling sessions an expert gives per day
};

// Residents' councils (deliberation.hpp): one round a month per council.
struct CouncilParams {
  int round_days = 0;  // days the month's agenda is open for votes and comments, ending on the meeting day
};

struct JiaxingParams {
  Conditions conditions;
  // residents
  double share_young = 0, share_elderly = 0;
  std::array<double, 3> literacy{};  // by age group
  std::array<double, 3> online_share{1, 1, 1};  // by age group: share who use the mobile internet (can ever register)
  double trust_mean = 0;
  // registration
  double push_pre = 0, push_crisis = 0, push_post = 0, network_weight = 0;
  // needs
  double everyday_rate = 0, crisis_rate = 0, post_shift = 0, offline_rebound = 0, rebound_days = 1;
  std::array<NeedDefaults, kNumNeeds> need{};
  // co-production
  double volunteer_signup = 0, volunteer_attrition = 0, incentive_appeal = 0, volunteer_activity = 0;
  IncentiveParams incentives;
  double mutual_aid_offer = 0, masks_per_exchange = 0, council_participation = 0;
  double critical_mass_share = 0, critical_mass_steepness = 0, care_per_volunteer_act = 0;
  // officials
  double capacity_mean = 0, entrepreneur_share = 0, adoption_rate = 0, entrepreneur_pull = 0;
  double effort_accountable = 0, effort_unaccountable = 0, overdue_boost = 0, responsiveness_unaccountable = 0;
  int response_limit_days = 0, patience_days = 0, routing_delay_days = 0;
  OfficialsTime officials_time;
  // platform
  bool auto_dispatch = true;
  double mask_stock_per_10k = 0, masks_per_request = 0;
  std::vector<Service> services;
  ServiceDecisionParams decisions;
  // firms
  double share_home_services = 0, firm_capacity = 0, closure_threshold = 0, close_rate = 0;
  double resume_rate = 0, list_rate = 0;
  bool supplies_exempt = true;
  // trust
  double trust_gain = 0, trust_loss = 0, late_factor = 0;
  double contagion = 0, hear_rate = 0;     // neighbours' answered and dropped requests (word of mouth)
  TargetedParams targeted;
  CouncilParams councils;
  double lapse_rate = 0, return_rate = 0;  // registered users going dormant and coming back
  double registration_trust = 0;           // weight of relative trust in the registration hazard
};

// The conditions' levels and the parameters of the behaviours they act on (conditions_params.cpp).
void add_condition_parameters(ParamTable<JiaxingParams>& table);

void declare_jiaxing_parameters(ParamRegistry& reg);
void check_jiaxing_parameters(const ParamSet& p);  // throws InputError with file:line:col
JiaxingParams load_jiaxing_parameters(const ParamSet& p);

}  // namespace govsim::jiaxing
