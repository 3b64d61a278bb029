// Sweep file -> SweepSpec. Every varied or fixed key is checked against the one parameter
// registry (exists, right type, inside the declared range) so that mistakes surface before any
// run starts, at the sweep file's line:col.
#include "sim/sweep/sweep_spec.hpp"

#include <toml++/toml.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "sim/core/closest_match.hpp"
#include "sim/checkpoint/branch.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/set_argument.hpp"
#include "sim/scenario/toml_limits.hpp"
#include "sim/design/sobol.hpp"
#include "sim/scenario/toml_fields.hpp"

namespace govsim::sweep {

using govsim::TomlFields;
namespace {

namespace fs = std::filesystem;

// Keys a sweep may not touch: seeds are derived from the sweep seed and the run index; the
// model and the calendar must be the same for every run (one time axis per result file).
std::string forbidden_reason(const std::string& path, bool varied) {
  if (path == "run.seed") return "run seeds are derived from sweep.seed; set the sweep seed instead";
  if (path == "run.index") return "run.index keys the random streams and is left to the base scenario";
  if (varied && path == "run.model") return "a sweep may not vary run.model";
  if (varied && path.rfind("calendar.", 0) == 0) return "a sweep may not vary calendar dates";
  return "";
}

const ParamSpec& lookup(const TomlFields& f, const std::string& key, const std::string& path,
                        const SourceLoc& loc, bool varied, bool from_checkpoint) {
  const ParamRegistry& reg = parameter_registry();
  const ParamSpec* s = reg.find(path);
  if (!s || path.find("[]") != std::string::npos) {
    std::vector<std::string> paths;
    for (const ParamSpec& p : reg.all())
      if (p.path.find("[]") == std::string::npos) paths.push_back(p.path);
    const std::string best = closest_match(path, paths);
    throw InputError(loc, f.key(key), "unknown parameter '" + path + "'" +
                                          (best.empty() ? "; `govsim params` lists every parameter"
                                                        : "; did you mean '" + best + "'?"));
  }
  if (const std::string why = forbidden_reason(path, varied); !why.empty()) throw InputError(loc, f.key(key), why);
  if (from_checkpoint && !s->changeable)
    throw InputError(loc, f.key(key), "'" + path + "' cannot change in a sweep of futures: it is read only when the world "
                                      "is built, and every run continues the checkpoint's world (`govsim params` marks "
                                      "the keys [[events]] may set)");
  if (s->type == ParamType::TableArray)
    throw InputError(loc, f.key(key), "arrays of tables cannot be swept or set; put them in the base scenario");
  if (varied && s->type != ParamType::Int && s->type != ParamType::Float && s->type != ParamType::Bool)
    throw InputError(loc, f.key(key), "only numeric and boolean parameters can be varied; '" + path + "' is " +
                                          to_string(s->type));
  return *s;
}

// A value of a varied parameter as a double, checked against the declaration.
double param_value(const TomlFields& f, const std::string& key, const toml::node& n, const ParamSpec& s) {
  const std::string want = s.expectation();
  if (s.type == ParamType::Bool) {
    if (!n.is_boolean()) f.fail_at(n, key, "expected true or false for " + s.path + ", got " + shown(n));
    return n.as_boolean()->get() ? 1.0 : 0.0;
  }
  if (s.type == ParamType::Int && !n.is_integer())
    f.fail_at(n, key, "expected " + want + " for " + s.path + ", got " + shown(n));
  if (!n.is_integer() && !n.is_floating_point())
    f.fail_at(n, key, "expected " + want + " for " + s.path + ", got " + shown(n));
  const double v = n.is_integer() ? double(n.as_integer()->get()) : n.as_floating_point()->get();
  if (!std::isfinite(v) || (s.min && v < *s.min) || (s.max && v > *s.max))
    f.fail_at(n, key, "expected " + want + " for " + s.path + " (its declared range), got " + shown(n));
  return v;
}

// Flattens nested tables ([sweep.set.population] residents = 1) and dotted keys into
// (path, node) pairs, in key order (toml++ keeps a table's keys sorted).
void flatten(const toml::table& t, const std::string& prefix,
             std::vector<std::pair<std::string, const toml::node*>>& out, const std::string& file,
             std::vector<SourceLoc>& locs) {
  for (auto&& [k, n] : t) {
    const std::string path = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (n.is_table() && !parameter_registry().find(path)) {
      flatten(*n.as_table(), path, out, file, locs);
      continue;
    }
    out.push_back({path, &n});
    const auto& b = k.source().begin.line ? k.source().begin : n.source().begin;
    locs.push_back({file, b.line, b.column});
  }
}

std::string override_text(const toml::node& n) {
  if (n.is_string()) return n.as_string()->get();
  if (n.is_boolean()) return n.as_boolean()->get() ? "true" : "false";
  if (n.is_integer()) return std::to_string(n.as_integer()->get());
  if (n.is_floating_point()) return to_toml_literal(n.as_floating_point()->get());
  if (n.is_date()) {
    const toml::date d = n.as_date()->get();
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", int(d.year), int(d.month), int(d.day));
    return buf;
  }
  return shown(n);
}

void parse_set(const TomlFields& sweep, SweepSpec& spec, std::vector<SourceLoc>& set_locs) {
  const toml::node* n = sweep.node("set");
  if (!n) return;
  if (!n->is_table()) sweep.fail_at(*n, "set", "expected a table of fixed overrides, got " + shown(*n));
  std::vector<std::pair<std::string, const toml::node*>> items;
  flatten(*n->as_table(), "", items, spec.path, set_locs);
  const TomlFields f(*n->as_table(), spec.path, "sweep.set", sweep.loc_of(*n));
  for (size_t i = 0; i < items.size(); ++i) {
    const auto& [path, node] = items[i];
    lookup(f, path, path, set_locs[i], false, spec.checkpoint.has_value());
    if (node->is_table() || node->is_array())
      throw InputError(set_locs[i], "sweep.set." + path, "expected a single value, got " + shown(*node));
    spec.fixed.push_back(path + "=" + override_text(*node));
  }
}

VariedParam parse_param(const toml::table& t, const std::string& file, size_t index, DesignKind design,
                        const SourceLoc& entry_loc, bool from_checkpoint) {
  const TomlFields f(t, file, "sweep.parameters[" + std::to_string(index + 1) + "]", entry_loc);
  f.only({"name", "values", "min", "max", "levels", "scale"});
  VariedParam p;
  p.loc = entry_loc;
  const auto name = f.string("name");
  if (!name) f.fail("name", "missing required key 'name' (the dotted parameter path, e.g. \"population.residents\")");
  p.name = *name;
  const ParamSpec& s = lookup(f, "name", p.name, f.key_loc("name"), true, from_checkpoint);
  p.type = s.type;

  if (const auto scale = f.string("scale")) {
    if (*scale != "linear" && *scale != "log")
      f.fail("scale", "expected \"linear\" or \"log\", got \"" + *scale + "\"");
    p.log_scale = *scale == "log";
  }
  if (const toml::node* v = f.node("values")) {
    if (!v->is_array()) f.fail_at(*v, "values", "expected an array of values, got " + shown(*v));
    if (v->as_array()->empty()) f.fail_at(*v, "values", "expected at least one value, got an empty array");
    for (const char* k : {"min", "max", "levels", "scale"})
      if (f.has(k)) f.fail(k, std::string("'") + k + "' cannot be combined with 'values'");
    std::set<double> seen;
    for (const toml::node& e : *v->as_array()) {
      const double x = param_value(f, "values", e, s);
      if (!seen.insert(x).second) f.fail_at(e, "values", "duplicate value " + shown(e));
      p.values.push_back(x);
    }
    return p;
  }
  if (design == DesignKind::List) {
    for (const char* k : {"min", "max", "levels", "scale"})
      if (f.has(k)) f.fail(k, "design \"list\" takes its values from [[sweep.points]]; give only 'name'");
    return p;
  }
  if (!f.has("min") && !f.has("max")) {
    if (s.type == ParamType::Bool) {
      p.values = {0.0, 1.0};  // a switch: both settings
      return p;
    }
    f.fail("name", "give either 'values' or both 'min' and 'max' for " + p.name);
  }
  if (s.type == ParamType::Bool) f.fail("min", "a boolean parameter takes 'values' (or nothing: both), not a range");
  if (!f.has("min") || !f.has("max")) f.fail(f.has("min") ? "min" : "max", "give both 'min' and 'max'");
  p.lower = param_value(f, "min", *f.node("min"), s);
  p.upper = param_value(f, "max", *f.node("max"), s);
  if (!(p.lower < p.upper)) f.fail("max", "expected max > min, got min " + shown(*f.node("min")) + ", max " + shown(*f.node("max")));
  if (p.log_scale && p.lower <= 0) f.fail("min", "scale = \"log\" needs min > 0");
  const auto levels = f.integer("levels", 2, 100000);
  if (design == DesignKind::Grid) {
    if (!levels) f.fail("name", "design \"grid\" needs 'levels' (>= 2) for a range, or explicit 'values'");
    p.levels = uint32_t(*levels);
  } else if (levels) {
    f.fail("levels", std::string("'levels' applies to design \"grid\" only; design \"") + to_string(design) +
                         "\" samples the range");
  }
  return p;
}

void parse_points(const TomlFields& sweep, SweepSpec& spec) {
  const toml::node* n = sweep.node("points");
  if (spec.design != DesignKind::List) {
    if (n) sweep.fail("points", "[[sweep.points]] is only for design = \"list\"");
    return;
  }
  if (!n || !n->is_array_of_tables() || n->as_array()->empty())
    sweep.fail("design", "design = \"list\" needs at least one [[sweep.points]] table");
  size_t i = 0;
  for (const toml::node& e : *n->as_array()) {
    const TomlFields f(*e.as_table(), spec.path, "sweep.points[" + std::to_string(++i) + "]", sweep.loc_of(e));
    std::vector<std::pair<std::string, const toml::node*>> items;
    std::vector<SourceLoc> locs;
    flatten(*e.as_table(), "", items, spec.path, locs);
    std::vector<double> row(spec.params.size(), std::nan(""));
    for (size_t k = 0; k < items.size(); ++k) {
      size_t j = 0;
      while (j < spec.params.size() && spec.params[j].name != items[k].first) ++j;
      if (j == spec.params.size())
        throw InputError(locs[k], f.key(items[k].first),
                         "'" + items[k].first + "' is not one of the [[sweep.parameters]] names");
      const ParamSpec& s = *parameter_registry().find(items[k].first);
      row[j] = param_value(f, items[k].first, *items[k].second, s);
    }
    for (size_t j = 0; j < row.size(); ++j)
      if (std::isnan(row[j])) throw InputError(f.table_loc(), f.key(spec.params[j].name), "missing a value for " + spec.params[j].name);
    spec.points.push_back(std::move(row));
  }
}

// The base scenario with the fixed overrides must load; an error in a --set-style override is
// reported at the [sweep.set] key that caused it.
void check_base(const SweepSpec& spec, const SourceLoc& scenario_loc, const std::vector<SourceLoc>& set_locs) {
  const std::string key = spec.checkpoint ? "sweep.checkpoint" : "sweep.scenario";
  try {
    (void)base_scenario(spec);
  } catch (const InputError& e) {
    for (size_t i = 0; i < spec.fixed.size(); ++i)
      if (e.loc().file == set_argument_label(spec.fixed[i])) throw InputError(set_locs[i], "sweep.set." + e.key(), e.message());
    throw InputError(scenario_loc, key, "the base scenario is invalid: " + std::string(e.what()));
  } catch (const GovsimError& e) {  // a damaged checkpoint, or one at its scenario's last day
    throw InputError(scenario_loc, key, e.what());
  }
}

}  // namespace

Scenario base_scenario(const SweepSpec& spec) {
  if (spec.checkpoint) return branch_from(*spec.checkpoint, spec.checkpoint_path, spec.fixed).scenario;
  return parse_scenario(spec.base_text, spec.base_path, spec.fixed);
}

SweepSpec parse_sweep(std::string_view text, const std::string& path, const std::optional<std::string>& base_text,
                      const std::optional<std::string>& base_path, const std::optional<CheckpointHeader>& stored_checkpoint) {
  SweepSpec spec;
  spec.path = path;
  spec.source_text = std::string(text);
  toml::table root;
  check_toml_limits(text, path);
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    throw InputError({path, b.line, b.column}, "", "TOML syntax error: " + std::string(e.description()));
  }
  const TomlFields top(root, path, "", {path});
  top.only({"sweep"});
  const toml::node* sn = root.get("sweep");
  if (!sn || !sn->is_table()) throw InputError({path}, "sweep", "expected a [sweep] table (see docs/sweeps.md)");
  const TomlFields f(*sn->as_table(), path, "sweep", top.loc_of(*sn));
  f.only({"scenario", "checkpoint", "seed", "replicates", "design", "samples", "morris_levels", "seed_mode", "threads_per_run",
          "set", "parameters", "points"});

