// TOML -> ParamSet. Every key is looked up in the one parameter registry; anything unknown,
// mistyped, out of range or impossible is reported as file:line:col: key: expectation.
#include <toml++/toml.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>

#include "sim/core/closest_match.hpp"
#include "sim/model/component.hpp"
#include "sim/model/model.hpp"
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
// A true/false given to a number in [0, 1]: most likely a switch that became a level (the Jiaxing
// conditions did, issue 15).
std::string former_switch(const ParamSpec& s) {
  if (s.min != 0.0 || s.max != 1.0) return "";
  return "; " + s.path + " is a level now, not a switch: write 1 for true, 0 for false, or a level between";
}

void check_range(const ParamSpec& s, double x, const std::string& shown, const SourceLoc& loc) {
  if ((s.min && x < *s.min) || (s.max && x > *s.max))
    fail(loc, s.path, "expected " + s.expectation() + got(shown));
}

ParamValue check_string(const ParamSpec& s, const std::string& v, const SourceLoc& loc,
                        const ParamRegistry&) {
  if (s.allowed.empty() || std::find(s.allowed.begin(), s.allowed.end(), v) != s.allowed.end())
    return v;
  const std::string best = closest_match(v, s.allowed);
  std::string msg = "expected " + s.expectation() + got("\"" + v + "\"");
  if (!best.empty()) msg += "; did you mean \"" + best + "\"?";
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
      else if (n.is_boolean()) fail(loc, s.path, "expected " + s.expectation() + got(shown) + former_switch(s));
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
      if (!v && (text == "true" || text == "false"))
        fail(loc, s.path, "expected " + s.expectation() + got("'" + text + "'") + former_switch(s));
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
  if (best.empty()) {  // maybe a misspelt section, or a section written without its model's prefix
    std::set<std::string> tops, sections;
    for (const ParamSpec& s : reg.all()) {
      tops.insert(s.path.substr(0, s.path.find('.')));
      for (size_t dot = s.path.find('.'); dot != std::string::npos; dot = s.path.find('.', dot + 1))
        if (s.path.find("[]") == std::string::npos) sections.insert(s.path.substr(0, dot));
    }
    const std::string top = path.substr(0, path.find('.'));
    const std::string t = closest_match(top, {tops.begin(), tops.end()});
    if (!t.empty()) return "; did you mean [" + t + "]?";
    for (const std::string& sec : sections)  // [conditions] -> [jiaxing.conditions]
      if (sec.size() > top.size() && sec.compare(sec.size() - top.size() - 1, std::string::npos, "." + top) == 0)
        return "; did you mean [" + sec + "]?";
  }
  if (!best.empty()) return "; did you mean '" + best + "'?";
  const std::string keys = section.empty() ? "" : valid_keys_of(reg, section);
  return keys.empty() ? "" : "; valid keys in [" + section + "]: " + keys;
}

// The section name if it is a model's own section ([jiaxing], [collab]...), else "".
std::string path_model_section(const std::string& section) {
  for (const ModelInfo& m : model_catalog())
    if (m.name == section) return section;
  return "";
}

// Why a key that this scenario's registry lacks is not accepted, when another model or component
// declares it, or when it was removed (one-line migration messages); "" when it is simply unknown.
std::string explain_foreign_key(const ParamRegistry& reg, const std::string& path) {
  if (path == "population.platforms")
    return "population.platforms was removed: no model reads it (a model declares its own agent kinds); "
           "delete the line";
  const ParamRegistry& all = parameter_registry();
  if (&reg == &all) return "";
  if (!all.find(path) && !is_section(all, path)) return "";
  std::string owners;
  for (const ModelInfo& m : model_catalog()) {
    std::vector<std::string> comps = m.world.components;
    const ParamRegistry& r = parameter_registry(m.name, comps);
    if (r.find(path) || is_section(r, path)) owners += (owners.empty() ? "'" : ", '") + m.name + "'";
  }
  const std::string top = path.substr(0, path.find('.'));
  if (find_component(top))
    return "'" + path + "' belongs to the " + top + " component; enable it with [components] " + top +
           " = true (models that can use it: " + owners + ")";
  if (path.find('.') == std::string::npos && top != path_model_section(path))
    return "this scenario's model does not use [" + path + "] (models that do: " + owners + "); delete the section";
  if (path.rfind("population.", 0) == 0 || top == "network" || top == "regions")
    return "this scenario's model does not use '" + path + "' (it is declared by " + owners +
           "); delete the line";
  return "'" + path + "' belongs to model " + owners + ", not to this scenario's run.model";
}

