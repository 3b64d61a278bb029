// TOML -> ParamSet. Every key is looked up in the one parameter registry; anything unknown,
// mistyped, out of range or impossible is reported as file:line:col: key: expectation.
#include <toml++/toml.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "sim/engine/model.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/set_argument.hpp"
#include "sim/scenario/toml_limits.hpp"
#include "sim/scenario/toml_text.hpp"

namespace govsim {
namespace {

SourceLoc loc_of(const std::string& file, const toml::source_region& r) {
  return {file, r.begin.line, r.begin.column};
}

[[noreturn]] void fail(const SourceLoc& loc, const std::string& key, const std::string& msg) {
  throw InputError(loc, key, msg);
}

std::string got(const std::string& what) { return ", got " + what; }

void check_range(const ParamSpec& s, double x, const std::string& shown, const SourceLoc& loc) {
  if ((s.min && x < *s.min) || (s.max && x > *s.max))
    fail(loc, s.path, "expected " + s.expectation() + got(shown));
}

ParamValue check_string(const ParamSpec& s, const std::string& v, const SourceLoc& loc,
                        const ParamRegistry&) {
  if (s.allowed.empty() || std::find(s.allowed.begin(), s.allowed.end(), v) != s.allowed.end())
    return v;
  std::string best;
  size_t best_d = SIZE_MAX;
  for (const auto& a : s.allowed)
    if (size_t d = edit_distance(v, a); d < best_d) best_d = d, best = a;
  std::string msg = "expected " + s.expectation() + got("\"" + v + "\"");
  if (best_d <= std::max<size_t>(2, v.size() / 3)) msg += "; did you mean \"" + best + "\"?";
  fail(loc, s.path, msg);
}

ParamValue date_from_string(const ParamSpec& s, const std::string& v, const SourceLoc& loc) {
  if (auto d = Date::parse(v)) return *d;
  fail(loc, s.path, "expected " + s.expectation() + got("'" + v + "' (no such day, or not YYYY-MM-DD)"));
}

// Converts one TOML value to the declared type, with range and enum checks.
ParamValue convert(const toml::node& n, const ParamSpec& s, const SourceLoc& loc,
                   const ParamRegistry& reg) {
  const std::string shown = toml_shown(n);
  switch (s.type) {
    case ParamType::Int: {
      if (!n.is_integer()) fail(loc, s.path, "expected " + s.expectation() + got(shown));
      const int64_t v = n.as_integer()->get();
      check_range(s, double(v), shown, loc);
      return v;
    }
    case ParamType::Float: {
      double v;
      if (n.is_integer()) v = double(n.as_integer()->get());
      else if (n.is_floating_point()) v = n.as_floating_point()->get();
      else fail(loc, s.path, "expected " + s.expectation() + got(shown));
      if (!std::isfinite(v)) fail(loc, s.path, "expected " + s.expectation() + got(shown));
      check_range(s, v, shown, loc);
      return v;
    }
    case ParamType::Bool:
      if (!n.is_boolean()) fail(loc, s.path, "expected " + s.expectation() + got(shown));
      return n.as_boolean()->get();
    case ParamType::String:
      if (!n.is_string()) fail(loc, s.path, "expected " + s.expectation() + got(shown));
      return check_string(s, n.as_string()->get(), loc, reg);
    case ParamType::Date: {
      if (n.is_string()) return date_from_string(s, n.as_string()->get(), loc);
      if (!n.is_date()) fail(loc, s.path, "expected " + s.expectation() + got(shown));
      const toml::date d = n.as_date()->get();
      if (!Date::valid_ymd(d.year, d.month, d.day))
        fail(loc, s.path, "expected " + s.expectation() + got(shown + " (no such day)"));
      return Date::from_ymd(d.year, d.month, d.day);
    }
    case ParamType::TableArray: break;
  }
  fail(loc, s.path, "expected " + s.expectation());
}

// Parses a --set value written as plain text.
ParamValue convert_text(const std::string& text, const ParamSpec& s, const SourceLoc& loc,
                        const ParamRegistry& reg) {
  auto bad = [&] { fail(loc, s.path, "expected " + s.expectation() + got("'" + text + "'")); };
  switch (s.type) {
    case ParamType::Int: {
      size_t used = 0;
      long long v = 0;
      try { v = std::stoll(text, &used); } catch (...) { bad(); }
      if (used != text.size()) bad();
      check_range(s, double(v), text, loc);
      return int64_t(v);
    }
    case ParamType::Float: {
      const std::optional<double> v = parse_set_float(text);  // as the file parses it
      if (!v) bad();
      check_range(s, *v, text, loc);
      return *v;
    }
    case ParamType::Bool:
      if (text == "true") return true;
      if (text == "false") return false;
      bad();
      return {};
    case ParamType::String: {
      std::string v = text;
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      return check_string(s, v, loc, reg);
    }
    case ParamType::Date: return date_from_string(s, text, loc);
    case ParamType::TableArray:
      fail(loc, s.path, "arrays of tables cannot be set with --set; edit the scenario file");
  }
  bad();
  return {};
}

bool is_section(const ParamRegistry& reg, const std::string& path) {
  for (const ParamSpec& s : reg.all())
    if (s.path.rfind(path + ".", 0) == 0 && s.path.find("[]") == std::string::npos) return true;
  return false;
}

std::string valid_keys_of(const ParamRegistry& reg, const std::string& section) {
  std::string out;
  for (const ParamSpec& s : reg.all()) {
    if (s.path.rfind(section + ".", 0) != 0 || s.path.find("[]") != std::string::npos) continue;
    const std::string rest = s.path.substr(section.size() + 1);
    if (rest.find('.') != std::string::npos) continue;
    out += (out.empty() ? "" : ", ") + rest;
  }
  return out;
}

std::string suggestion(const ParamRegistry& reg, const std::string& path, const std::string& section) {
  std::string best = reg.closest(path);
  if (best.empty()) {  // maybe a misspelt section: compare top-level names
    std::set<std::string> tops;
    for (const ParamSpec& s : reg.all()) tops.insert(s.path.substr(0, s.path.find('.')));
    const std::string top = path.substr(0, path.find('.'));
    for (const auto& t : tops)
      if (edit_distance(top, t) <= 2 && t != top) return "; did you mean [" + t + "]?";
  }
  if (!best.empty()) return "; did you mean '" + best + "'?";
  const std::string keys = section.empty() ? "" : valid_keys_of(reg, section);
  return keys.empty() ? "" : "; valid keys in [" + section + "]: " + keys;
}

struct Walker {
  const ParamRegistry& reg;
  const std::string& file;
  ParamSet& out;