  const auto scenario = f.string("scenario");
  const auto checkpoint = f.string("checkpoint");
  if (scenario && checkpoint)
    f.fail("checkpoint", "give either 'scenario' (runs start on day 0) or 'checkpoint' (runs branch from it), not both");
  if (!scenario && !checkpoint)
    f.fail("scenario", "missing required key 'scenario' (the base scenario file, relative to this file) or "
                       "'checkpoint' (a checkpoint every run branches from)");
  if (checkpoint) {
    // A sweep of futures: the checkpointed run's scenario is the base (docs/checkpoints.md).
    spec.checkpoint_path = (fs::path(path).parent_path() / *checkpoint).lexically_normal().string();
    if (stored_checkpoint) {
      spec.checkpoint = *stored_checkpoint;
    } else {
      try {
        spec.checkpoint = CheckpointFile(spec.checkpoint_path).header();
      } catch (const FileError& e) {
        f.fail("checkpoint", std::string(e.what()) + " (paths are relative to the sweep file)");
      }
    }
    spec.base_text = spec.checkpoint->scenario_source;
    spec.base_path = spec.checkpoint->scenario_path;
  } else if (base_text) {
    spec.base_text = *base_text;
    spec.base_path = base_path.value_or(*scenario);
  } else {
    const fs::path p = fs::path(path).parent_path() / *scenario;
    spec.base_path = p.lexically_normal().string();
    const auto t = read_text_file(p);
    if (!t) f.fail("scenario", "cannot read base scenario '" + spec.base_path + "' (paths are relative to the sweep file)");
    spec.base_text = *t;
  }
  const auto seed = f.integer("seed", 0, int64_t(kMaxSeed));
  if (!seed) f.fail("seed", "missing required key 'seed' (an integer in [0, 2^53-1]; run seeds derive from it)");
  spec.seed = uint64_t(*seed);
  spec.replicates = uint32_t(f.integer("replicates", 1, 1000000).value_or(1));
  spec.threads_per_run = uint32_t(f.integer("threads_per_run", 1, 4096).value_or(1));

