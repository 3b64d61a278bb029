#include "sim/calibrate/cal_spec.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <sstream>

#include "sim/batch/seeds.hpp"
#include "sim/core/closest_match.hpp"
#include "sim/params/param_registry.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/toml_fields.hpp"

namespace govsim::calibrate {
namespace {

namespace fs = std::filesystem;

toml::table parse_toml(std::string_view text, const std::string& path) {
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    throw InputError({path, uint32_t(e.source().begin.line), uint32_t(e.source().begin.column)}, "",
                     std::string(e.description()));
  }
}

// One of `choices`, or an InputError with the closest one suggested.
template <class E>
E choose(const TomlFields& f, const std::string& key, const std::string& got,
         const std::vector<std::pair<std::string, E>>& choices) {
  std::vector<std::string> names;
  for (const auto& [n, e] : choices) {
    if (n == got) return e;
    names.push_back(n);
  }
  std::string list;
  for (size_t i = 0; i < names.size(); ++i) list += (i ? ", \"" : "\"") + names[i] + "\"";
  const std::string best = closest_match(got, names);
  f.fail(key, "expected one of " + list + ", got \"" + got + "\"" + (best.empty() ? "" : "; did you mean \"" + best + "\"?"));
}

double required_number(const TomlFields& f, const std::string& key, const std::string& why) {
  const auto v = f.number(key);
  if (!v) f.fail(key, "missing required key '" + key + "' (" + why + ")");
  return *v;
}

CalParam parse_param(const toml::table& t, const std::string& file, size_t index, SourceLoc loc) {
  const TomlFields f(t, file, "calibration.parameters[" + std::to_string(index + 1) + "]", loc);
  f.only({"name", "prior", "lower", "upper", "mean", "sd", "alpha", "beta"});
  CalParam p;
  p.loc = loc;
  const auto name = f.string("name");
  if (!name) f.fail("name", "missing required key 'name' (a parameter path; `govsim params` lists them)");
  p.name = *name;
  const ParamSpec* s = parameter_registry().find(p.name);
  if (!s || p.name.find("[]") != std::string::npos) {
    std::vector<std::string> paths;
    for (const ParamSpec& q : parameter_registry().all())
      if (q.type == ParamType::Float) paths.push_back(q.path);
    const std::string best = closest_match(p.name, paths);
    f.fail("name", "unknown parameter '" + p.name + "'" + (best.empty() ? "; `govsim params` lists every parameter"
                                                                         : "; did you mean '" + best + "'?"));
  }
  if (p.name == "run.seed") f.fail("name", "run seeds derive from calibration.seed and cannot be calibrated");
  if (s->type != ParamType::Float)
    f.fail("name", "only float parameters can be calibrated; '" + p.name + "' is " + to_string(s->type));
  const auto kind = f.string("prior");
  if (!kind) f.fail("prior", "missing required key 'prior' (\"uniform\", \"log_uniform\", \"normal\" or \"beta\")");
  p.prior.kind = choose<PriorKind>(f, "prior", *kind,
                                   {{"uniform", PriorKind::Uniform}, {"log_uniform", PriorKind::LogUniform},
                                    {"normal", PriorKind::Normal}, {"beta", PriorKind::Beta}});
  // Bounds: given, or the parameter's declared range; never outside it.
  const auto lower = f.number("lower"), upper = f.number("upper");
  if (!lower && !s->min) f.fail("lower", "'" + p.name + "' has no declared minimum; give the prior a 'lower' bound");
  if (!upper && !s->max) f.fail("upper", "'" + p.name + "' has no declared maximum; give the prior an 'upper' bound");
  p.prior.lower = lower.value_or(s->min.value_or(0));
  p.prior.upper = upper.value_or(s->max.value_or(0));
  const std::string range = "[" + to_toml_literal(s->min.value_or(-INFINITY)) + ", " + to_toml_literal(s->max.value_or(INFINITY)) + "]";
  if (s->min && p.prior.lower < *s->min)
    f.fail("lower", "the prior's lower bound " + to_toml_literal(p.prior.lower) + " is outside " + p.name +
                        "'s declared range " + range);
  if (s->max && p.prior.upper > *s->max)
    f.fail("upper", "the prior's upper bound " + to_toml_literal(p.prior.upper) + " is outside " + p.name +
                        "'s declared range " + range);
  if (!(p.prior.lower < p.prior.upper)) f.fail("upper", "expected upper > lower");
  if (p.prior.kind == PriorKind::LogUniform && p.prior.lower <= 0)
    f.fail("lower", "a log_uniform prior needs lower > 0");
  if (p.prior.kind == PriorKind::Normal) {
    p.prior.mean = required_number(f, "mean", "the normal prior's mean");
    p.prior.sd = required_number(f, "sd", "the normal prior's standard deviation");
    if (!(p.prior.sd > 0)) f.fail("sd", "expected sd > 0");
  } else if (f.has("mean") || f.has("sd")) {
    f.fail(f.has("mean") ? "mean" : "sd", "'mean' and 'sd' apply to a normal prior only");
  }
  if (p.prior.kind == PriorKind::Beta) {
    p.prior.alpha = required_number(f, "alpha", "the beta prior's first shape");
    p.prior.beta = required_number(f, "beta", "the beta prior's second shape");
    if (!(p.prior.alpha > 0)) f.fail("alpha", "expected alpha > 0");
    if (!(p.prior.beta > 0)) f.fail("beta", "expected beta > 0");
  } else if (f.has("alpha") || f.has("beta")) {
    f.fail(f.has("alpha") ? "alpha" : "beta", "'alpha' and 'beta' apply to a beta prior only");
  }
  return p;
}

// A target as written in a targets file (paper_repro/targets/<case>.toml).
Target target_from_file(const toml::table& x) {
  Target t;
  t.id = x["id"].value_or(std::string());
  t.label = x["label"].value_or(t.id);
  t.unit = x["unit"].value_or(std::string());
  const std::string kind = x["kind"].value_or(std::string("point"));
  t.kind = kind == "lower" ? TargetKind::Lower : kind == "range" ? TargetKind::Range : TargetKind::Point;
  // A double default: value_or(NAN) would read the value as a float (NAN is a float constant).
  const double missing = std::numeric_limits<double>::quiet_NaN();
  if (t.kind == TargetKind::Range) {
    t.value = x["value"][0].value_or(missing), t.upper = x["value"][1].value_or(missing);
  } else {
    t.value = x["value"].value_or(missing);
  }
  const auto& m = x["maps_to"];
  t.maps_to.series = m["series"].value_or(std::string());
  t.maps_to.month = m["month"].value_or(std::string());
  t.maps_to.scalar = m["scalar"].value_or(std::string());
  t.maps_to.scale_population = m["scale"].value_or(std::string()) == "population";
  for (const char* k : {"ratio", "reduction"})
    if (const auto* pair = m[k].as_array(); pair && pair->size() == 2) {
      t.maps_to.ratio_a = (*pair)[0].value_or(std::string());
      t.maps_to.ratio_b = (*pair)[1].value_or(std::string());
      t.maps_to.reduction = std::string(k) == "reduction";
    }
  // An explicit observation error wins over the tolerance.
  const auto& tol = x["tolerance"];
  t.absolute = x["observation_error"].value_or(tol["absolute"].value_or(0.0));
  t.relative = tol["relative"].value_or(0.0);
  t.factor = tol["factor"].value_or(0.0);
  return t;
}

struct TargetsFile {
  std::map<std::string, Target> by_id;
  std::vector<std::string> ids;
  double population_reference = 0;
};

TargetsFile read_targets_file(const std::string& path, const TomlFields& f) {
  const auto text = read_text_file(path);
  if (!text) f.fail("targets", "cannot read targets file '" + path + "' (paths are relative to the calibration file)");
  const toml::table root = parse_toml(*text, path);
  TargetsFile out;
  out.population_reference = root["population_reference"].value_or(0.0);
  if (const auto* arr = root["target"].as_array())
    for (const auto& n : *arr)
      if (const auto* x = n.as_table()) {
        Target t = target_from_file(*x);
        out.ids.push_back(t.id);
        out.by_id[t.id] = std::move(t);
      }
  return out;
}

// An inline target: the figure and its mapping written in the calibration file itself.
void read_inline_target(const TomlFields& f, Target& t) {
  t.value = required_number(f, "value", "an inline target's observed value");
  t.kind = TargetKind::Point;
  t.label = t.id;
  t.absolute = required_number(f, "error", "an inline target's observation error (standard deviation)");
  if (!(t.absolute > 0)) f.fail("error", "expected error > 0");
  t.maps_to.series = f.string("series").value_or("");
  t.maps_to.month = f.string("month").value_or("");
  t.maps_to.scalar = f.string("scalar").value_or("");
  if (t.maps_to.series.empty() == t.maps_to.scalar.empty())
    f.fail("series", "an inline target maps to either 'series' (with 'month') or 'scalar'");
  if (!t.maps_to.series.empty() && t.maps_to.month.empty())
    f.fail("month", "missing required key 'month' (YYYY-MM) for series '" + t.maps_to.series + "'");
}

}  // namespace

