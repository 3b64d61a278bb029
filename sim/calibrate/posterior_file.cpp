#include "sim/calibrate/posterior_file.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include "govsim/version.hpp"
#include "sim/batch/rows.hpp"
#include "sim/calibrate/summary.hpp"
#include "sim/core/errors.hpp"
#include "sim/core/utc_now.hpp"
#include "sim/io/atomic_write.hpp"
#include "sim/io/hdf5_util.hpp"

namespace govsim::calibrate {
namespace {

constexpr const char* kFormat = "govsim-calibration";

std::vector<double> flat(const std::vector<std::vector<double>>& rows) {
  std::vector<double> out;
  for (const auto& r : rows) out.insert(out.end(), r.begin(), r.end());
  return out;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_parameters(hid_t f, const CalSpec& spec, const PosteriorSummary& s) {
  const h5::Handle g = h5::create_group(f, "parameters");
  const size_t P = spec.params.size();
  std::vector<std::string> names, priors;
  std::vector<double> lower, upper, prior_var, mean, sd, q05, q50, q95, contraction;
  std::vector<uint8_t> identified;
  for (size_t p = 0; p < P; ++p) {
    names.push_back(spec.params[p].name), priors.push_back(spec.params[p].prior.describe());
    lower.push_back(spec.params[p].prior.lower), upper.push_back(spec.params[p].prior.upper);
    const ParamSummary& x = s.params[p];
    prior_var.push_back(x.prior_variance), mean.push_back(x.mean), sd.push_back(x.sd);
    q05.push_back(x.q05), q50.push_back(x.q50), q95.push_back(x.q95);
    contraction.push_back(x.contraction), identified.push_back(x.identified);
  }
  h5::dataset_strings(g, "name", names);
  h5::dataset_strings(g, "prior", priors);
  for (auto& [n, v] : std::vector<std::pair<const char*, std::vector<double>*>>{
           {"lower", &lower}, {"upper", &upper}, {"prior_variance", &prior_var}, {"posterior_mean", &mean},
           {"posterior_sd", &sd}, {"q05", &q05}, {"q50", &q50}, {"q95", &q95}, {"contraction", &contraction}})
    h5::dataset_doubles(g, n, *v, {hsize_t(P)});
  h5::dataset_uint8(g, "identified", identified);
  h5::attr_double(g, "identified_contraction", kIdentifiedContraction);
  h5::dataset_doubles(g, "correlation", s.correlation, {hsize_t(P), hsize_t(P)});
}

void write_targets(hid_t f, const CalSpec& spec, const PosteriorSummary& s) {
  const h5::Handle g = h5::create_group(f, "targets");
  const size_t T = spec.targets.size();
  std::vector<std::string> ids, uses, kinds, units;
  std::vector<double> value, upper, q05, q25, q50, q75, q95;
  std::vector<uint8_t> inside;
  for (size_t t = 0; t < T; ++t) {
    const Target& x = spec.targets[t];
    ids.push_back(x.id), uses.push_back(to_string(x.use)), kinds.push_back(to_string(x.kind)), units.push_back(x.unit);
    value.push_back(x.value), upper.push_back(x.kind == TargetKind::Range ? x.upper : x.value);
    const TargetSummary& y = s.targets[t];
    q05.push_back(y.q05), q25.push_back(y.q25), q50.push_back(y.q50), q75.push_back(y.q75), q95.push_back(y.q95);
    inside.push_back(y.inside90);
  }
  h5::dataset_strings(g, "id", ids);
  h5::dataset_strings(g, "use", uses);
  h5::dataset_strings(g, "kind", kinds);
  h5::dataset_strings(g, "unit", units);
  for (auto& [n, v] : std::vector<std::pair<const char*, std::vector<double>*>>{
           {"published", &value}, {"published_upper", &upper}, {"predictive_q05", &q05}, {"predictive_q25", &q25},
           {"predictive_median", &q50}, {"predictive_q75", &q75}, {"predictive_q95", &q95}})
    h5::dataset_doubles(g, n, *v, {hsize_t(T)});
  h5::dataset_uint8(g, "inside_90", inside);
}

void write_population(hid_t parent, const std::string& name, const CalSpec& spec, const Generation& gen) {
  const h5::Handle g = h5::create_group(parent, name);
  const hsize_t N = gen.values.size(), P = spec.params.size(), T = spec.targets.size(), R = spec.replicates;
  h5::dataset_doubles(g, "values", flat(gen.values), {N, P});
  h5::dataset_doubles(g, "weights", gen.weights, {N});
  h5::dataset_doubles(g, "distances", gen.distances, {N});
  h5::dataset_doubles(g, "simulated", flat(gen.simulated), {N, R, T});
}

void write_history(hid_t f, const CalSpec& spec, const CalOutcome& o) {
  const h5::Handle g = h5::create_group(f, "history");
  std::vector<double> tol, acc, ess;
  std::vector<uint64_t> cand, sims;
  for (size_t k = 0; k < o.generations.size(); ++k) {
    const Generation& x = o.generations[k];
    tol.push_back(x.tolerance), acc.push_back(x.acceptance_rate), ess.push_back(x.ess);
    cand.push_back(x.candidates), sims.push_back(x.simulations);
    char name[32];
    std::snprintf(name, sizeof name, "generation_%03zu", k);
    write_population(g, name, spec, x);
  }
  const hsize_t G = o.generations.size();
  h5::dataset_doubles(g, "tolerance", tol, {G});
  h5::dataset_doubles(g, "acceptance_rate", acc, {G});
  h5::dataset_doubles(g, "ess", ess, {G});
  h5::dataset_uint64(g, "candidates", cand);
  h5::dataset_uint64(g, "simulations", sims);
}

void write_provenance(hid_t f, const CalSpec& spec, const CalOutcome& o, const CalEnvironment& env) {
  const h5::Handle g = h5::create_group(f, "provenance");
  h5::attr_string(g, "command_line", env.command_line);
  h5::attr_string(g, "created_utc", utc_now());
  h5::attr_uint(g, "seed", spec.seed);
  h5::attr_uint(g, "threads", env.threads);
  h5::attr_double(g, "wall_time_s", o.wall_time_s);
  h5::attr_string(g, "plan_hash", o.plan_hash);
  h5::attr_string(g, "stop_reason", o.stop_reason);
  h5::attr_string(g, "calibration_path", spec.path);
  h5::attr_string(g, "scenario_path", spec.base_path);
  h5::attr_string(g, "targets_path", spec.targets_path);
  h5::dataset_string(g, "calibration_text", spec.source_text);
  h5::dataset_string(g, "scenario_text", spec.base_text);
  h5::dataset_string(g, "targets_text", spec.targets_path.empty() ? "" : read_text(spec.targets_path));
}

}  // namespace

void write_posterior_file(const std::string& path, const CalSpec& spec, const CalOutcome& o, const CalEnvironment& env) {
  const Generation& post = o.generations.back();
  const PosteriorSummary s = summarise(spec, post);
  write_file_atomically(path, "posterior file", [&](const std::string& tmp) {
    std::lock_guard lock(batch::hdf5_mutex());
    try {
      h5::Handle f = h5::create_memory_file(tmp);
      h5::attr_string(f, "format", kFormat);
      h5::attr_string(f, "govsim_version", kVersion);
      h5::attr_string(f, "git_commit", kGitCommit);
      h5::attr_string(f, "method", spec.discrepancy == Discrepancy::AbcDistance
                                       ? "ABC-SMC (population Monte Carlo, adaptive tolerance)"
                                       : "Gaussian synthetic likelihood (Wood 2010), tempered population Monte Carlo");
      h5::attr_string(f, "discrepancy", to_string(spec.discrepancy));
      h5::attr_uint(f, "particles", spec.particles);
      h5::attr_uint(f, "replicates", spec.replicates);
      h5::attr_uint(f, "generations", o.generations.size());
      h5::attr_uint(f, "simulations", post.simulations);
      write_population(f, "particles", spec, post);
      write_parameters(f, spec, s);
      write_targets(f, spec, s);
      write_history(f, spec, o);
      write_provenance(f, spec, o, env);
      h5::save_memory_file(f, tmp);
    } catch (const DataError& e) {
      throw FileError(path, std::string("cannot write the posterior file: ") + e.what());
    }
  });
}

bool is_posterior_file(const std::string& path) {
  // Never open a FIFO or a device: HDF5 would block reading it (describe_result_file explains it).
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  std::lock_guard lock(batch::hdf5_mutex());
  h5::silence_errors();
  if (H5Fis_hdf5(path.c_str()) <= 0) return false;
  h5::Handle f(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!f.valid()) return false;
  try {
    return h5::read_attr_string(f, "format") == kFormat;
  } catch (const DataError&) {
    return false;
  }
}

std::string describe_posterior_file(const std::string& path) {
  std::lock_guard lock(batch::hdf5_mutex());
  h5::silence_errors();
  h5::Handle f(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!f.valid()) throw FileError(path, "cannot open the posterior file");
  try {
    std::string out;
    char line[512];
    const h5::Handle prov(H5Gopen2(f, "provenance", H5P_DEFAULT), H5Gclose);
    out += "file:        " + path + "\n";
    out += "calibration: " + h5::read_attr_string(f, "method") + ", govsim " + h5::read_attr_string(f, "govsim_version") + "\n";
    std::snprintf(line, sizeof line, "runs:        %g generations, %g particles x %g replicates, %g simulations, %.1f s\n",
                  h5::read_attr_double(f, "generations"), h5::read_attr_double(f, "particles"),
                  h5::read_attr_double(f, "replicates"), h5::read_attr_double(f, "simulations"),
                  h5::read_attr_double(prov, "wall_time_s"));
    out += line;
    const std::string stop_reason = h5::read_attr_string(prov, "stop_reason");
    out += "stopped:     " + stop_reason + "\n";
    out += "seed:        " + std::to_string(uint64_t(h5::read_attr_double(prov, "seed"))) + "\n";
    out += "command:     " + h5::read_attr_string(prov, "command_line") + "\n";
    out += "scenario:    " + h5::read_attr_string(prov, "scenario_path") + "\n";
    const auto tol = h5::read_dataset_doubles(f, "history/tolerance", nullptr);
    const auto acc = h5::read_dataset_doubles(f, "history/acceptance_rate", nullptr);
    const auto ess = h5::read_dataset_doubles(f, "history/ess", nullptr);
    const bool sl = h5::read_attr_string(f, "method").find("synthetic likelihood") != std::string::npos;
    out += sl ? "generations (tempering exponent, acceptance rate, ESS):\n" : "generations (tolerance, acceptance rate, ESS):\n";
    for (size_t g = 0; g < tol.size(); ++g) {
      std::snprintf(line, sizeof line, "  %3zu  %10.4g  %6.3f  %7.1f\n", g, tol[g], acc[g], ess[g]);
      out += line;
    }
    const Diagnosis diagnosis = diagnose(stop_reason, ess.empty() ? 0.0 : ess.back(), h5::read_attr_double(f, "particles"));
    out += "verdict:     " + diagnosis.text;
    const auto names = h5::read_dataset_strings(f, "parameters/name");
    const auto priors = h5::read_dataset_strings(f, "parameters/prior");
    const auto q05 = h5::read_dataset_doubles(f, "parameters/q05", nullptr);
    const auto q50 = h5::read_dataset_doubles(f, "parameters/q50", nullptr);
    const auto q95 = h5::read_dataset_doubles(f, "parameters/q95", nullptr);
    const auto con = h5::read_dataset_doubles(f, "parameters/contraction", nullptr);
    const auto corr = h5::read_dataset_doubles(f, "parameters/correlation", nullptr);
    out += "parameters (posterior median [90 % interval], contraction = 1 - var_post/var_prior):\n";
    for (size_t p = 0; p < names.size(); ++p) {
      std::snprintf(line, sizeof line, "  %-40s %10.4g [%.4g, %.4g]  contraction %5.2f  %s  prior %s\n", names[p].c_str(),
                    q50[p], q05[p], q95[p], con[p],
                    diagnosis.few_particles          ? "unreliable (few effective particles)"
                    : con[p] >= kIdentifiedContraction ? "identified"
                                                       : "NOT IDENTIFIED",
                    priors[p].c_str());
      out += line;
    }
    out += "posterior correlations:\n";
    for (size_t a = 0; a < names.size(); ++a) {
      out += "  ";
      for (size_t b = 0; b < names.size(); ++b) {
        std::snprintf(line, sizeof line, "%6.2f", corr[a * names.size() + b]);
        out += line;
      }
      out += "\n";
    }
    const auto ids = h5::read_dataset_strings(f, "targets/id");
    const auto uses = h5::read_dataset_strings(f, "targets/use");
    const auto pub = h5::read_dataset_doubles(f, "targets/published", nullptr);
    const auto kinds = h5::read_dataset_strings(f, "targets/kind");
    const auto t05 = h5::read_dataset_doubles(f, "targets/predictive_q05", nullptr);
    const auto t25 = h5::read_dataset_doubles(f, "targets/predictive_q25", nullptr);
    const auto t50 = h5::read_dataset_doubles(f, "targets/predictive_median", nullptr);
    const auto t75 = h5::read_dataset_doubles(f, "targets/predictive_q75", nullptr);
    const auto t95 = h5::read_dataset_doubles(f, "targets/predictive_q95", nullptr);
    std::vector<size_t> shape;
    const auto inside = h5::read_dataset_doubles(f, "targets/inside_90", &shape);
    out += "targets (published; posterior predictive median, 50 % and 90 % intervals):\n";
    for (size_t t = 0; t < ids.size(); ++t) {
      const char* verdict = uses[t] == "holdout" ? (inside[t] != 0 ? "HOLDOUT predicted" : "HOLDOUT MISSED")
                                                 : (inside[t] != 0 ? "fit, inside 90 %" : "fit, outside 90 %");
      std::snprintf(line, sizeof line, "  %-32s %s%-10.4g %10.4g [%.4g, %.4g] [%.4g, %.4g]  %s\n", ids[t].c_str(),
                    kinds[t] == "lower" ? "> " : "  ", pub[t], t50[t], t25[t], t75[t], t05[t], t95[t], verdict);
      out += line;
    }
    return out;
  } catch (const DataError& e) {
    throw FileError(path, std::string("damaged posterior file: ") + e.what());
  }
}

}  // namespace govsim::calibrate
