#include "sim/cli/key_figures.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include <toml++/toml.h>

#include "sim/core/errors.hpp"

namespace govsim::cli {
namespace fs = std::filesystem;

std::string find_targets_file(const std::string& scenario_path) {
  if (scenario_path.empty()) return "";
  const std::string name = fs::path(scenario_path).filename().string();
  std::vector<fs::path> dirs;
  if (const char* env = std::getenv("GOVSIM_TARGETS_DIR")) dirs.emplace_back(env);
  dirs.push_back(fs::path(scenario_path).parent_path() / ".." / "paper_repro" / "targets");
  dirs.push_back(fs::path("paper_repro") / "targets");
  std::error_code ec;
  for (const auto& d : dirs) {
    if (!fs::is_directory(d, ec)) continue;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(d, ec))
      if (e.path().extension() == ".toml") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      try {
        const toml::table tbl = toml::parse_file(f.string());
        if (const auto* arr = tbl["scenarios"].as_array())
          for (const auto& v : *arr)
            if (v.value<std::string>() == name) return f.lexically_normal().string();
      } catch (const toml::parse_error&) {
        continue;  // a broken targets file is reported by the tools that read it
      }
    }
  }
  return "";
}

namespace {

// A double default: value_or(NAN) would read published values as float (NAN is a float constant).
constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();


bool is_share(const std::string& unit) { return unit.find("share") != std::string::npos; }

std::string fmt(double v, const std::string& unit) {
  char b[64];
  if (std::isnan(v)) return "n/a";
  if (is_share(unit)) std::snprintf(b, sizeof b, "%.1f %%", 100 * v);
  else if (std::fabs(v) >= 100) {
    std::snprintf(b, sizeof b, "%.0f", v);
    std::string s = b, out;  // thousands separators
    const size_t start = s[0] == '-' ? 1 : 0;
    for (size_t i = 0; i < s.size(); ++i) {
      out += s[i];
      const size_t rest = s.size() - i - 1;
      if (i >= start && rest > 0 && rest % 3 == 0) out += ',';
    }
    return out;
  } else std::snprintf(b, sizeof b, "%.3g", v);
  return b;
}

}  // namespace