const char* to_string(Discrepancy d) {
  return d == Discrepancy::AbcDistance ? "abc_distance" : "synthetic_likelihood";
}

const char* to_string(KernelKind k) { return k == KernelKind::Global ? "global" : "olcm"; }

CalSpec load_calibration(const std::string& path) {
  const auto text = read_text_file(path);
  if (!text) throw FileError(path, "cannot read the calibration file");
  return parse_calibration(*text, path);
}

CalSpec parse_calibration(std::string_view text, const std::string& path) {
  CalSpec spec;
  spec.path = path;
  spec.source_text = std::string(text);
  const toml::table root = parse_toml(text, path);
  const TomlFields top(root, path, "", {path});
  top.only({"calibration"});
  const toml::node* cn = root.get("calibration");
  if (!cn || !cn->is_table()) throw InputError({path}, "calibration", "expected a [calibration] table (see docs/calibration.md)");
  const TomlFields f(*cn->as_table(), path, "calibration", top.loc_of(*cn));
  f.only({"scenario", "set", "targets", "seed", "particles", "replicates", "quantile", "threads_per_run", "stop",
          "parameters", "target", "discrepancy", "kernel"});
  const fs::path dir = fs::path(path).parent_path();

  const auto scenario = f.string("scenario");
  if (!scenario) f.fail("scenario", "missing required key 'scenario' (the base scenario file, relative to this file)");
  spec.base_path = (dir / *scenario).lexically_normal().string();
  const auto base = read_text_file(spec.base_path);
  if (!base) f.fail("scenario", "cannot read base scenario '" + spec.base_path + "' (paths are relative to the calibration file)");
  spec.base_text = *base;

  if (const toml::node* set = f.node("set")) {
    // Same form as `govsim run --set`: e.g. set = ["population.residents=45000"].
    if (!set->is_array()) f.fail_at(*set, "set", "expected an array of \"key=value\" strings, got " + shown(*set));
    for (const auto& e : *set->as_array()) {
      if (!e.is_string()) f.fail_at(e, "set", "expected a \"key=value\" string, got " + shown(e));
      spec.fixed.push_back(e.as_string()->get());
    }
    try {
      (void)parse_scenario(spec.base_text, spec.base_path, spec.fixed);
    } catch (const InputError& e) {
      f.fail("set", std::string("the base scenario with these overrides is not valid: ") + e.what());
    }
  }

  const auto seed = f.integer("seed", 0, int64_t(batch::kMaxSeed));
  if (!seed) f.fail("seed", "missing required key 'seed' (an integer in [0, 2^53-1]; every draw derives from it)");
  spec.seed = uint64_t(*seed);
  spec.particles = uint32_t(f.integer("particles", 4, 1000000).value_or(100));
  spec.replicates = uint32_t(f.integer("replicates", 1, 10000).value_or(1));
  spec.threads_per_run = uint32_t(f.integer("threads_per_run", 1, 4096).value_or(1));
  spec.quantile = f.number("quantile").value_or(0.5);
  if (!(spec.quantile > 0 && spec.quantile < 1)) f.fail("quantile", "expected a number in (0, 1)");
  if (const auto d = f.string("discrepancy"))
    spec.discrepancy = choose<Discrepancy>(f, "discrepancy", *d,
                                           {{"abc_distance", Discrepancy::AbcDistance},
                                            {"synthetic_likelihood", Discrepancy::SyntheticLikelihood}});
  if (const auto k = f.string("kernel"))
    spec.kernel = choose<KernelKind>(f, "kernel", *k, {{"global", KernelKind::Global}, {"olcm", KernelKind::Olcm}});
  if (spec.kernel == KernelKind::Olcm && spec.discrepancy == Discrepancy::SyntheticLikelihood)
    f.fail("kernel", "\"olcm\" builds each ancestor's kernel from the particles within the next ABC tolerance; a "
                     "synthetic likelihood has none: use \"global\"");
  if (spec.discrepancy == Discrepancy::SyntheticLikelihood && spec.replicates < 2)
    f.fail(f.has("replicates") ? "replicates" : "discrepancy",
           "a synthetic likelihood needs replicates >= 2 (its variance includes the replicates' variance)");

  if (const toml::node* sn = f.node("stop")) {
    if (!sn->is_table()) f.fail_at(*sn, "stop", "expected a table, got " + shown(*sn));
    const TomlFields s(*sn->as_table(), path, "calibration.stop", f.loc_of(*sn));
    s.only({"min_tolerance", "min_acceptance", "max_generations", "max_simulations"});
    spec.stop.min_tolerance = s.number("min_tolerance").value_or(0);
    spec.stop.min_acceptance = s.number("min_acceptance").value_or(spec.stop.min_acceptance);
    if (!(spec.stop.min_acceptance >= 0 && spec.stop.min_acceptance < 1))
      s.fail("min_acceptance", "expected a number in [0, 1)");
    spec.stop.max_generations = uint32_t(s.integer("max_generations", 1, 1000).value_or(spec.stop.max_generations));
    spec.stop.max_simulations = uint64_t(s.integer("max_simulations", 1, 100000000).value_or(int64_t(spec.stop.max_simulations)));
    // One generation needs at least one round of particles x replicates runs; refusing now leaves
    // nothing behind (a calibration stopped inside generation 0 would leave its parts).
    const uint64_t round = uint64_t(spec.particles) * spec.replicates;
    if (spec.stop.max_simulations < round)
      s.fail("max_simulations", "expected at least particles x replicates = " + std::to_string(round) +
                                    " (one round of generation 0), got " + std::to_string(spec.stop.max_simulations));
  } else {
    // Without a stop table the default budget grows with a population too large for it.
    spec.stop.max_simulations = std::max<uint64_t>(spec.stop.max_simulations,
                                                   uint64_t(spec.particles) * spec.replicates * spec.stop.max_generations);
  }

  const toml::node* pn = f.node("parameters");
  if (!pn || !pn->is_array_of_tables() || pn->as_array()->empty())
    f.fail("parameters", "expected one or more [[calibration.parameters]] tables");
  size_t i = 0;
  for (const auto& e : *pn->as_array()) {
    CalParam p = parse_param(*e.as_table(), path, i++, f.loc_of(e));
    for (const CalParam& q : spec.params)
      if (q.name == p.name) throw InputError(p.loc, "calibration.parameters", "'" + p.name + "' is calibrated twice");
    spec.params.push_back(std::move(p));
  }

  TargetsFile file;
  if (const auto tp = f.string("targets")) {
    spec.targets_path = (dir / *tp).lexically_normal().string();
    file = read_targets_file(spec.targets_path, f);
    spec.population_reference = file.population_reference;
  }
  const toml::node* tn = f.node("target");
  if (!tn || !tn->is_array_of_tables() || tn->as_array()->empty())
    f.fail("target", "expected one or more [[calibration.target]] tables (id and use = \"fit\" or \"holdout\")");
  i = 0;
  bool any_fit = false;
  for (const auto& e : *tn->as_array()) {
    const TomlFields t(*e.as_table(), path, "calibration.target[" + std::to_string(++i) + "]", f.loc_of(e));
    t.only({"id", "use", "value", "error", "series", "month", "scalar"});
    const auto id = t.string("id");
    if (!id) t.fail("id", "missing required key 'id'");
    Target target;
    if (t.has("value")) {
      target.id = *id;
      read_inline_target(t, target);
    } else {
      if (spec.targets_path.empty())
        t.fail("id", "target '" + *id + "' has no 'value': name a targets file in calibration.targets, or give the target inline");
      const auto it = file.by_id.find(*id);
      if (it == file.by_id.end()) {
        const std::string best = closest_match(*id, file.ids);
        t.fail("id", "no target '" + *id + "' in " + spec.targets_path + (best.empty() ? "" : "; did you mean '" + best + "'?"));
      }
      target = it->second;
    }
    const auto use = t.string("use");
    if (!use) t.fail("use", "missing required key 'use' (\"fit\" or \"holdout\")");
    target.use = choose<TargetUse>(t, "use", *use, {{"fit", TargetUse::Fit}, {"holdout", TargetUse::Holdout}});
    target.loc = t.table_loc();
    for (const Target& o : spec.targets)
      if (o.id == target.id) t.fail("id", "target '" + target.id + "' is named twice");
    any_fit |= target.use == TargetUse::Fit;
    spec.targets.push_back(std::move(target));
  }
  if (!any_fit) f.fail("target", "no target has use = \"fit\": there is nothing to calibrate to");
  // The base scenario must load (with every prior's midpoint) before any run starts.
  std::vector<std::string> overrides = spec.fixed;
  for (const CalParam& p : spec.params) overrides.push_back(p.name + "=" + to_toml_literal(0.5 * (p.prior.lower + p.prior.upper)));
  try {
    (void)parse_scenario(spec.base_text, spec.base_path, overrides);
  } catch (const InputError& e) {
    f.fail("scenario", std::string("the base scenario with the calibrated parameters set is not valid: ") + e.what());
  }
  return spec;
}

}  // namespace govsim::calibrate