  const auto design = f.string("design");
  if (!design) f.fail("design", "missing required key 'design' (\"grid\", \"lhs\", \"saltelli\", \"morris\" or \"list\")");
  bool found = false;
  for (DesignKind k : {DesignKind::Grid, DesignKind::Lhs, DesignKind::Saltelli, DesignKind::Morris, DesignKind::List})
    if (*design == to_string(k)) spec.design = k, found = true;
  if (!found) {
    const std::string best = closest_match(*design, {"grid", "lhs", "saltelli", "morris", "list"});
    f.fail("design", "expected one of \"grid\", \"lhs\", \"saltelli\", \"morris\", \"list\", got \"" + *design + "\"" +
                         (best.empty() ? "" : "; did you mean \"" + best + "\"?"));
  }
  const bool sampled = spec.design == DesignKind::Lhs || spec.design == DesignKind::Saltelli ||
                       spec.design == DesignKind::Morris;
  const auto samples = f.integer("samples", 1, 10000000);
  if (sampled && !samples)
    f.fail("samples", std::string("design \"") + *design + "\" needs 'samples' (" +
                          (spec.design == DesignKind::Morris ? "trajectories" : "base sample size N") + ")");
  if (!sampled && samples) f.fail("samples", "'samples' applies to lhs, saltelli and morris designs only");
  spec.samples = uint32_t(samples.value_or(0));
  const auto levels = f.integer("morris_levels", 2, 1000);
  if (levels && spec.design != DesignKind::Morris) f.fail("morris_levels", "'morris_levels' applies to design \"morris\" only");
  if (levels && *levels % 2) f.fail("morris_levels", "expected an even number of levels (Morris' step is p/(2(p-1)))");
  spec.morris_levels = uint32_t(levels.value_or(4));
  if (const auto mode = f.string("seed_mode")) {
    if (*mode != "per_run" && *mode != "common")
      f.fail("seed_mode", "expected \"per_run\" or \"common\", got \"" + *mode + "\"");
    spec.seed_mode = *mode == "common" ? SeedMode::Common : SeedMode::PerRun;
  }