struct Walker {
  const ParamRegistry& reg;
  const std::string& file;
  ParamSet& out;

  void table(const toml::table& t, const std::string& prefix) {
    for (auto&& [k, node] : t) {
      const std::string path = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
      const SourceLoc loc = loc_of(file, k.source().begin.line ? k.source() : node.source());
      if (path == "events") {
        if (!node.is_array_of_tables())
          fail(loc, path, "expected [[events]] tables (date = YYYY-MM-DD, set = { key = value, ... })");
        events(*node.as_array(), loc);
        continue;
      }
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
      } else if (const std::string why = explain_foreign_key(reg, path); !why.empty()) {
        fail(loc, path, why);
      } else {
        fail(loc, path, "unknown key '" + path + "'" + suggestion(reg, path, prefix));
      }
    }
  }

  // [[events]]: date, optional label, set = { key = value, ... } (dotted or nested keys).
  void events(const toml::array& arr, const SourceLoc& loc) {
    std::vector<ParamEvent> evs;
    int index = 0;
    for (const toml::node& el : arr) {
      ++index;
      const toml::table& t = *el.as_table();
      ParamEvent ev;
      ev.loc = loc_of(file, t.source());
      if (ev.loc.line == 0) ev.loc = loc;
      const std::string where = "[[events]] #" + std::to_string(index);
      bool have_date = false, have_set = false;
      for (auto&& [k, node] : t) {
        const SourceLoc kl = loc_of(file, k.source());
        const std::string key(k.str());
        if (key == "date") {
          static const ParamSpec date_spec{"events[].date", ParamType::Date, std::nullopt, {}, {}, {}, "date",
                                           "", ""};
          ev.date = std::get<Date>(convert(node, date_spec, kl, reg));
          have_date = true;
        } else if (key == "label") {
          if (!node.is_string()) fail(kl, "events[].label", "expected a string" + got(toml_shown(node)));
          ev.label = node.as_string()->get();
        } else if (key == "set") {
          if (!node.is_table()) fail(kl, "events[].set", "expected a table such as set = { key = value }" + got(toml_shown(node)));
          event_values(*node.as_table(), "", ev);
          have_set = true;
        } else {
          fail(kl, "events", "unknown key '" + key + "' in " + where + "; valid keys: date, label, set");
        }
      }
      if (!have_date) fail(ev.loc, "events", "missing required key 'date' (a date, e.g. 2020-03-03) in " + where);
      if (!have_set || ev.set.empty())
        fail(ev.loc, "events", "missing required key 'set' (e.g. set = { some.parameter = 1 }) in " + where);
      evs.push_back(std::move(ev));
    }
    std::stable_sort(evs.begin(), evs.end(), [](const ParamEvent& a, const ParamEvent& b) { return a.date < b.date; });
    out.set_events(std::move(evs));
  }

  void event_values(const toml::table& t, const std::string& prefix, ParamEvent& ev) {
    for (auto&& [k, node] : t) {
      const std::string path = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
      const SourceLoc kl = loc_of(file, k.source().begin.line ? k.source() : node.source());
      const ParamSpec* spec = reg.find(path);
      if (!spec && node.is_table()) {
        event_values(*node.as_table(), path, ev);
        continue;
      }
      if (!spec || path.find("[]") != std::string::npos) {
        const std::string why = explain_foreign_key(reg, path);
        fail(kl, path, why.empty() ? "unknown key '" + path + "'" + suggestion(reg, path, "") : why);
      }
      if (!spec->changeable)
        fail(kl, path, "cannot change during a run: " +
                           std::string(spec->type == ParamType::TableArray ? "it is a list of tables"
                                                                           : "it is read only when the world is built") +
                           " (`govsim params` marks the keys [[events]] may set)");
      for (const auto& [p, v] : ev.set)
        if (p == path) fail(kl, path, "set twice in the same event (first at " + v.loc.str() + ")");
      ev.set.push_back({path, ResolvedValue{convert(node, *spec, kl, reg), kl}});
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
          std::vector<std::string> field_names;
          for (const ParamSpec* fs : fields) field_names.push_back(fs->path.substr(spec.path.size() + 3));
          const std::string best = closest_match(k.str(), field_names);
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
    declare_engine_parameters(r, nullptr, {});
    for (const ModelInfo& m : model_catalog()) {
      declare_world_parameters(r, m, m.world.components);
      m.declare(r);
    }
    for (const ComponentInfo& c : component_catalog()) c.declare(r);
    return r;
  }();
  return reg;
}

