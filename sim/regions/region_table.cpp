#include "sim/regions/region_table.hpp"

#include <cmath>
#include <cstdlib>
#include <stdexcept>

#include "sim/core/errors.hpp"
#include "sim/regions/csv_reader.hpp"

namespace govsim {
namespace {

int required_column(const CsvFile& f, const std::string& name, const std::string& role) {
  const int c = f.column(name);
  if (c < 0) {
    std::string have;
    for (const CsvField& h : f.header.fields) have += (have.empty() ? "" : ", ") + h.text;
    throw InputError({f.path, f.header.line, 1}, name,
                     "missing column '" + name + "' (" + role + "); the header has: " + have);
  }
  return c;
}

bool parse_number(const std::string& s, double& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && std::isfinite(out);
}

SourceLoc cell(const CsvFile& f, const CsvRow& r, int c) { return {f.path, r.line, r.fields[c].column}; }

}  // namespace

const std::vector<double>& RegionTable::numeric(const std::string& column) const {
  auto it = numeric_.find(column);
  if (it == numeric_.end()) throw std::logic_error("region table has no numeric column '" + column + "'");
  return it->second;
}

std::vector<std::string> RegionTable::codes() const {
  std::vector<std::string> v;
  for (const Region& r : regions_) v.push_back(r.code);
  return v;
}

std::vector<std::string> RegionTable::names() const {
  std::vector<std::string> v;
  for (const Region& r : regions_) v.push_back(r.name);
  return v;
}

RegionTable RegionTable::load(const std::string& path, const std::string& population_column) {
  const CsvFile f = read_csv(path);
  const int code = required_column(f, "code", "a unique region code");
  const int name = required_column(f, "name", "the region's name");
  const int pop = required_column(f, population_column, "residents, as named by regions.population_column");
  if (f.rows.empty()) throw InputError({path, f.header.line, 1}, "", "the region table has no rows");
  if (f.rows.size() > 100000) throw InputError({path, f.rows[100000].line, 1}, "", "at most 100000 regions");

  RegionTable t;
  t.path_ = path;
  // A column is numeric if every cell parses as a finite number.
  std::vector<bool> numeric(f.header.fields.size(), true);
  for (const CsvRow& r : f.rows)
    for (size_t c = 0; c < r.fields.size(); ++c) {
      double x;
      if (!parse_number(r.fields[c].text, x)) numeric[c] = false;
    }
  for (const CsvRow& r : f.rows) {
    Region g;
    g.code = r.fields[code].text;
    g.name = r.fields[name].text;
    if (g.code.empty()) throw InputError(cell(f, r, code), "code", "empty region code");
    if (auto [it, fresh] = t.index_.emplace(g.code, uint32_t(t.regions_.size())); !fresh)
      throw InputError(cell(f, r, code), "code",
                       "duplicate region code '" + g.code + "' (first on line " +
                           std::to_string(f.rows[it->second].line) + ")");
    if (!parse_number(r.fields[pop].text, g.population) || g.population < 0 || g.population > 2e9)
      throw InputError(cell(f, r, pop), population_column,
                       "expected a number of residents in [0, 2e9], got '" + r.fields[pop].text + "'");
    t.regions_.push_back(std::move(g));
  }
  for (size_t c = 0; c < f.header.fields.size(); ++c) {
    if (!numeric[c] || int(c) == code) continue;
    std::vector<double>& col = t.numeric_[f.header.fields[c].text];
    for (const CsvRow& r : f.rows) col.push_back(std::strtod(r.fields[c].text.c_str(), nullptr));
  }
  t.adjacency_.assign(t.regions_.size(), {});
  return t;
}

void RegionTable::load_links(const std::string& path) {
  const CsvFile f = read_csv(path);
  const int a = required_column(f, "a", "code of the first region");
  const int b = required_column(f, "b", "code of the second region");
  const int w = f.column("weight");
  auto region = [&](const CsvRow& r, int c) {
    auto it = index_.find(r.fields[c].text);
    if (it == index_.end())
      throw InputError(cell(f, r, c), f.header.fields[c].text,
                       "unknown region '" + r.fields[c].text + "': not a code of " + path_);
    return it->second;
  };
  for (const CsvRow& r : f.rows) {
    RegionLink l{region(r, a), region(r, b), 1.0};
    if (l.a == l.b) throw InputError(cell(f, r, b), "b", "a region cannot border itself");
    if (w >= 0 && (!parse_number(r.fields[w].text, l.weight) || !(l.weight > 0)))
      throw InputError(cell(f, r, w), "weight", "expected a positive number, got '" + r.fields[w].text + "'");
    links_.push_back(l);
    adjacency_[l.a].push_back({l.b, l.weight});
    adjacency_[l.b].push_back({l.a, l.weight});
  }
}

std::vector<uint32_t> scaled_region_sizes(const RegionTable& t, double scale) {
  std::vector<uint32_t> n;
  for (const Region& r : t.regions()) {
    const double x = std::round(r.population * scale);
    n.push_back(r.population > 0 ? static_cast<uint32_t>(std::max(1.0, x)) : 0u);
  }
  return n;
}

}  // namespace govsim
