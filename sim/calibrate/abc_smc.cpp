#include "sim/calibrate/abc_smc.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>

#include "sim/batch/fnv_hash.hpp"
#include "sim/batch/part_store.hpp"
#include "sim/batch/runner.hpp"
#include "sim/batch/seeds.hpp"
#include "sim/calibrate/kernel.hpp"
#include "sim/core/errors.hpp"
#include "sim/io/result_tables.hpp"
#include "sim/rng/counter_rng.hpp"

namespace govsim::calibrate {
namespace {

// Streams of the calibration's own random numbers, apart from every run's seed.
constexpr uint64_t kProposalSeedIndex = uint64_t(1) << 62;
// Attempts at a proposal inside the prior's bounds before giving up on a candidate.
constexpr uint32_t kMaxAttempts = 1000;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// What every run depends on: the calibration text (priors, targets used, settings), the base
// scenario and the targets file (its values steer which candidates are accepted).
std::string plan_hash(const CalSpec& s) {
  batch::Fnv128 h;
  h.add("govsim-calibration-plan 1");
  h.add(s.source_text);
  h.add(s.base_text);
  h.add(s.targets_path.empty() ? "" : read_file(s.targets_path));
  return h.hex();
}

class Proposals {
 public:
  explicit Proposals(const CalSpec& s) : spec_(s), rng_(derive_seed(s.seed, kProposalSeedIndex), 0) {}

  // Candidate `j` of generation 0: a draw from the prior.
  std::vector<double> from_prior(uint64_t j) const {
    std::vector<double> v;
    for (size_t p = 0; p < spec_.params.size(); ++p)
      v.push_back(spec_.params[p].prior.sample(rng_.uniform(0, uint32_t(j), uint32_t(2 * p)),
                                               rng_.uniform(0, uint32_t(j), uint32_t(2 * p + 1))));
    return v;
  }

  // Candidate `j` of generation g > 0: an ancestor drawn by weight, moved by the kernel, until
  // it lands where the prior is positive.
  std::vector<double> perturbed(uint32_t g, uint64_t j, const Generation& prev, const std::vector<std::vector<double>>& z_prev,
                                const GaussianKernel& kernel) const {
    const size_t P = spec_.params.size();
    for (uint32_t a = 0; a < kMaxAttempts; ++a) {
      const uint32_t base = a * uint32_t(P + 1);
      const double u = rng_.uniform(g, uint32_t(j), base);
      size_t i = 0;
      for (double c = prev.weights[0]; c < u && i + 1 < prev.weights.size(); c += prev.weights[++i]) {}
      std::vector<double> n(P);
      for (size_t p = 0; p < P; ++p) n[p] = rng_.normal(g, uint32_t(j), base + 1 + uint32_t(p));
      const std::vector<double> z = kernel.perturb(z_prev[i], n);
      if (prior_density(z) > 0) return values_of(z);
    }
    throw InputError({spec_.path}, "calibration.parameters",
                     "the perturbation kernel found no point inside the priors' bounds in " + std::to_string(kMaxAttempts) +
                         " attempts; are the bounds very narrow?");
  }

  double prior_density(const std::vector<double>& z) const {
    double d = 1;
    for (size_t p = 0; p < z.size(); ++p) d *= spec_.params[p].prior.density_internal(z[p]);
    return d;
  }
  std::vector<double> internal(const std::vector<double>& v) const {
    std::vector<double> z(v.size());
    for (size_t p = 0; p < v.size(); ++p) z[p] = spec_.params[p].prior.to_internal(v[p]);
    return z;
  }
  std::vector<double> values_of(const std::vector<double>& z) const {
    std::vector<double> v(z.size());
    for (size_t p = 0; p < z.size(); ++p) v[p] = std::clamp(spec_.params[p].prior.from_internal(z[p]),
                                                            spec_.params[p].prior.lower, spec_.params[p].prior.upper);
    return v;
  }