const ParamRegistry& parameter_registry(const std::string& model, const std::vector<std::string>& components) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<ParamRegistry>> cache;
  std::string key = model;
  for (const std::string& c : components) key += "+" + c;
  std::lock_guard<std::mutex> lock(mutex);
  auto& slot = cache[key];
  if (!slot) {
    const ModelInfo* info = nullptr;
    for (const ModelInfo& m : model_catalog())
      if (m.name == model) info = &m;
    if (!info) throw std::logic_error("parameter_registry: unknown model '" + model + "'");
    auto r = std::make_unique<ParamRegistry>();
    declare_engine_parameters(*r, info, components);
    declare_world_parameters(*r, *info, components);
    info->declare(*r);
    for (const std::string& c : components) find_component(c)->declare(*r);
    slot = std::move(r);
  }
  return *slot;
}

namespace {

// The model and components a scenario selects, read before the full walk (the keys it may use
// depend on them). Unknown names fall back to the catalogue, whose walk then reports them.
const ParamRegistry& select_registry(const toml::table& root, const std::vector<std::string>& overrides) {
  std::string model = "reference";
  std::map<std::string, bool> enabled;
  if (auto m = root["run"]["model"].value<std::string>()) model = *m;
  if (const toml::table* c = root["components"].as_table())
    for (auto&& [k, v] : *c)
      if (auto b = v.value<bool>()) enabled[std::string(k.str())] = *b;
  for (const std::string& o : overrides) {
    if (o.rfind("run.model=", 0) == 0) model = o.substr(10);
    if (o.rfind("components.", 0) == 0 && o.find('=') != std::string::npos) {
      const size_t eq = o.find('=');
      enabled[o.substr(11, eq - 11)] = o.substr(eq + 1) == "true";
    }
  }
  const ModelInfo* info = nullptr;
  for (const ModelInfo& m : model_catalog())
    if (m.name == model) info = &m;
  if (!info) return parameter_registry();
  std::vector<std::string> comps;
  for (const std::string& c : info->world.components)  // in the model's order: one cache key per set
    if (auto it = enabled.find(c); it != enabled.end() && it->second) comps.push_back(c);
  return parameter_registry(model, comps);
}

// toml++ rejects an impossible date (2020-02-30) while parsing, before any key is known. Turn that
// into the documented message naming the key: "calendar.end: expected a date YYYY-MM-DD, got ...".
std::string trimmed(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t\r");
  return b == std::string_view::npos ? std::string() : std::string(s.substr(b, e - b + 1));
}

[[noreturn]] void fail_bad_date(std::string_view text, const std::string& name, const toml::parse_error& e) {
  const uint32_t line_no = e.source().begin.line;
  std::string section, line;
  size_t pos = 0;
  for (uint32_t l = 1; pos <= text.size(); ++l) {
    const size_t end = std::min(text.find('\n', pos), text.size());
    const std::string cur = trimmed(text.substr(pos, end - pos));
    if (l == line_no) { line = cur; break; }
    if (cur.size() > 2 && cur[0] == '[') section = trimmed(cur.substr(cur.find_first_not_of('['), cur.find(']') - cur.find_first_not_of('[')));
    pos = end + 1;
  }
  const size_t eq = line.find('=');
  if (eq == std::string::npos || line.find('{') != std::string::npos)
    throw InputError(loc_of(name, e.source()), "", "TOML syntax error: " + std::string(e.description()));
  const std::string key = trimmed(line.substr(0, eq));
  std::string value = trimmed(line.substr(eq + 1));
  value = trimmed(value.substr(0, value.find('#')));
  const std::string path = section.empty() ? key : section + "." + key;
  throw InputError({name, line_no, uint32_t(eq + 3)}, path,
                   "expected a date YYYY-MM-DD, got '" + value + "' (no such day: " + std::string(e.description()) + ")");
}

toml::table parse_toml(std::string_view text, const std::string& name) {
  check_toml_limits(text, name);
  try {
    return toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    if (std::string_view(e.description()).find("parsing date") != std::string_view::npos) fail_bad_date(text, name, e);
    throw InputError(loc_of(name, e.source()), "", "TOML syntax error: " + std::string(e.description()));
  }
}

Scenario resolve(std::string_view text, const std::string& name, const std::vector<std::string>& overrides,
                 const toml::table& root, const ParamRegistry& reg);

}  // namespace