  void table(const toml::table& t, const std::string& prefix) {
    for (auto&& [k, node] : t) {
      const std::string path = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
      const SourceLoc loc = loc_of(file, k.source().begin.line ? k.source() : node.source());
      const ParamSpec* spec = reg.find(path);
      if (spec && spec->type == ParamType::TableArray) {
        if (!node.is_array_of_tables())
          fail(loc, path, "expected " + spec->expectation());
        records(*node.as_array(), *spec, loc);
      } else if (spec) {
        if (node.is_table()) fail(loc, path, "expected " + spec->expectation() + ", got a table");
        out.set(path, convert(node, *spec, loc, reg), loc);
      } else if (node.is_table() && is_section(reg, path)) {
        table(*node.as_table(), path);
      } else {
        fail(loc, path, "unknown key '" + path + "'" + suggestion(reg, path, prefix));
      }
    }
  }

  void records(const toml::array& arr, const ParamSpec& spec, const SourceLoc& loc) {
    std::vector<Record> recs;
    const auto fields = reg.fields_of(spec.path);
    int index = 0;
    for (const toml::node& el : arr) {
      ++index;
      const toml::table& t = *el.as_table();
      Record r;
      r.loc = loc_of(file, t.source());
      if (r.loc.line == 0) r.loc = loc;
      for (auto&& [k, node] : t) {
        const std::string path = spec.path + "[]." + std::string(k.str());
        const SourceLoc kl = loc_of(file, k.source());
        const ParamSpec* f = reg.find(path);
        if (!f) {
          std::string names;
          for (const ParamSpec* fs : fields) names += (names.empty() ? "" : ", ") + fs->path.substr(spec.path.size() + 3);
          std::string best;
          for (const ParamSpec* fs : fields) {
            const std::string n = fs->path.substr(spec.path.size() + 3);
            if (edit_distance(k.str(), n) <= 2) best = n;
          }
          fail(kl, spec.path, "unknown key '" + std::string(k.str()) + "' in [[" + spec.path + "]]" +
                                  (best.empty() ? "; valid keys: " + names : "; did you mean '" + best + "'?"));
        }
        r.fields[std::string(k.str())] = ResolvedValue{convert(node, *f, kl, reg), kl};
      }
      for (const ParamSpec* f : fields) {
        const std::string name = f->path.substr(spec.path.size() + 3);
        if (r.fields.count(name)) continue;
        if (!f->default_value)
          fail(r.loc, spec.path, "missing required key '" + name + "' (" + f->expectation() +
                                     ") in [[" + spec.path + "]] #" + std::to_string(index));
        r.fields[name] = ResolvedValue{*f->default_value, {"<default>"}};
      }
      recs.push_back(std::move(r));
    }
    out.set_records(spec.path, std::move(recs));
  }
};

void apply_override(const std::string& arg, const ParamRegistry& reg, ParamSet& out) {
  const SourceLoc loc{set_argument_label(arg)};
  const auto [key, value] = parse_set_argument(arg);
  const ParamSpec* spec = reg.find(key);
  if (!spec) {
    const std::string best = reg.closest(key);
    throw InputError(loc, key, "unknown key '" + key + "'" +
                                   (best.empty() ? "; `govsim params` lists every key" : "; did you mean '" + best + "'?"));
  }
  out.set(key, convert_text(value, *spec, loc, reg), loc);
}

}  // namespace

const ParamRegistry& parameter_registry() {
  static const ParamRegistry reg = [] {
    ParamRegistry r;
    declare_engine_parameters(r);
    for (const ModelInfo& m : model_catalog()) m.declare(r);
    return r;
  }();
  return reg;
}

Scenario parse_scenario(std::string_view text, const std::string& name,
                        const std::vector<std::string>& overrides, const ParamRegistry& reg) {
  Scenario sc{name, std::string(text), ParamSet(reg)};
  toml::table root;
  check_toml_limits(text, name);
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    throw InputError(loc_of(name, e.source()), "", "TOML syntax error: " + std::string(e.description()));
  }
  Walker{reg, name, sc.params}.table(root, "");
  for (const std::string& o : overrides) apply_override(o, reg, sc.params);
  for (const ParamSpec& s : reg.all()) {
    if (s.path.find("[]") != std::string::npos || s.type == ParamType::TableArray) continue;
    if (sc.params.has(s.path)) continue;
    if (!s.default_value)
      throw InputError({name}, s.path, "missing required key '" + s.path + "' (" + s.expectation() + "): " + s.doc);
    sc.params.set(s.path, *s.default_value, {"<default>"});
  }
  check_scenario(sc.params);
  return sc;
}

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides,
                       const ParamRegistry& reg) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw FileError(path, "cannot read scenario: no such file");
  if (std::filesystem::is_directory(path, ec)) throw FileError(path, "cannot read scenario: is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FileError(path, "cannot read scenario: permission denied or unreadable");
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_scenario(ss.str(), path, overrides, reg);
}

