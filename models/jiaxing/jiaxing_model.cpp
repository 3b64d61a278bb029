#include "models/jiaxing/jiaxing_model.hpp"

#include <tbb/parallel_for.h>

#include <cmath>
#include <limits>

#include "models/jiaxing/community_step.hpp"
#include "models/jiaxing/conditions.hpp"
#include "models/jiaxing/crisis_channels.hpp"
#include "models/jiaxing/params.hpp"
#include "sim/metrics/resilience.hpp"
#include "models/jiaxing/rules.hpp"
#include "models/jiaxing/service_decisions.hpp"
#include "models/jiaxing/state.hpp"
#include "sim/model/parallel.hpp"

namespace govsim::models {
namespace {

using namespace govsim::jiaxing;

const std::vector<std::string> kAgeGroups = {"18-39", "40-64", "65+"};

class JiaxingModel final : public Model {
 public:
  void setup(World& w) override {
    p_ = load_jiaxing_parameters(w.params());
    const Calendar& cal = w.calendar();
    for (int32_t t = 0; t < cal.num_ticks(); ++t)
      if (cal.phase(t) == Phase::Mid) {
        if (crisis_start_ < 0) crisis_start_ = t;
        emergency_end_ = t;
      }
    setup_residents(w);
    setup_communities(w);
    setup_officials(w);
    setup_firms(w);
    decisions_.reset(p_.services.size());
  }

  // Everything the step reads comes from p_, so re-reading it applies a dated event.
  void configure(const ParamSet& params) override {
    p_ = load_jiaxing_parameters(params);
    count_entrepreneurs();  // the entrepreneurship level may have changed
  }

  void register_metrics(const World& w, MetricRegistry& m) override;

  void step(World& w, const TickContext& ctx) override {
    if (ctx.tick > 0) {  // yesterday's offline gap and demand, city-wide: the same for any thread count
      std::array<double, kNumNeeds> gap{}, brought{};
      for (int k = 0; k < kNumNeeds; ++k) {
        gap[k] = 1000.0 * tally(kGap0 + k) / num_residents_;
        brought[k] = 1000.0 * tally(kBrought0 + k) / num_residents_;
      }
      decisions_.observe(gap, brought);
    }
    DayContext day = day_context(w, ctx);
    day.launched = decisions_.decide(p_, ctx.tick, ctx.date);
    const uint32_t sessions = expert_live(day.launched)
                                  ? allocate_counselling(p_.targeted, num_residents_, session_carry_, communities_)
                                  : 0;
    const Network& social = w.network("social");
    const CounterRng& rng = w.rng();
    const ResidentView rv{age_->data(), literacy_->data(), trust_->data(), registered_->cur().data(),
                          registered_->next().data(), request_day_->data(), last_active_->data(), flags_->data(),
                          news_->data(), crisis_->data(), council_month_->data()};
    const FirmView fv{firm_sector_->data(), firm_status_->data(), firm_listed_->data()};
    tbb::parallel_for(size_t{0}, communities_.size(), [&](size_t c) {
      step_community(p_, day, rng, social, static_cast<uint32_t>(c), communities_[c], rv, fv);
    });
    today_.fill(0);
    trust_sum_ = 0;
    for (const Community& c : communities_) {  // fixed order: exact and thread-independent
      for (int k = 0; k < kNumCounters; ++k) today_[k] += c.tally[k];
      trust_sum_ += c.trust_sum;
    }
    today_[kCounsellingCapacity] = sessions;
    spread_news(w, ctx.tick);
  }

  std::vector<Scalar> summary(const World& w, const std::vector<SeriesData>& daily,
                              const std::vector<SeriesData>& monthly) override;

