#pragma once
// The society layer of the collab model (seed 003's "activate society"; docs/collab_model.md,
// "The society layer"). Switched by collab.society.enabled; off, nothing here runs or is reported.
//
// Residents are split evenly into communities and, inside a community, into ten willingness
// classes (the collab model's willingness, uniform on [0, 1]; class k has w = (k + 0.5) / 10). A
// share of each community are in-service party members (party_member_share x in_service_share),
// also split into the ten classes; the district's party organisations and social organisations
// (densities per resident) are split evenly into the communities and the classes. From the
// residents' platform's launch, every day:
//   1. joining (Bass diffusion weighted by benefit): a resident of willingness w who is not on the
//      platform joins with probability 1 - exp(-(a + b s) w), s the community's registered share
//      (residents and party members) at the start of the day;
//   1b. reporting (decided, the threshold rule `joins` of participation.hpp): an in-service party
//      member or an organisation of willingness w and motive m who has not reported is reached with
//      probability 1 - exp(-(a + b s)) (its branch or committee asks it) and reports to its
//      community online when w > report_cost + 1 - m; the others never report;
//   2. matters: each registered resident raises a common-area matter with probability r w;
//   3. review: every review_days days the community's branch reviews the matters raised since its
//      last review; if there are any, they form one deliberation item and each matter is put to the
//      community's vote; each registered resident who has never taken part does so with probability
//      turnout * w (distinct participants);
//   4. service: each in-service party member serves the community with probability service_rate if
//      reported online, offline_reach * service_rate if not (before the launch nobody has).
// Counts are drawn per (community, class) as binomials from the counter-based generator keyed by
// (seed, run, day, community, draw number), in community order: the same on any thread count.
#include <array>
#include <cstdint>
#include <vector>

#include "models/collab/params.hpp"
#include "sim/model/state_io.hpp"
#include "sim/rng/counter_rng.hpp"

namespace govsim::collab {

inline constexpr int kWillingnessClasses = 10;

// Kinds of organisation that may report to their community online.
enum class OrgKind : int { Party = 0, Social = 1 };
inline constexpr int kOrgKinds = 2;
inline constexpr const char* kOrgKindNames[kOrgKinds] = {"party_organisation", "social_organisation"};

// Reporters of one kind in one willingness class that the threshold rule lets report at reach cost
// `report_cost` (participation.hpp's `joins`, w = (k + 0.5) / 10): all of them or none.
bool class_reports(int k, double motive, double report_cost);

// `total` split evenly into `parts`: part i's share (floor differences, adding up to total).
uint32_t even_part(uint64_t total, uint32_t parts, uint32_t i);

// Probability that a resident of willingness `benefit` joins on a day (rule 1).
double join_probability(double outreach_rate, double contact_rate, double registered_share, double benefit);

// A binomial(n, p) variate from two uniforms in [0, 1): exact inversion for small means, a rounded
// normal approximation (clamped to [0, n]) when both n p and n (1 - p) exceed 30.
uint32_t binomial_from_uniforms(uint32_t n, double p, double u1, double u2);

// District totals since the start of the run.
struct SocietyTotals {
  uint64_t registered = 0;        // residents on the platform (reported party members included)
  uint64_t party_registered = 0;  // in-service party members who reported to their community online
  std::array<uint64_t, kOrgKinds> orgs_reported{};  // organisations that reported online, by kind
  uint64_t matters = 0;           // matters raised
  uint64_t deliberations = 0;     // deliberation items (one per review with matters)
  uint64_t votes = 0;             // matters put to the community's vote
  uint64_t participants = 0;      // distinct residents who took part in a deliberation item
  uint64_t service_platform = 0;  // party members' services by members on the platform
  uint64_t service_offline = 0;   // party members' services by members not on it
  uint64_t service_since_launch = 0;  // all party members' services from the platform's launch
};

class Society {
 public:
  // Splits `residents` into the communities and willingness classes. `can_use`: the share of
  // residents able to use an online platform at all (the digital divide of adoption.hpp when
  // collab.adoption is on, else 1); the others never join, in every class.
  void setup(const SocietyParams& p, uint32_t residents, double can_use = 1.0);
  // One day. `live`: the residents' platform is live; `day_since_launch` counts from 0 on the launch day.
  void step_day(uint32_t tick, bool live, int32_t day_since_launch, const CounterRng& rng);

  const SocietyTotals& totals() const { return totals_; }
  uint64_t service_today() const { return service_today_; }
  uint64_t party_members() const;        // in-service party members (all communities)
  uint64_t organisations(OrgKind j) const;  // organisations of kind j (all communities)

  void save(StateWriter& out) const;
  void load(const StateReader& in);

 private:
  struct Draws;
  SocietyParams p_;
  double can_use_ = 1.0;
  // Per community c and class k (index c * kWillingnessClasses + k): residents, registered, and
  // registered who have taken part in a deliberation item; in-service party members and those who
  // reported online.
  std::vector<uint32_t> residents_, registered_, took_part_;
  std::vector<uint32_t> party_, party_registered_;
  // Per community c, kind j and class k (index (c * kOrgKinds + j) * kWillingnessClasses + k).
  std::vector<uint32_t> orgs_, orgs_reported_;
  std::vector<uint32_t> pending_;  // per community: matters not yet reviewed
  SocietyTotals totals_;
  uint64_t service_today_ = 0;
};

}  // namespace govsim::collab