std::string resolved_toml(const ParamSet& p) {
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> sections;
  for (const auto& [path, v] : p.scalars()) {
    const size_t dot = path.rfind('.');
    sections[path.substr(0, dot)].push_back({path.substr(dot + 1), to_toml_literal(v.value)});
  }
  std::string out = "# resolved by govsim: every parameter with its final value\n";
  for (const auto& [sec, kv] : sections) {
    out += "\n[" + sec + "]\n";
    for (const auto& [k, v] : kv) out += k + " = " + v + "\n";
  }
  for (const auto& [path, recs] : p.tables())
    for (const Record& r : recs) {
      out += "\n[[" + path + "]]\n";
      for (const auto& [k, v] : r.fields) out += k + " = " + to_toml_literal(v.value) + "\n";
    }
  return out;
}

Calendar make_calendar(const ParamSet& p) {
  std::vector<PhaseSpan> spans;
  for (const Record& r : p.records("crisis.phases")) {
    PhaseSpan s;
    parse_phase(r.get_string("kind"), s.kind);
    s.start = r.get_date("start");
    s.end = r.get_date("end");
    s.intensity = r.get_double("intensity");
    s.label = r.get_string("label");
    spans.push_back(s);
  }
  return Calendar(p.get_date("calendar.start"), p.get_date("calendar.end"), std::move(spans));
}

}  // namespace govsim