  // Checkpoints: the communities' queues, carries and counters (plain structs, saved whole) and
  // the day's city totals; everything else is in store columns or re-read by configure().
  void save_state(StateWriter& out) const override {
    out.put_pod("communities", std::span<const Community>(communities_));
    out.put("today", std::span<const uint64_t>(today_));
    out.put_value("trust_sum", trust_sum_);
    out.put_pod("service_states", std::span<const ServiceState>(decisions_.states()));
    out.put("gap_window", std::span<const double>(decisions_.window()));
    out.put_value("gap_days_observed", decisions_.days_observed());
    out.put_value("session_carry", session_carry_);
  }
  void load_state(const StateReader& in) override {
    in.get_pod("communities", std::span<Community>(communities_));
    in.get("today", std::span<uint64_t>(today_));
    trust_sum_ = in.get_value<double>("trust_sum");
    in.get_pod("service_states", std::span<ServiceState>(decisions_.states()));
    in.get("gap_window", std::span<double>(decisions_.window()));
    decisions_.days_observed() = in.get_value<int32_t>("gap_days_observed");
    session_carry_ = in.get_value<double>("session_carry");
    for (const Community& c : communities_)  // ids a step indexes with: never past the stores
      if (c.begin > c.end || c.end > num_residents_ || c.firm_begin > c.firm_end || c.firm_end > num_firms_)
        throw DataError("model/communities: resident or firm ranges out of bounds");
  }

 private:
  void setup_residents(World& w);
  void setup_communities(World& w);
  void setup_officials(World& w);
  void setup_firms(World& w);
  DayContext day_context(const World& w, const TickContext& ctx) const;
  void spread_news(const World& w, int32_t tick);
  void count_entrepreneurs();
  double tally(uint64_t k) const { return double(today_[k]); }  // today's city total of counter k
  bool expert_live(uint32_t launched) const {
    for (size_t s = 0; s < p_.services.size(); ++s)
      if (((launched >> s) & 1u) && p_.services[s].channel == Channel::Expert) return true;
    return false;
  }

  JiaxingParams p_;
  ServiceDecisions decisions_;
  int32_t crisis_start_ = -1, emergency_end_ = -1;
  std::vector<Community> communities_;
  Tally today_{};
  double trust_sum_ = 0;
  double session_carry_ = 0;  // fraction of a counselling session carried to the next day
  uint32_t num_residents_ = 0, num_firms_ = 0;

