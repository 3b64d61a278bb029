#include "models/collab/society.hpp"

#include <algorithm>
#include <cmath>

#include "models/collab/participation.hpp"
#include "sim/core/errors.hpp"

namespace govsim::collab {
namespace {

// Draws of the society layer: agent ids above any unit's or resident's, so its streams never
// meet the units' (unit_sim keys draws by the unit index) or the set-up draws (resident index).
constexpr uint32_t kSocietyAgent = 0x40000000u;

double willingness_of_class(int k) { return (k + 0.5) / kWillingnessClasses; }

}  // namespace

// The counter-based draws of one community on one day, in a fixed order.
struct Society::Draws {
  const CounterRng& rng;
  uint32_t tick, agent, next = 0;
  uint32_t binomial(uint32_t n, double p) {
    if (n == 0 || p <= 0) return 0;
    const auto u = rng.uniform2(tick, agent, next++);
    return binomial_from_uniforms(n, p, u[0], u[1]);
  }
};

bool class_reports(int k, double motive, double report_cost) {
  return joins(static_cast<float>(willingness_of_class(k)), motive, report_cost);
}

uint32_t even_part(uint64_t total, uint32_t parts, uint32_t i) {
  return static_cast<uint32_t>((i + 1) * total / parts - i * total / parts);
}

double join_probability(double outreach_rate, double contact_rate, double registered_share, double benefit) {
  const double hazard = (outreach_rate + contact_rate * registered_share) * benefit;
  return hazard > 0 ? -std::expm1(-hazard) : 0.0;
}

uint32_t binomial_from_uniforms(uint32_t n, double p, double u1, double u2) {
  if (n == 0 || !(p > 0)) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial_from_uniforms(n, 1 - p, u1, u2);
  const double mean = n * p;
  if (mean > 30 && n * (1 - p) > 30) {  // normal approximation
    const double r = std::sqrt(-2.0 * std::log1p(-u1));
    const double z = r * std::cos(6.283185307179586 * u2);
    const double x = std::round(mean + std::sqrt(mean * (1 - p)) * z);
    return static_cast<uint32_t>(std::clamp(x, 0.0, double(n)));
  }
  // Inversion of the CDF: pmf(0) = (1 - p)^n, pmf(k + 1) = pmf(k) (n - k) / (k + 1) p / (1 - p).
  const double odds = p / (1 - p);
  double pmf = std::exp(n * std::log1p(-p)), cdf = pmf;
  uint32_t k = 0;
  while (u1 > cdf && k < n) {
    pmf *= double(n - k) / (k + 1) * odds;
    ++k;
    cdf += pmf;
    if (pmf < 1e-300 && cdf < u1) break;  // rounding: the tail is exhausted
  }
  return k;
}

void Society::setup(const SocietyParams& p, uint32_t residents, double can_use) {
  p_ = p;
  can_use_ = can_use;
  const uint32_t C = static_cast<uint32_t>(p.communities);
  constexpr int K = kWillingnessClasses;
  residents_.assign(size_t(C) * K, 0);
  registered_.assign(residents_.size(), 0);
  took_part_.assign(residents_.size(), 0);
  party_.assign(residents_.size(), 0);
  party_registered_.assign(residents_.size(), 0);
  orgs_.assign(size_t(C) * kOrgKinds * K, 0);
  orgs_reported_.assign(orgs_.size(), 0);
  pending_.assign(C, 0);
  totals_ = {};
  const double density[kOrgKinds] = {p.party_org_density, p.social_org_density};
  for (uint32_t c = 0; c < C; ++c) {
    const uint32_t n = even_part(residents, C, c);
    const uint32_t members = static_cast<uint32_t>(std::lround(p.party_member_share * p.in_service_share * n));
    const uint32_t others = n - members;
    for (int k = 0; k < K; ++k) {  // even split, remainder first
      residents_[c * K + k] = even_part(others, K, uint32_t(k));
      party_[c * K + k] = even_part(members, K, uint32_t(k));
    }
    for (int j = 0; j < kOrgKinds; ++j) {
      const uint32_t orgs = even_part(uint64_t(std::llround(density[j] * residents)), C, c);
      for (int k = 0; k < K; ++k) orgs_[(c * kOrgKinds + j) * K + k] = even_part(orgs, K, uint32_t(k));
    }
  }
}

uint64_t Society::party_members() const {
  uint64_t n = 0;
  for (uint32_t m : party_) n += m;
  return n;
}

uint64_t Society::organisations(OrgKind j) const {
  uint64_t n = 0;
  for (size_t i = 0; i < orgs_.size(); ++i)
    if ((i / kWillingnessClasses) % kOrgKinds == size_t(j)) n += orgs_[i];
  return n;
}

void Society::step_day(uint32_t tick, bool live, int32_t day_since_launch, const CounterRng& rng) {
  const uint32_t C = static_cast<uint32_t>(pending_.size());
  constexpr int K = kWillingnessClasses;
  const double motive[kOrgKinds] = {p_.party_org_motive, p_.social_org_motive};
  service_today_ = 0;
  for (uint32_t c = 0; c < C; ++c) {
    Draws d{rng, tick, kSocietyAgent + c};
    uint32_t* reg = &registered_[size_t(c) * K];
    const uint32_t* res = &residents_[size_t(c) * K];
    uint32_t* part = &took_part_[size_t(c) * K];
    const uint32_t* members = &party_[size_t(c) * K];
    uint32_t* reported = &party_registered_[size_t(c) * K];
    if (live) {
      uint64_t n = 0, on = 0;
      for (int k = 0; k < K; ++k) n += res[k] + members[k], on += reg[k] + reported[k];
      const double share = n ? double(on) / double(n) : 0.0;
      // 1. joining
      for (int k = 0; k < K; ++k) {
        const uint32_t able = static_cast<uint32_t>(double(res[k]) * can_use_);  // exact at can_use 1
        const uint32_t joined = d.binomial(able - std::min(able, reg[k]),
                                           join_probability(p_.outreach_rate, p_.contact_rate, share, willingness_of_class(k)));
        reg[k] += joined;
        totals_.registered += joined;
      }
      // 1b. reporting: reached at the full hazard (asked by the branch or committee), decided by the threshold
      const double reached = join_probability(p_.outreach_rate, p_.contact_rate, share, 1.0);
      for (int k = 0; k < K; ++k) {
        if (!class_reports(k, p_.party_member_motive, p_.report_cost)) continue;
        const uint32_t able = static_cast<uint32_t>(double(members[k]) * can_use_);
        const uint32_t joined = d.binomial(able - std::min(able, reported[k]), reached);
        reported[k] += joined;
        totals_.registered += joined;
        totals_.party_registered += joined;
      }
      for (int j = 0; j < kOrgKinds; ++j)
        for (int k = 0; k < K; ++k) {
          if (!class_reports(k, motive[j], p_.report_cost)) continue;
          const size_t i = (size_t(c) * kOrgKinds + j) * K + k;
          const uint32_t joined = d.binomial(orgs_[i] - orgs_reported_[i], reached);
          orgs_reported_[i] += joined;
          totals_.orgs_reported[j] += joined;
        }
      // 2. matters raised by the registered residents
      uint32_t raised = 0;
      for (int k = 0; k < K; ++k) raised += d.binomial(reg[k], p_.raise_rate * willingness_of_class(k));
      pending_[c] += raised;
      totals_.matters += raised;
      // 3. the branch's review
      if (day_since_launch % p_.review_days == p_.review_days - 1 && pending_[c] > 0) {
        ++totals_.deliberations;
        totals_.votes += pending_[c];
        pending_[c] = 0;
        for (int k = 0; k < K; ++k) {
          const uint32_t first = d.binomial(reg[k] - part[k], p_.turnout * willingness_of_class(k));
          part[k] += first;
          totals_.participants += first;
        }
      }
    }
    // 4. in-service party members' service
    uint32_t all = 0, on = 0;
    for (int k = 0; k < K; ++k) all += members[k], on += live ? reported[k] : 0;
    const uint32_t by_platform = d.binomial(on, p_.service_rate);
    const uint32_t offline = d.binomial(all - on, p_.service_rate * p_.offline_reach);
    totals_.service_platform += by_platform;
    totals_.service_offline += offline;
    service_today_ += by_platform + offline;
    if (live) totals_.service_since_launch += by_platform + offline;
  }
}

void Society::save(StateWriter& out) const {
  out.put("society/registered", registered_);
  out.put("society/took_part", took_part_);
  out.put("society/party_registered", party_registered_);
  out.put("society/orgs_reported", orgs_reported_);
  out.put("society/pending", pending_);
  out.put_pod("society/totals", std::span<const SocietyTotals>(&totals_, 1));
  out.put_value("society/service_today", service_today_);
}

void Society::load(const StateReader& in) {
  auto registered = in.get_vector<uint32_t>("society/registered");
  auto took_part = in.get_vector<uint32_t>("society/took_part");
  auto party_registered = in.get_vector<uint32_t>("society/party_registered");
  auto orgs_reported = in.get_vector<uint32_t>("society/orgs_reported");
  auto pending = in.get_vector<uint32_t>("society/pending");
  if (registered.size() != residents_.size() || took_part.size() != residents_.size() ||
      party_registered.size() != party_.size() || orgs_reported.size() != orgs_.size() ||
      pending.size() != pending_.size())
    throw DataError("model/society: the checkpoint has another number of communities than the scenario");
  registered_ = std::move(registered);
  took_part_ = std::move(took_part);
  party_registered_ = std::move(party_registered);
  orgs_reported_ = std::move(orgs_reported);
  pending_ = std::move(pending);
  in.get_pod("society/totals", std::span<SocietyTotals>(&totals_, 1));
  service_today_ = in.get_value<uint64_t>("society/service_today");
}

}  // namespace govsim::collab