 private:
  const CalSpec& spec_;
  CounterRng rng_;
};

double distance(const CalSpec& s, const std::vector<double>& simulated) {
  const size_t T = s.targets.size();
  double sum = 0;
  size_t n = 0;
  for (size_t t = 0; t < T; ++t) {
    if (s.targets[t].use != TargetUse::Fit) continue;
    double mean = 0;
    for (uint32_t r = 0; r < s.replicates; ++r) mean += simulated[r * T + t];
    mean /= s.replicates;
    const double g = standardised_gap(s.targets[t], mean);
    sum += g * g, ++n;
  }
  return std::sqrt(sum / double(n));
}

// The q-quantile of `v` (type 7, as numpy's default).
double quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  const double h = q * double(v.size() - 1);
  const size_t lo = size_t(std::floor(h));
  const size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - double(lo)) * (v[hi] - v[lo]);
}

std::string fmt_g(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.4g", v);
  return b;
}

}  // namespace

double effective_sample_size(const std::vector<double>& w) {
  double s = 0;
  for (double x : w) s += x * x;
  return s > 0 ? 1 / s : 0;
}

CalOutcome run_abc_smc(const CalSpec& spec, const std::string& output, const CalOptions& o) {
  const auto start = std::chrono::steady_clock::now();
  CalOutcome out;
  out.plan_hash = plan_hash(spec);
  const uint64_t R = spec.replicates, N = spec.particles, T = spec.targets.size();
  const uint64_t max_runs = spec.stop.max_simulations;

  batch::PartStore store(output, out.plan_hash);
  store.prepare(o.resume, o.force);
  std::vector<std::string> rejected;
  std::vector<bool> done = store.finished(max_runs, &rejected);
  for (const std::string& r : rejected) std::fprintf(stderr, "govsim calibrate: %s\n", r.c_str());
  for (bool d : done) out.resumed += d;

  const Proposals proposals(spec);
  uint64_t next_run = 0;  // global run index of the next candidate's first replicate
  const uint32_t workers = std::max<uint32_t>(1, o.threads);

  // Simulates candidates [first, first + count) of the current round and returns, per
  // candidate, every replicate's value of every target.
  auto simulate = [&](const std::vector<std::vector<double>>& values) {
    const uint64_t first_run = next_run;
    const uint64_t runs = values.size() * R;
    std::vector<uint64_t> todo;
    for (uint64_t k = first_run; k < first_run + runs; ++k)
      if (!done[k]) todo.push_back(k);
    std::atomic<uint64_t> cursor{0};
    std::atomic<uint64_t> executed_now{0};
    bool limit_hit = false;
    auto next = [&](uint64_t& k) {
      if (o.stop_after_runs && out.executed + executed_now.fetch_add(1) >= o.stop_after_runs) return false;
      const uint64_t c = cursor.fetch_add(1);
      if (c >= todo.size()) return false;
      k = todo[c];
      return true;
    };
    auto scenario_of = [&](uint64_t k) {
      const uint64_t cand = (k - first_run) / R, rep = (k - first_run) % R;
      std::vector<std::string> ov = spec.fixed;
      for (size_t p = 0; p < spec.params.size(); ++p) ov.push_back(spec.params[p].name + "=" + to_toml_literal(values[cand][p]));
      ov.push_back("run.seed=" + std::to_string(batch::run_seed(spec.seed, batch::SeedMode::PerRun, k, rep)));
      return parse_scenario(spec.base_text, spec.base_path, ov);
    };
    batch::RunnerOptions ro;
    ro.workers = workers;
    ro.threads_per_run = spec.threads_per_run;
    ro.command_line = o.command_line;
    ro.cancel = o.cancel;
    std::atomic<uint64_t> finished_now{0};
    ro.on_done = [&](uint64_t) { finished_now.fetch_add(1); };
    const bool completed = batch::run_runs(scenario_of, store, next, ro);
    out.executed += finished_now.load();
    for (uint64_t k : todo) done[k] = std::filesystem::exists(store.part_path(k));
    limit_hit = o.stop_after_runs && out.executed >= o.stop_after_runs &&
                std::any_of(todo.begin(), todo.end(), [&](uint64_t k) { return !done[k]; });
    if (!completed) throw Interrupted("calibration interrupted; finished runs are kept: resume with --resume");
    if (limit_hit)
      throw Interrupted("stopped after " + std::to_string(out.executed) + " runs as asked; resume with --resume");
    std::vector<std::vector<double>> sims(values.size(), std::vector<double>(R * T));
    for (uint64_t k = first_run; k < first_run + runs; ++k) {
      const ResultTables tables = read_result_tables(store.part_path(k));
      const uint64_t cand = (k - first_run) / R, rep = (k - first_run) % R;
      for (uint64_t t = 0; t < T; ++t) sims[cand][rep * T + t] = simulated_value(spec.targets[t], tables, spec.population_reference);
    }
    next_run += runs;
    return sims;
  };

  double tolerance = std::numeric_limits<double>::infinity();
  for (uint32_t g = 0; g < spec.stop.max_generations; ++g) {
    Generation gen;
    gen.tolerance = tolerance;
    std::vector<std::vector<double>> z_prev;
    std::optional<GaussianKernel> kernel;
    if (g > 0) {
      for (const auto& v : out.generations.back().values) z_prev.push_back(proposals.internal(v));
      kernel.emplace(z_prev, out.generations.back().weights);
    }
    uint64_t candidate = 0;
    bool out_of_budget = false;
    while (gen.values.size() < N) {
      if (next_run + N * R > max_runs) {
        out_of_budget = true;
        break;
      }
      std::vector<std::vector<double>> round;
      for (uint64_t j = 0; j < N; ++j)
        round.push_back(g == 0 ? proposals.from_prior(candidate + j)
                               : proposals.perturbed(g, candidate + j, out.generations.back(), z_prev, *kernel));
      const auto sims = simulate(round);
      candidate += N;
      for (uint64_t j = 0; j < N && gen.values.size() < N; ++j) {
        const double d = distance(spec, sims[j]);
        if (!(d <= tolerance)) continue;
        gen.values.push_back(round[j]);
        gen.distances.push_back(d);
        gen.simulated.push_back(sims[j]);
      }
    }
    if (out_of_budget) {
      out.stop_reason = "max_simulations reached during generation " + std::to_string(g) +
                        " (the posterior is generation " + std::to_string(g == 0 ? 0 : g - 1) + ")";
      if (g == 0) throw InputError({spec.path}, "calibration.stop.max_simulations",
                                   "too small for one generation of " + std::to_string(N) + " particles x " +
                                       std::to_string(R) + " replicates");
      break;
    }
    gen.candidates = candidate;
    gen.simulations = next_run;
    gen.acceptance_rate = double(N) / double(candidate);
    // Importance weights: prior / mixture of kernels around the previous population.
    gen.weights.assign(N, 1.0);
    if (g > 0) {
      const Generation& prev = out.generations.back();
      for (uint64_t i = 0; i < N; ++i) {
        const std::vector<double> z = proposals.internal(gen.values[i]);
        double mix = 0;
        for (size_t j = 0; j < z_prev.size(); ++j) mix += prev.weights[j] * kernel->density(z_prev[j], z);
        gen.weights[i] = proposals.prior_density(z) / mix;
      }
    }
    double total = 0;
    for (double w : gen.weights) total += w;
    for (double& w : gen.weights) w /= total;
    gen.ess = effective_sample_size(gen.weights);
    if (!o.quiet)
      std::fprintf(stderr, "generation %u: tolerance %s, acceptance %.3f, ESS %.1f, simulations %llu\n", g,
                   std::isinf(tolerance) ? "inf" : fmt_g(tolerance).c_str(), gen.acceptance_rate, gen.ess,
                   static_cast<unsigned long long>(gen.simulations));
    out.generations.push_back(std::move(gen));
    const Generation& last = out.generations.back();
    tolerance = quantile(last.distances, spec.quantile);
    if (g + 1 >= spec.stop.max_generations) out.stop_reason = "max_generations reached";
    else if (g > 0 && last.acceptance_rate < spec.stop.min_acceptance) out.stop_reason = "acceptance rate below min_acceptance";
    else if (tolerance <= spec.stop.min_tolerance) out.stop_reason = "tolerance reached min_tolerance";
    else if (next_run + N * R > max_runs) out.stop_reason = "max_simulations reached";
    if (!out.stop_reason.empty()) break;
  }
  out.wall_time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace govsim::calibrate