  Column<uint8_t>* age_ = nullptr;
  Column<float>* literacy_ = nullptr;
  Column<float>* trust_ = nullptr;
  Column<uint8_t>* registered_ = nullptr;
  Column<int32_t>* request_day_ = nullptr;
  Column<int16_t>* last_active_ = nullptr;
  Column<uint8_t>* flags_ = nullptr;
  Column<uint8_t>* news_ = nullptr;  // outcome of each resident's request, read by neighbours next day
  Column<uint32_t>* official_community_ = nullptr;
  Column<uint8_t>* official_entrepreneur_ = nullptr;
  std::vector<float> entrepreneur_draw_;  // per official, fixed at set-up: entrepreneur if below the level's share
  Column<uint8_t>* crisis_ = nullptr;         // targeted crisis services: eligibility, awareness
  Column<int16_t>* council_month_ = nullptr;  // month of the last council vote or comment
  Column<uint8_t>* firm_sector_ = nullptr;
  Column<uint8_t>* firm_status_ = nullptr;
  Column<uint8_t>* firm_listed_ = nullptr;
};

void JiaxingModel::setup_residents(World& w) {
  AgentStore& r = w.store("residents");
  num_residents_ = r.size();
  age_ = &r.add_column<uint8_t>("age_group", 0);
  literacy_ = &r.add_column<float>("digital_literacy", 0.0f);
  trust_ = &r.add_column<float>("trust", 0.0f);
  registered_ = &r.add_column<uint8_t>("registered", 0, /*double_buffered=*/true);
  request_day_ = &r.add_column<int32_t>("request_day", -1);
  last_active_ = &r.add_column<int16_t>("last_active_month", -1);
  flags_ = &r.add_column<uint8_t>("flags", 0);
  news_ = &r.add_column<uint8_t>("request_news", 0);
  crisis_ = &r.add_column<uint8_t>("crisis_flags", 0);
  council_month_ = &r.add_column<int16_t>("council_month", -1);
  const CounterRng& rng = w.rng();
  const std::vector<uint32_t>& household = w.layout().household;
  parallel_for_agents(r.size(), [&](uint32_t i) {
    (*crisis_)[i] = household_eligibility(p_.targeted, rng, household[i]);
  });
  parallel_for_agents(r.size(), [&](uint32_t i) {
    const auto d = rng.draw4(kNetworkSetupTick, i, kSetupResident);
    const double ua = CounterRng::to_unit(d[0], d[1]);
    const uint8_t g = ua < p_.share_young ? 0 : (ua < 1.0 - p_.share_elderly ? 1 : 2);
    (*age_)[i] = g;
    // Literacy: group mean times a uniform factor on [0.5, 1.5], capped at 1.
    (*literacy_)[i] = static_cast<float>(std::min(1.0, p_.literacy[g] * (0.5 + CounterRng::to_unit_float(d[2]))));
    (*trust_)[i] = static_cast<float>(std::min(1.0, p_.trust_mean * (0.5 + CounterRng::to_unit_float(d[3]))));
    if (!rules::can_register(p_, g, rng.uniform(kNetworkSetupTick, i, kSetupOnline))) (*flags_)[i] |= kOffline;
  });
}

void JiaxingModel::setup_communities(World& w) {
  const CommunityLayout& lay = w.layout();
  communities_.assign(lay.num_communities, Community{});
  // Residents are numbered community by community (see community_graph.hpp).
  for (uint32_t i = 0; i < lay.community.size(); ++i) {
    Community& c = communities_[lay.community[i]];
    if (c.end == 0) c.begin = i;
    c.end = i + 1;
  }
}

void JiaxingModel::setup_officials(World& w) {
  AgentStore& o = w.store("officials");
  official_community_ = &o.add_column<uint32_t>("community", 0);
  auto& capacity = o.add_column<float>("capacity", 0.0f);
  official_entrepreneur_ = &o.add_column<uint8_t>("public_entrepreneur", 0);
  const uint64_t n = o.size(), nc = communities_.size();
  const CounterRng& rng = w.rng();
  entrepreneur_draw_.assign(n, 1.0f);
  for (uint32_t j = 0; j < n; ++j) {
    const auto d = rng.draw4(kNetworkSetupTick, j, kSetupOfficial);
    const auto c = static_cast<uint32_t>(uint64_t(j) * nc / n);  // contiguous teams, >= 1 each
    (*official_community_)[j] = c;
    capacity[j] = static_cast<float>(p_.capacity_mean * (0.5 + CounterRng::to_unit(d[0], d[1])));
    entrepreneur_draw_[j] = CounterRng::to_unit_float(d[2]);
    communities_[c].capacity += capacity[j];
  }
  count_entrepreneurs();
}

// Public entrepreneurs in each team at today's level (conditions::is_entrepreneur): the officials
// whose set-up draw is below level x entrepreneur_share, so a lower level keeps a subset of them.
void JiaxingModel::count_entrepreneurs() {
  if (!official_entrepreneur_) return;  // before set-up
  for (Community& c : communities_) c.entrepreneurs = 0;
  for (size_t j = 0; j < entrepreneur_draw_.size(); ++j) {
    const bool e = conditions::is_entrepreneur(p_, entrepreneur_draw_[j]);
    (*official_entrepreneur_)[j] = e;
    communities_[(*official_community_)[j]].entrepreneurs += e;
  }
}

void JiaxingModel::setup_firms(World& w) {
  AgentStore& f = w.store("firms");
  num_firms_ = f.size();
  firm_sector_ = &f.add_column<uint8_t>("sector", 0);
  firm_status_ = &f.add_column<uint8_t>("status", kOpen);
  firm_listed_ = &f.add_column<uint8_t>("listed", 0);
  auto& community = f.add_column<uint32_t>("community", 0);
  const uint64_t n = f.size(), nc = communities_.size();
  const CounterRng& rng = w.rng();
  for (auto& c : communities_) c.firm_begin = c.firm_end = 0;
  for (uint32_t j = 0; j < n; ++j) {
    const uint32_t c = static_cast<uint32_t>(uint64_t(j) * nc / n);
    community[j] = c;
    (*firm_sector_)[j] = rng.uniform(kNetworkSetupTick, j, kSetupFirm) < p_.share_home_services ? 0 : 1;
    if (communities_[c].firm_end == 0) communities_[c].firm_begin = j;
    communities_[c].firm_end = j + 1;
  }
}

// Word of mouth, after the day's answers: every resident whose request was answered or dropped
// today is news for their social neighbours; a neighbour who talks with neighbours today (one draw
// per hearer and day, probability trust.hear_rate) moves their trust by contagion x the change the
// requester felt. News is rare (a request resolved), so one serial pass over the news column in id
// order is cheap and exactly ordered; hearers in any community are updated without races.
void JiaxingModel::spread_news(const World& w, int32_t tick) {
  uint8_t* news = news_->data();
  float* trust = trust_->data();
  const bool on = p_.contagion > 0 && p_.hear_rate > 0;
  const Network& social = w.network("social");
  const CounterRng& rng = w.rng();
  uint64_t heard = 0;
  for (uint32_t i = 0; i < num_residents_; ++i) {
    if (news[i] == rules::kNoNews) continue;
    if (on)
      for (uint32_t j : social.neighbours(i)) {
        if (rng.uniform(static_cast<uint32_t>(tick), j, kHearing) >= p_.hear_rate) continue;
        trust[j] = rules::trust_after_news(p_, trust[j], news[i]);
        ++heard;
      }
    news[i] = rules::kNoNews;
  }
  today_[kNewsHeard] = heard;
}

DayContext JiaxingModel::day_context(const World& w, const TickContext& ctx) const {
  DayContext d;
  d.tick = static_cast<uint32_t>(ctx.tick);
  d.month = ctx.month;
  d.new_month = ctx.tick == w.calendar().month_first_tick(ctx.month);
  d.day_of_month = static_cast<int32_t>(ctx.date.day());
  d.days_in_month = static_cast<int32_t>(days_in_month(ctx.date.year(), ctx.date.month()));
  d.intensity = ctx.intensity;
  d.after_emergency = emergency_end_ >= 0 && ctx.tick > emergency_end_;
  d.preference = rules::online_preference(p_, d.after_emergency, double(ctx.tick - emergency_end_ - 1));
  d.push = rules::registration_push(p_, d.after_emergency, ctx.intensity);
  double cum = 0;
  for (int k = 0; k < kNumNeeds; ++k) {
    d.rate[k] = rules::need_rate(p_, k, d.after_emergency, ctx.intensity);
    cum += d.rate[k];
    d.cum_rate[k] = cum;
    d.open[k] = rules::offline_open(p_, k, ctx.intensity);
  }
  d.total_rate = cum;
  d.firms_closing = ctx.intensity >= p_.closure_threshold && p_.closure_threshold > 0;
  return d;
}

void JiaxingModel::register_metrics(const World& w, MetricRegistry& m) {
  using A = Aggregation;
  auto total = [&](std::string name, SeriesKind kind, std::string unit, std::string doc, A agg, Counter k) {
    m.add_daily({std::move(name), kind, std::move(unit), std::move(doc), agg, "", {}},
                [this, k](const TickContext&, std::span<double> out) { out[0] = tally(k); });
  };
  auto ratio = [&](std::string name, SeriesKind kind, std::string doc, Counter num, Counter den) {
    m.add_daily({std::move(name), kind, "fraction", std::move(doc), A::Mean, "", {}},
                [this, num, den](const TickContext&, std::span<double> out) {
                  out[0] = tally(den) > 0 ? tally(num) / tally(den) : std::numeric_limits<double>::quiet_NaN();
                });
  };
  // Participation.
  total("n_registered", SeriesKind::Stock, "persons", "Residents registered on the platform at the end of the day.", A::Last, kRegistered);
  total("new_registrations", SeriesKind::New, "persons/day", "Residents who registered (real name) on the day.", A::Sum, kNewRegistrations);
  m.add_daily({"n_active", SeriesKind::Stock, "persons", "Registered residents active on the day (used a service or co-produced).",
               A::Mean, "age_group", kAgeGroups},
              [this](const TickContext&, std::span<double> out) {
                for (int g = 0; g < 3; ++g) out[g] = tally(kActiveAge0 + g);
              });
  m.add_daily({"n_registered_by_age", SeriesKind::Stock, "persons", "Registered residents at the end of the day, by age group.",
               A::Last, "age_group", kAgeGroups},
              [this](const TickContext&, std::span<double> out) {
                for (int g = 0; g < 3; ++g) out[g] = tally(kRegAge0 + g);
              });
  ratio("rate_active_daily", SeriesKind::Rate, "Daily active users divided by registered users.", kActive, kRegistered);
  // Needs and their provision.
  total("new_needs", SeriesKind::New, "needs/day", "Needs that arose (all residents, all kinds).", A::Sum, kNeeds);
  total("needs_met_online", SeriesKind::New, "needs/day", "Needs met at once through the platform (self-service, firms, "
        "volunteers, neighbours).", A::Sum, kMetOnline);
  total("needs_queued", SeriesKind::New, "needs/day", "Needs sent to officials as requests (resolved when answered or dropped).",
        A::Sum, kQueued);
  total("needs_met_offline", SeriesKind::New, "needs/day", "Needs met offline.", A::Sum, kMetOffline);
  total("needs_unmet", SeriesKind::New, "needs/day", "Needs met neither online nor offline.", A::Sum, kUnmet);
  m.add_daily({"share_needs_met", SeriesKind::Share, "fraction",
               "Service provision: of the needs resolved on the day (met at once online or offline, "
               "unmet, requests answered or dropped), the share that were met.",
               A::Mean, "", {}},
              [this](const TickContext&, std::span<double> out) {
                const double met = tally(kMetOnline) + tally(kMetOffline) + tally(kAnswered);
                const double resolved = met + tally(kUnmet) + tally(kExpired);
                out[0] = resolved > 0 ? met / resolved : 1.0;
              });
  {
    std::vector<std::string> needs(kNeedNames.begin(), kNeedNames.end());
    m.add_daily({"online_uses", SeriesKind::New, "uses/day", "Needs met through the platform, by kind of need.", A::Sum, "need", needs},
                [this](const TickContext&, std::span<double> out) {
                  for (int k = 0; k < kNumNeeds; ++k) out[k] = tally(kUses0 + k);
                });
  }
  // Requests and answers.
  total("new_requests", SeriesKind::New, "requests/day", "Requests sent to officials.", A::Sum, kNewRequests);
  total("new_ignored_requests", SeriesKind::New, "requests/day", "Requests no official took up (accountability off).", A::Sum,
        kIgnoredRequests);
  total("new_answers", SeriesKind::New, "requests/day", "Requests answered by officials.", A::Sum, kAnswered);
  total("new_dropped_requests", SeriesKind::New, "requests/day", "Requests dropped after officials.patience_days.", A::Sum, kExpired);
  total("n_pending_requests", SeriesKind::Stock, "requests", "Requests waiting at the end of the day.", A::Last, kPending);
  m.add_daily({"mean_response_days", SeriesKind::Mean, "days", "Mean days from request to answer of the day's answers.", A::Mean, "", {}},
              [this](const TickContext&, std::span<double> out) {
                out[0] = tally(kAnswered) > 0 ? tally(kResponseDays) / tally(kAnswered) : std::numeric_limits<double>::quiet_NaN();
              });
  ratio("share_answered_in_limit", SeriesKind::Share, "Share of the day's answers within officials.response_limit_days.",
        kAnsweredInLimit, kAnswered);
  ratio("team_utilisation", SeriesKind::Rate, "Answers divided by the teams' capacity for the day.", kAnswered, kCapacity);
  // Crisis services.
  total("new_consultations", SeriesKind::New, "requests/day", "Information requests answered by officials (online consultations).",
        A::Sum, kConsultations);
  total("new_mask_requesters", SeriesKind::New, "persons/day", "Residents asking for masks for the first time.", A::Sum, kNewMaskRequesters);
  total("new_mask_recipients", SeriesKind::New, "persons/day", "Residents obtaining masks for the first time.", A::Sum, kNewMaskRecipients);
  total("masks_handed_out", SeriesKind::New, "masks/day", "Masks handed out by the mask-aid service.", A::Sum, kMasksHandedOut);
  total("masks_delivered", SeriesKind::New, "masks/day", "Masks delivered to the mask-aid stock (platform.mask_stock_per_10k).",
        A::Sum, kMasksDelivered);
  total("mask_stock", SeriesKind::Stock, "masks", "Masks held by mask aid at the end of the day (delivered - handed out).",
        A::Last, kMaskStock);
  total("new_mutual_aid_exchanges", SeriesKind::New, "exchanges/day", "Supplies (groceries or masks) exchanged between neighbours.",
        A::Sum, kMutualAid);
  m.add_daily({"masks_exchanged", SeriesKind::New, "masks/day",
               "Masks exchanged through the platform: mutual-aid exchanges with households without masks "
               "(x coproduction.masks_per_exchange) plus masks handed out by mask aid (seed 000's definition).",
               A::Sum, "", {}},
              [this](const TickContext&, std::span<double> out) {
                out[0] = tally(kMaskExchanges) * p_.masks_per_exchange + tally(kMasksHandedOut);
              });
  total("new_aware_of_niche_services", SeriesKind::New, "persons/day",
        "Eligible users who heard of a targeted crisis service (mask aid, masks from neighbours, counselling).", A::Sum, kNewAware);
  total("counselling_sessions", SeriesKind::New, "sessions/day", "Online counselling sessions.", A::Sum, kCounselling);
  total("counselling_capacity", SeriesKind::New, "sessions/day", "Sessions the volunteer experts could give city-wide "
        "(targeted.experts_per_100k x sessions_per_expert, whole sessions).", A::Sum, kCounsellingCapacity);
  total("counselling_waiting", SeriesKind::Stock, "persons", "Residents with a counselling session booked and not yet given.",
        A::Last, kCounsellingWaiting);
  total("new_counselled", SeriesKind::New, "persons/day", "Residents counselled for the first time.", A::Sum, kNewCounselled);
  // Co-production.
  total("n_volunteers", SeriesKind::Stock, "persons", "Registered volunteers.", A::Last, kVolunteers);
  total("new_volunteers", SeriesKind::New, "persons/day", "Residents signing up as volunteers.", A::Sum, kNewVolunteers);
  total("volunteer_acts", SeriesKind::New, "acts/day", "Volunteer services given.", A::Sum, kVolunteerActs);
  total("care_by_volunteers", SeriesKind::New, "needs/day", "Care needs met by volunteers (time bank).", A::Sum, kCareByVolunteers);
  total("deliberation_acts", SeriesKind::New, "acts/day", "Votes and comments on residents' councils' monthly agendas.", A::Sum,
        kDeliberation);
  total("council_meetings", SeriesKind::New, "meetings/day", "Councils deliberating with residents' representatives (one a month "
        "per live council and community).", A::Sum, kCouncilRounds);
  // Firms.
  total("bookings_served", SeriesKind::New, "bookings/day", "Services booked from firms through the platform.", A::Sum, kBookings);
  total("n_firms_open", SeriesKind::Stock, "firms", "Firms open and never closed.", A::Mean, kFirmsOpen);
  total("n_firms_closed", SeriesKind::Stock, "firms", "Firms closed.", A::Mean, kFirmsClosed);
  total("n_firms_resumed", SeriesKind::Stock, "firms", "Firms that resumed after closure.", A::Mean, kFirmsResumed);
  total("n_firms_listed", SeriesKind::Stock, "firms", "Firms listed on the platform.", A::Mean, kFirmsListed);
  // Trust, word of mouth and dormancy.
  total("news_heard", SeriesKind::New, "items/day", "Neighbours' request outcomes residents heard of (word of mouth).", A::Sum,
        kNewsHeard);
  total("n_dormant", SeriesKind::Stock, "persons", "Registered users who are dormant (not using the platform).", A::Last,
        kDormantUsers);
  total("new_dormant", SeriesKind::New, "persons/day", "Registered users who went dormant on the day.", A::Sum, kNewDormant);
  total("new_returned", SeriesKind::New, "persons/day", "Dormant users who came back on the day.", A::Sum, kReturned);
  // Trust and platform.
  m.add_daily({"mean_trust", SeriesKind::Mean, "fraction", "Mean trust of residents in the platform's public services.", A::Mean, "", {}},
              [this](const TickContext&, std::span<double> out) { out[0] = trust_sum_ / num_residents_; });
  m.add_daily({"services_live", SeriesKind::Mean, "services", "Mean number of services live per community.", A::Mean, "", {}},
              [this](const TickContext&, std::span<double> out) {
                out[0] = tally(kServicesLive) / double(communities_.size());
              });
  {
    std::vector<std::string> names;
    for (const Service& sv : p_.services) names.push_back(sv.name);
    m.add_daily({"city_offers_service", SeriesKind::Stock, "flag",
                 "1 when the city offers the service that day (launched by entrepreneurs' decisions and not "
                 "retired; communities roll out entrepreneur services on their own).",
                 A::Mean, "service", names},
                [this](const TickContext&, std::span<double> out) {
                  for (size_t s = 0; s < out.size(); ++s)
                    out[s] = decisions_.states()[s].phase == ServiceState::Live ? 1.0 : 0.0;
                });
    std::vector<std::string> needs(kNeedNames.begin(), kNeedNames.end());
    m.add_daily({"offline_gap", SeriesKind::Rate, "needs/1000 residents/day",
                 "Needs that arose where offline provision was closed, per 1,000 residents (what public "
                 "entrepreneurs watch to launch and retire crisis services).",
                 A::Mean, "need", needs},
                [this](const TickContext&, std::span<double> out) {
                  for (int k = 0; k < kNumNeeds; ++k) out[k] = 1000.0 * tally(kGap0 + k) / num_residents_;
                });
  }

  // Monthly active rate: distinct residents active at least once in the calendar month divided by
  // residents registered at the month's end.
  m.add_monthly({"rate_active_monthly", SeriesKind::Rate, "fraction",
                 "Distinct residents active in the month divided by registered residents at its end.", A::Last, "", {}},
                [this](const TickContext&, std::span<double> out) {
                  const double act = tally(kMonthActive0) + tally(kMonthActive1) + tally(kMonthActive2);
                  out[0] = tally(kRegistered) > 0 ? act / tally(kRegistered) : std::numeric_limits<double>::quiet_NaN();
                });
  m.add_monthly({"rate_active_monthly_by_age", SeriesKind::Rate, "fraction", "Monthly active rate within each age group.", A::Last,
                 "age_group", kAgeGroups},
                [this](const TickContext&, std::span<double> out) {
                  for (int g = 0; g < 3; ++g)
                    out[g] = tally(kRegAge0 + g) > 0 ? tally(kMonthActive0 + g) / tally(kRegAge0 + g)
                                                 : std::numeric_limits<double>::quiet_NaN();
                });
  m.add_monthly({"n_active_monthly", SeriesKind::Stock, "persons", "Distinct residents active in the month.", A::Last, "", {}},
                [this](const TickContext&, std::span<double> out) {
                  out[0] = tally(kMonthActive0) + tally(kMonthActive1) + tally(kMonthActive2);
                });
}

const SeriesData* find_series(const std::vector<SeriesData>& v, const std::string& name) {
  for (const SeriesData& s : v)
    if (s.spec.name == name) return &s;
  return nullptr;
}

std::vector<double> column(const SeriesData& s) {
  std::vector<double> x(s.rows);
  for (int32_t i = 0; i < s.rows; ++i) x[i] = s.at(i);
  return x;
}

std::vector<Model::Scalar> JiaxingModel::summary(const World& w, const std::vector<SeriesData>& daily,
                                                 const std::vector<SeriesData>& monthly) {
  std::vector<Scalar> out;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const Calendar& cal = w.calendar();
  const int32_t n = cal.num_ticks();
  // Sum of a daily series over ticks [a, b) (clipped to the run), and its value on one tick.
  auto range_sum = [&](const char* name, int32_t a, int32_t b) {
    const SeriesData* s = find_series(daily, name);
    double t = 0;
    for (int32_t i = std::max(0, a); s && i < std::min(b, s->rows); ++i) t += s->at(i);
    return t;
  };
  auto value_at = [&](const char* name, int32_t tick) {
    const SeriesData* s = find_series(daily, name);
    return s && tick >= 0 && tick < s->rows ? s->at(tick) : nan;
  };
  out.push_back({"registered_end", "persons", "Registered residents on the last day.", value_at("n_registered", n - 1)});
  out.push_back({"volunteers_end", "persons", "Registered volunteers on the last day.", value_at("n_volunteers", n - 1)});
  out.push_back({"mask_requesters", "persons", "Residents who asked for masks.", range_sum("new_mask_requesters", 0, n)});
  out.push_back({"mask_recipients", "persons", "Residents who obtained masks.", range_sum("new_mask_recipients", 0, n)});
  out.push_back({"masks_exchanged", "masks", "Masks exchanged through mutual aid and mask aid together (seed 000's definition).",
                 range_sum("masks_exchanged", 0, n)});
  out.push_back({"masks_handed_out", "masks", "Masks handed out by mask aid.", range_sum("masks_handed_out", 0, n)});
  out.push_back({"counselled", "persons", "Residents counselled online.", range_sum("new_counselled", 0, n)});
  out.push_back({"firm_closed_days_mean", "days", "Mean days a firm spent closed.",
                 num_firms_ ? range_sum("n_firms_closed", 0, n) / num_firms_ : nan});

  if (crisis_start_ < 0) return out;
  out.push_back({"consultations_per_day_emergency", "requests/day", "Mean daily online consultations during the emergency.",
                 range_sum("new_consultations", crisis_start_, emergency_end_ + 1) / (emergency_end_ + 1 - crisis_start_)});
  out.push_back({"volunteers_emergency_end", "persons", "Registered volunteers on the last emergency day.",
                 value_at("n_volunteers", emergency_end_)});
  {  // counselled by the end of the first month after the emergency (the seed's "by end of March")
    const int32_t m_end = cal.month_of(std::min(n - 1, emergency_end_ + 1));
    const int32_t stop = m_end + 1 < cal.num_months() ? cal.month_first_tick(m_end + 1) : n;
    out.push_back({"counselled_by_month_after_emergency", "persons",
                   "Residents counselled from the start to the end of the month after the emergency ends.",
                   range_sum("new_counselled", 0, stop)});
  }

  // Recovery of service provision (share of needs met): the crisis loss and its recovery.
  if (const SeriesData* s = find_series(daily, "share_needs_met")) {
    const Resilience r = resilience_of(column(*s), crisis_start_, 30, emergency_end_ + 1, n);
    out.push_back({"needs_met_pre", "fraction", "Share of needs met over the 30 days before the crisis.", r.pre_level});
    out.push_back({"needs_met_loss_area", "days", "Sum over crisis days of the shortfall of needs met, relative to the pre level.", r.loss_area});
    out.push_back({"needs_met_recovery_days", "days", "Days from the crisis start until the 7-day mean of needs met is back within 1 % of the pre level.", r.recovery_days});
    out.push_back({"needs_met_bounce_forward", "ratio", "Mean share of needs met after the emergency over the pre level.", r.bounce_forward});
  }
  // Platform activity: bounce-forward of the monthly active rate.
  if (const SeriesData* s = find_series(monthly, "rate_active_monthly")) {
    const int32_t cm = cal.month_of(crisis_start_);
    const int32_t em = cal.month_of(emergency_end_);
    const Resilience r = resilience_of(column(*s), cm, 2, em + 2, s->rows, 1);
    out.push_back({"activity_pre", "fraction", "Mean monthly active rate over the two months before the crisis month.", r.pre_level});
    out.push_back({"activity_post", "fraction", "Mean monthly active rate from the second month after the emergency to the end.",
                   r.pre_level * r.bounce_forward});
    out.push_back({"activity_bounce_forward", "ratio", "activity_post / activity_pre (> 1: transformative resilience).", r.bounce_forward});
    out.push_back({"activity_recovery_months", "months", "Months from the crisis month until the monthly active rate is back at the pre level.", r.recovery_days});
  }
  return out;
}

}  // namespace

ModelInfo jiaxing_model_info() {
  return {"jiaxing",
          "Jiaxing Weijiayuan platform through the COVID-19 emergency (seed 000): residents, officials, firms, "
          "platform catalogue and the four conditions of transformative resilience.",
          declare_jiaxing_parameters, check_jiaxing_parameters, [] { return std::make_unique<JiaxingModel>(); },
          WorldSpec{{{"residents", 10000, 5e7, "persons", "Adult residents of the city (platform users or not).",
                      "assumption: a small default for quick runs; the Jiaxing scenarios use the city's 4.5 million adults"},
                     {"officials", 50, 5e6, "persons",
                      "Officials: grid workers, civil servants and department staff who answer requests.", "assumption: a small default for quick runs; each scenario sets its own count"},
                     {"firms", 100, 1e7, "firms", "Small service firms that can list on the platform.", "assumption: a small default for quick runs; each scenario sets its own count"}},
                    {{"social", NetworkBuilder::Community}}, false, {}},
          {},
          "[[jiaxing.services]]\nname = \"notices\"\nserves = \"information\"\nchannel = \"self_service\"\n"
          "launch = \"at_start\"\nsource = \"assumption: the smallest catalogue\"\n"};
}

}  // namespace govsim::models
