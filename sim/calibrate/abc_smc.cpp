#include "sim/calibrate/abc_smc.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <optional>
#include <thread>

#include "sim/batch/fnv_hash.hpp"
#include "sim/batch/mpi_work.hpp"
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

// The exact text of a double (17 significant digits), for the plan hash.
std::string exact(double v) {
  char b[40];
  std::snprintf(b, sizeof b, "%.17g", v);
  return b;
}

// The kernels of one generation, around the previous population in internal coordinates: the
// global one, or one per ancestor (OLCM; cal_spec.hpp, KernelKind).
struct Kernels {
  std::vector<GaussianKernel> k;
  bool local = false;

  Kernels(const CalSpec& spec, const Generation& prev, const std::vector<std::vector<double>>& z_prev, double tolerance)
      : local(spec.kernel == KernelKind::Olcm) {
    if (local) k = local_kernels(z_prev, prev.weights, prev.distances, tolerance);
    else k.emplace_back(z_prev, prev.weights);
  }
  const GaussianKernel& of(size_t ancestor) const { return local ? k[ancestor] : k[0]; }
  // The proposal density at z (up to a constant): the weighted mixture of the ancestors' kernels.
  double mixture(const std::vector<double>& z, const std::vector<std::vector<double>>& z_prev,
                 const std::vector<double>& weights) const {
    double mix = 0;
    for (size_t j = 0; j < z_prev.size(); ++j)
      mix += weights[j] * (local ? k[j].normalised_density(z_prev[j], z) : k[0].density(z_prev[j], z));
    return mix;
  }
};

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

  // Candidate `j` of generation g > 0: an ancestor drawn by weight, moved by its kernel, until
  // it lands where the prior is positive.
  std::vector<double> perturbed(uint32_t g, uint64_t j, const Generation& prev, const std::vector<std::vector<double>>& z_prev,
                                const Kernels& kernels) const {
    const size_t P = spec_.params.size();
    for (uint32_t a = 0; a < kMaxAttempts; ++a) {
      const uint32_t base = a * uint32_t(P + 1);
      const double u = rng_.uniform(g, uint32_t(j), base);
      size_t i = 0;
      for (double c = prev.weights[0]; c < u && i + 1 < prev.weights.size(); c += prev.weights[++i]) {}
      std::vector<double> n(P);
      for (size_t p = 0; p < P; ++p) n[p] = rng_.normal(g, uint32_t(j), base + 1 + uint32_t(p));
      const std::vector<double> z = kernels.of(i).perturb(z_prev[i], n);
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

// `units[t]`: one simulated count of target t in the published unit (count_unit), averaged over
// the candidate's replicates (their numbers of residents may differ if the population is drawn).
double distance(const CalSpec& s, const std::vector<double>& simulated, const std::vector<double>& units) {
  const size_t T = s.targets.size();
  double sum = 0;
  size_t n = 0;
  for (size_t t = 0; t < T; ++t) {
    if (s.targets[t].use != TargetUse::Fit) continue;
    double mean = 0;
    for (uint32_t r = 0; r < s.replicates; ++r) mean += simulated[r * T + t];
    mean /= s.replicates;
    const double g = standardised_gap(s.targets[t], mean, units[t]);
    sum += g * g, ++n;
  }
  return std::sqrt(sum / double(n));
}

// The Gaussian synthetic log-likelihood of the fitted targets (a sum over independent targets);
// `rms_gap` receives the root mean square of their standardised gaps (stored as the distance).
double synthetic_log_likelihood(const CalSpec& s, const std::vector<double>& simulated, const std::vector<double>& units,
                                double* rms_gap) {
  const size_t T = s.targets.size();
  double ll = 0, sum = 0;
  size_t n = 0;
  for (size_t t = 0; t < T; ++t) {
    if (s.targets[t].use != TargetUse::Fit) continue;
    double gap = 0;
    ll += synthetic_log_term(s.targets[t], simulated.data() + t, T, s.replicates, &gap, units[t]);
    sum += gap * gap, ++n;
  }
  *rms_gap = std::sqrt(sum / double(n));
  return ll;
}

// Normalised weights exp(log_base + beta * ll), computed stably; 0 where either is -inf.
std::vector<double> tempered_weights(const std::vector<double>& log_base, const std::vector<double>& ll, double beta) {
  std::vector<double> lw(ll.size());
  double top = -INFINITY;
  for (size_t i = 0; i < ll.size(); ++i) {
    lw[i] = std::isinf(ll[i]) || std::isinf(log_base[i]) ? -INFINITY : log_base[i] + beta * ll[i];
    top = std::max(top, lw[i]);
  }
  std::vector<double> w(ll.size(), 0.0);
  if (std::isinf(top)) return w;
  double total = 0;
  for (size_t i = 0; i < w.size(); ++i) total += w[i] = std::isinf(lw[i]) ? 0 : std::exp(lw[i] - top);
  for (double& x : w) x /= total;
  return w;
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

std::string plan_hash(const CalSpec& s) {
  // What every run and every acceptance depends on, resolved: the base scenario and its overrides,
  // the settings, the priors and the targets as read (value, mapping, error, use). The calibration
  // file's comments, layout and key order, the targets file's comments and reasons, paths and
  // thread counts are left out, so editing a comment does not orphan the finished runs. So are the
  // stop rules (budget, generations, acceptance and tolerance floors): they decide only when to
  // stop, never what a run is (every candidate and seed is keyed by its global run index), so a
  // calibration resumed with a larger budget replays its finished runs and carries on.
  batch::Fnv128 h;
  h.add("govsim-calibration-plan 4");  // 4: stop rules left out; 3: population-scaled counts as ln(1 + count)
  h.add(s.base_text);
  for (const std::string& f : s.fixed) {
    std::string x = "set ";
    x += f;
    h.add(x);
  }
  for (const std::string& x : {std::to_string(s.seed), std::to_string(s.particles), std::to_string(s.replicates),
                               exact(s.quantile), exact(s.population_reference), std::string(to_string(s.discrepancy))})
    h.add(x);
  if (s.kernel != KernelKind::Global) h.add(std::string("kernel ") + to_string(s.kernel));  // default: hash unchanged
  for (const CalParam& p : s.params)
    for (const std::string& x : {p.name, std::string(to_string(p.prior.kind)), exact(p.prior.lower), exact(p.prior.upper),
                                 exact(p.prior.mean), exact(p.prior.sd), exact(p.prior.alpha), exact(p.prior.beta)})
      h.add(x);
  for (const Target& t : s.targets) {
    const MapsTo& m = t.maps_to;
    for (const std::string& x : {t.id, std::string(to_string(t.use)), std::string(to_string(t.kind)), exact(t.value),
                                 exact(t.upper), m.series, m.month, m.scalar, m.ratio_a, m.ratio_b,
                                 std::string(m.reduction ? "reduction" : "ratio"), std::string(m.scale_population ? "scaled" : "-"),
                                 exact(t.absolute), exact(t.relative), exact(t.factor)})
      h.add(x);
  }
  return h.hex();
}

CalOutcome run_abc_smc(const CalSpec& spec, const std::string& output, const CalOptions& o) {
  const auto start = std::chrono::steady_clock::now();
  CalOutcome out;
  out.plan_hash = plan_hash(spec);
  const uint64_t R = spec.replicates, N = spec.particles, T = spec.targets.size();
  const uint64_t max_runs = spec.stop.max_simulations;

  // Under mpirun every rank runs the same deterministic algorithm; rank 0 owns the parts directory
  // and hands out the runs of each round, the others ask it for run indices (sim/batch/mpi_work).
  const bool multi = o.mpi && o.mpi->size() > 1;
  const bool root = !o.mpi || o.mpi->rank() == 0;
  batch::PartStore store(output, out.plan_hash, "calibration");
  std::vector<bool> done(max_runs, false);
  {
    int status = 0;
    std::exception_ptr setup_error;
    if (root) {
      try {
        store.prepare(o.resume, o.force);
        std::vector<std::string> rejected;
        done = store.finished(max_runs, &rejected);
        for (const std::string& r : rejected) std::fprintf(stderr, "govsim calibrate: %s\n", r.c_str());
      } catch (...) {
        setup_error = std::current_exception();
        status = 1;
      }
    }
    if (multi) o.mpi->broadcast(status);
    if (setup_error) std::rethrow_exception(setup_error);
    if (status) throw QuietFailure();  // rank 0 reports it
  }
  for (bool d : done) out.resumed += d;

  const Proposals proposals(spec);
  std::vector<std::vector<double>> units;  // per candidate of the last round: count_unit of each target
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
    std::atomic<uint64_t> executed_now{0};  // runs handed out by this round's queue
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
    bool completed = true;
    if (multi && root) {
      // Rank 0's own threads take runs from the same queue it serves to the other ranks.
      std::exception_ptr local_error;
      std::atomic<bool> failed{false};
      std::thread local([&] {
        try {
          completed = batch::run_runs(scenario_of, store, next, ro);
        } catch (...) {
          local_error = std::current_exception();
          failed = true;
        }
      });
      o.mpi->serve([&](uint64_t& k) { return !failed && !(o.cancel && o.cancel->load()) && next(k); }, [] {});
      local.join();
      if (local_error) {
        try {
          std::rethrow_exception(local_error);
        } catch (const std::exception& e) {
          std::fprintf(stderr, "govsim: error: %s\n", e.what());
        }
        o.mpi->abort(1);  // the other ranks would wait for rank 0 forever
      }
    } else if (multi) {
      try {
        (void)batch::run_runs(scenario_of, store, [&](uint64_t& k) { return o.mpi->request_run(k); }, ro);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "govsim: error (rank %d): %s\n", o.mpi->rank(), e.what());
        o.mpi->abort(1);  // rank 0 would otherwise wait for this rank forever
      }
      o.mpi->send_done();
    } else {
      completed = batch::run_runs(scenario_of, store, next, ro);
    }
    if (multi) o.mpi->barrier();  // every part of the round is written before any rank reads one
    int go = 1;
    if (root) {
      for (uint64_t k : todo) {
        done[k] = std::filesystem::exists(store.part_path(k));
        out.executed += done[k];
      }
      limit_hit = o.stop_after_runs && out.executed >= o.stop_after_runs &&
                  std::any_of(todo.begin(), todo.end(), [&](uint64_t k) { return !done[k]; });
      completed = completed && !(o.cancel && o.cancel->load() && std::any_of(todo.begin(), todo.end(), [&](uint64_t k) { return !done[k]; }));
      go = completed && !limit_hit;
    }
    if (multi) o.mpi->broadcast(go);
    if (!root && !go) throw QuietFailure();  // rank 0 says why
    if (!completed) throw Interrupted("calibration interrupted; finished runs are kept: resume with --resume");
    if (limit_hit)
      throw Interrupted("stopped after " + std::to_string(out.executed) + " runs as asked; resume with --resume");
    std::vector<std::vector<double>> sims(values.size(), std::vector<double>(R * T));
    units.assign(values.size(), std::vector<double>(T, 0.0));
    for (uint64_t k = first_run; k < first_run + runs; ++k) {
      const ResultTables tables = read_result_tables(store.part_path(k));
      const uint64_t cand = (k - first_run) / R, rep = (k - first_run) % R;
      for (uint64_t t = 0; t < T; ++t) {
        sims[cand][rep * T + t] = simulated_value(spec.targets[t], tables, spec.population_reference);
        units[cand][t] += count_unit(spec.targets[t], tables, spec.population_reference) / double(R);
      }
    }
    next_run += runs;
    return sims;
  };

  if (spec.discrepancy == Discrepancy::SyntheticLikelihood) {
    // Tempered population Monte Carlo on the synthetic likelihood: generation g draws `particles`
    // candidates from the prior (g = 0) or from the kernel mixture around the previous population,
    // keeps all of them and weights them by prior x SL^beta / proposal. beta, the tempering exponent,
    // is the largest value in [beta_{g-1}, 1] that keeps at least half the effective sample size the
    // generation has at beta_{g-1}; the generation that reaches beta = 1 (or the last one the budget allows, forced to
    // 1) is an importance sample of the synthetic-likelihood posterior.
    double beta = 0;
    for (uint32_t g = 0; g < spec.stop.max_generations; ++g) {
      if (next_run + N * R > max_runs) {
        if (g == 0) throw InputError({spec.path}, "calibration.stop.max_simulations",
                                     "too small for one generation of " + std::to_string(N) + " particles x " +
                                         std::to_string(R) + " replicates");
        out.stop_reason = "max_simulations reached";
        break;
      }
      const bool last = g + 1 >= spec.stop.max_generations || next_run + 2 * N * R > max_runs;
      std::vector<std::vector<double>> z_prev;
      std::optional<Kernels> kernels;
      if (g > 0) {
        for (const auto& v : out.generations.back().values) z_prev.push_back(proposals.internal(v));
        kernels.emplace(spec, out.generations.back(), z_prev, 0.0);  // global: the loader refuses OLCM here
      }
      Generation gen;
      for (uint64_t j = 0; j < N; ++j)
        gen.values.push_back(g == 0 ? proposals.from_prior(j) : proposals.perturbed(g, j, out.generations.back(), z_prev, *kernels));
      gen.simulated = simulate(gen.values);
      gen.candidates = N;
      gen.simulations = next_run;
      gen.acceptance_rate = 1;
      std::vector<double> ll(N), log_base(N, 0.0);
      gen.distances.resize(N);
      for (uint64_t i = 0; i < N; ++i) {
        ll[i] = synthetic_log_likelihood(spec, gen.simulated[i], units[i], &gen.distances[i]);
        if (g > 0) {  // prior / proposal; generation 0 draws from the prior itself
          const std::vector<double> z = proposals.internal(gen.values[i]);
          const double mix = kernels->mixture(z, z_prev, out.generations.back().weights);
          log_base[i] = std::log(proposals.prior_density(z)) - std::log(mix);
        }
      }
      // Half the ESS the sample has at the previous exponent (a conditional-ESS rule, Zhou, Johansen &
      // Aston 2016): beta always moves up, however far the proposal is from the tempered target.
      auto ess_at = [&](double b) { return effective_sample_size(tempered_weights(log_base, ll, b)); };
      const double wanted = 0.5 * ess_at(beta);
      double b = 1;
      if (!last && ess_at(1) < wanted) {
        double lo = beta, hi = 1;
        for (int it = 0; it < 60; ++it) {
          const double mid = 0.5 * (lo + hi);
          (ess_at(mid) >= wanted ? lo : hi) = mid;
        }
        b = lo;
      }
      beta = b;
      gen.tolerance = beta;
      gen.weights = tempered_weights(log_base, ll, beta);
      gen.ess = effective_sample_size(gen.weights);
      if (!(gen.ess > 0))
        throw InputError({spec.path}, "calibration.target",
                         "no candidate of generation " + std::to_string(g) + " has a finite synthetic likelihood "
                         "(a fitted target's quantity is missing from every run?)");
      if (!o.quiet && root)
        std::fprintf(stderr, "generation %u: tempering exponent %s, ESS %.1f, simulations %llu\n", g, fmt_g(beta).c_str(),
                     gen.ess, static_cast<unsigned long long>(gen.simulations));
      out.generations.push_back(std::move(gen));
      if (beta >= 1) {
        out.stop_reason = last && g + 1 >= spec.stop.max_generations ? "max_generations reached (last generation at full weight)"
                          : last ? "max_simulations reached (last generation at full weight)"
                                 : "synthetic likelihood at full weight (tempering exponent 1)";
        break;
      }
    }
    if (multi) o.mpi->barrier();  // no rank still reads a part when rank 0 removes them
    out.wall_time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return out;
  }

  double tolerance = std::numeric_limits<double>::infinity();
  for (uint32_t g = 0; g < spec.stop.max_generations; ++g) {
    Generation gen;
    gen.tolerance = tolerance;
    std::vector<std::vector<double>> z_prev;
    std::optional<Kernels> kernels;
    if (g > 0) {
      for (const auto& v : out.generations.back().values) z_prev.push_back(proposals.internal(v));
      kernels.emplace(spec, out.generations.back(), z_prev, tolerance);
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
                               : proposals.perturbed(g, candidate + j, out.generations.back(), z_prev, *kernels));
      const auto sims = simulate(round);
      candidate += N;
      for (uint64_t j = 0; j < N && gen.values.size() < N; ++j) {
        const double d = distance(spec, sims[j], units[j]);
        if (!(d <= tolerance)) continue;
        gen.values.push_back(round[j]);
        gen.distances.push_back(d);
        gen.simulated.push_back(sims[j]);
      }
      // A late generation can take hours of rounds: say how far it is, so a researcher can judge
      // whether to wait, extend the budget or read an interim posterior (docs/calibration.md).
      if (!o.quiet && root && gen.values.size() < N)
        std::fprintf(stderr, "generation %u: %zu of %llu particles within tolerance %s after %llu candidates, simulations %llu\n",
                     g, gen.values.size(), static_cast<unsigned long long>(N), fmt_g(tolerance).c_str(),
                     static_cast<unsigned long long>(candidate), static_cast<unsigned long long>(next_run));
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
        gen.weights[i] = proposals.prior_density(z) / kernels->mixture(z, z_prev, prev.weights);
      }
    }
    double total = 0;
    for (double w : gen.weights) total += w;
    for (double& w : gen.weights) w /= total;
    gen.ess = effective_sample_size(gen.weights);
    if (!o.quiet && root)
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
  if (multi) o.mpi->barrier();  // no rank still reads a part when rank 0 removes them
  out.wall_time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace govsim::calibrate