KeyFigures compare_with_targets(const std::string& targets_path, const ResultTables& t, bool all) {
  KeyFigures k;
  k.targets_path = targets_path;
  toml::table tbl;
  try {
    tbl = toml::parse_file(targets_path);
  } catch (const toml::parse_error& e) {
    throw InputError({targets_path, uint32_t(e.source().begin.line), uint32_t(e.source().begin.column)}, "",
                     std::string(e.description()));
  }
  k.title = tbl["title"].value_or(std::string(tbl["case"].value_or(std::string("targets"))));
  const double popref = tbl["population_reference"].value_or(0.0);
  const auto* targets = tbl["target"].as_array();
  if (!targets) return k;
  for (const auto& node : *targets) {
    const auto* x = node.as_table();
    if (!x) continue;
    if (!all && !(*x)["key"].value_or(false)) continue;
    TargetComparison r;
    r.id = (*x)["id"].value_or(std::string("?"));
    r.label = (*x)["label"].value_or(r.id);
    const std::string unit = (*x)["unit"].value_or(std::string());
    const std::string kind = (*x)["kind"].value_or(std::string("point"));
    double lo = NAN, hi = NAN, v = NAN;
    if (kind == "range") {
      lo = (*x)["value"][0].value_or(kMissing), hi = (*x)["value"][1].value_or(kMissing);
      r.published = fmt(lo, unit) + "-" + fmt(hi, unit);
    } else {
      v = (*x)["value"].value_or(kMissing);
      lo = hi = v;
      r.published = (kind == "lower" ? "> " : "") + fmt(v, unit);
    }
    if (const auto abs = (*x)["tolerance"]["absolute"].value<double>()) {
      lo -= *abs, hi += *abs;
      char b[32];
      std::snprintf(b, sizeof b, is_share(unit) ? "±%.0f pp" : "±%g", is_share(unit) ? 100 * *abs : *abs);
      r.tolerance = b;
    } else if (const auto rel = (*x)["tolerance"]["relative"].value<double>()) {
      lo *= 1 - *rel, hi *= 1 + *rel;
      char b[32];
      std::snprintf(b, sizeof b, "±%.0f %%", 100 * *rel);
      r.tolerance = b;
    } else if (const auto fac = (*x)["tolerance"]["factor"].value<double>()) {
      lo /= *fac, hi *= *fac;
      char b[32];
      std::snprintf(b, sizeof b, "x%g", *fac);
      r.tolerance = b;
    }
    if (kind == "lower") lo = v, hi = INFINITY;  // a lower bound: any value above it agrees
    // The simulated quantity.
    double sim = NAN;
    const auto* m = (*x)["maps_to"].as_table();
    if (m) {
      if (const auto series = (*m)["series"].value<std::string>()) {
        const std::string month = (*m)["month"].value_or(std::string());
        if (const SeriesTable* s = t.find_monthly(*series))
          for (size_t i = 0; i < t.months.size(); ++i)
            if (t.months[i] == month) sim = s->total(i);
      } else if ((*m)["ratio"].as_array() || (*m)["reduction"].as_array()) {
        const bool ratio = (*m)["ratio"].as_array() != nullptr;
        const auto& pair = *(*m)[ratio ? "ratio" : "reduction"].as_array();
        const ScalarValue* a = pair.size() == 2 ? t.find_scalar(pair[0].value_or(std::string())) : nullptr;
        const ScalarValue* b = pair.size() == 2 ? t.find_scalar(pair[1].value_or(std::string())) : nullptr;
        if (a && b && b->value != 0) sim = ratio ? a->value / b->value : 1 - a->value / b->value;
      } else if (const auto scalar = (*m)["scalar"].value<std::string>()) {
        if (const ScalarValue* s = t.find_scalar(*scalar)) {
          sim = s->value;
          if ((*m)["scale"].value_or(std::string()) == "population")
            sim = (popref > 0 && t.num_residents > 0) ? sim * popref / t.num_residents : NAN;
        }
      }
    }
    r.available = !std::isnan(sim);
    r.simulated = fmt(sim, unit);
    r.input = (*x)["role"].value_or(std::string()) == "input";
    r.pass = !r.input && r.available && sim >= lo - 1e-12 && sim <= hi + 1e-12;
    k.rows.push_back(std::move(r));
  }
  return k;
}

std::string format_key_figures(const KeyFigures& k) {
  if (k.rows.empty()) return "";
  size_t w = 6;
  for (const auto& r : k.rows) w = std::max(w, r.label.size());
  std::string out = "key figures vs published (" + k.title + "; " + k.targets_path + "):\n";
  char line[512];
  std::snprintf(line, sizeof line, "  %-*s %12s %12s  %-9s %s\n", int(w), "", "published", "simulated", "tolerance", "");
  out += line;
  int pass = 0, avail = 0;
  for (const auto& r : k.rows) {
    std::snprintf(line, sizeof line, "  %-*s %12s %12s  %-9s %s\n", int(w), r.label.c_str(), r.published.c_str(),
                  r.simulated.c_str(), r.tolerance.c_str(),
                  !r.available ? "not in this result" : r.input ? "input (not scored)" : r.pass ? "within" : "OUTSIDE");
    out += line;
    pass += r.pass, avail += r.available && !r.input;
  }
  std::snprintf(line, sizeof line, "  %d of %d within tolerance (one run; paper_repro/ compares replicate means)\n", pass, avail);
  return out + line;
}

}  // namespace govsim::cli

namespace govsim::cli {
std::string key_figures_for_result(const std::string& result_path, const std::string& scenario_path) {
  try {
    const std::string targets = find_targets_file(scenario_path);
    if (targets.empty()) return "";
    return format_key_figures(compare_with_targets(targets, read_result_tables(result_path)));
  } catch (const std::exception&) {
    return "";
  }
}
}  // namespace govsim::cli