Scenario parse_scenario(std::string_view text, const std::string& name, const std::vector<std::string>& overrides) {
  const toml::table root = parse_toml(text, name);
  return resolve(text, name, overrides, root, select_registry(root, overrides));
}

Scenario parse_scenario_with(std::string_view text, const std::string& name,
                             const std::vector<std::string>& overrides, const ParamRegistry& reg) {
  return resolve(text, name, overrides, parse_toml(text, name), reg);
}

std::string scenario_data_path(const ParamSet& p, const std::string& key) {
  const std::string& v = p.get_string(key);
  if (v.empty() || p.base_dir().empty() || std::filesystem::path(v).is_absolute()) return v;
  return (std::filesystem::path(p.base_dir()) / v).lexically_normal().string();
}

std::shared_ptr<RegionTable> load_region_table(const ParamSet& p) {
  if (!p.has("regions.table") || p.get_string("regions.table").empty()) return nullptr;
  auto t = std::make_shared<RegionTable>(
      RegionTable::load(scenario_data_path(p, "regions.table"), p.get_string("regions.population_column")));
  if (const std::string b = scenario_data_path(p, "regions.borders"); !b.empty()) t->load_links(b);
  return t;
}

namespace {

Scenario resolve(std::string_view text, const std::string& name, const std::vector<std::string>& overrides,
                 const toml::table& root, const ParamRegistry& reg) {
  Scenario sc{name, std::string(text), ParamSet(reg)};
  sc.params.set_base_dir(std::filesystem::path(name).parent_path().string());
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

}  // namespace

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw FileError(path, "cannot read scenario: no such file");
  if (std::filesystem::is_directory(path, ec)) throw FileError(path, "cannot read scenario: is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FileError(path, "cannot read scenario: permission denied or unreadable");
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_scenario(ss.str(), path, overrides);
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
  for (const ParamEvent& e : p.events()) {
    out += "\n[[events]]\ndate = " + e.date.str() + "\n";
    if (!e.label.empty()) out += "label = " + to_toml_literal(e.label) + "\n";
    out += "set = { ";
    for (size_t i = 0; i < e.set.size(); ++i)
      out += (i ? ", " : "") + e.set[i].first + " = " + to_toml_literal(e.set[i].second.value);
    out += " }\n";
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