  std::vector<SourceLoc> set_locs;
  parse_set(f, spec, set_locs);

  const toml::node* pn = f.node("parameters");
  if (!pn) f.fail("parameters", "missing [[sweep.parameters]]: name at least one parameter to vary");
  if (!pn->is_array_of_tables() || pn->as_array()->empty())
    f.fail_at(*pn, "parameters", "expected one or more [[sweep.parameters]] tables");
  std::set<std::string> names;
  for (const toml::node& e : *pn->as_array()) {
    VariedParam p = parse_param(*e.as_table(), path, spec.params.size(), spec.design, f.loc_of(e), spec.checkpoint.has_value());
    if (!names.insert(p.name).second) throw InputError(p.loc, "sweep.parameters", "'" + p.name + "' is varied twice");
    for (const std::string& o : spec.fixed)
      if (o.substr(0, o.find('=')) == p.name)
        throw InputError(p.loc, "sweep.parameters", "'" + p.name + "' is both varied and fixed in [sweep.set]");
    spec.params.push_back(std::move(p));
  }
  if (spec.design == DesignKind::Saltelli && 2 * spec.params.size() > design::sobol_max_dimensions())
    f.fail("parameters", "design \"saltelli\" supports at most " + std::to_string(design::sobol_max_dimensions() / 2) +
                             " parameters");
  parse_points(f, spec);
  check_base(spec, f.key_loc(checkpoint ? "checkpoint" : "scenario"), set_locs);
  return spec;
}

SweepSpec load_sweep(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw FileError(path, "cannot read sweep file: no such file");
  const auto text = read_text_file(path);
  if (!text) throw FileError(path, "cannot read sweep file: not a regular readable file");
  return parse_sweep(*text, path);
}

}  // namespace govsim::sweep
