#include "sim/params/param_registry.hpp"

#include <algorithm>
#include <stdexcept>

#include "sim/core/closest_match.hpp"

namespace govsim {

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

namespace {
bool type_matches(ParamType t, const ParamValue& v) {
  switch (t) {
    case ParamType::Int: return std::holds_alternative<int64_t>(v);
    case ParamType::Float: return std::holds_alternative<double>(v);
    case ParamType::Bool: return std::holds_alternative<bool>(v);
    case ParamType::String: return std::holds_alternative<std::string>(v);
    case ParamType::Date: return std::holds_alternative<Date>(v);
    case ParamType::TableArray: return false;
  }
  return false;
}
}  // namespace

void ParamRegistry::add(ParamSpec spec) {
  const std::string& p = spec.path;
  if (index_.count(p)) throw std::logic_error("parameter '" + p + "' declared twice");
  if (const size_t br = p.find("[]."); br != std::string::npos) {
    const ParamSpec* parent = find(p.substr(0, br));
    if (!parent || parent->type != ParamType::TableArray)
      throw std::logic_error("field '" + p + "' declared before its table array");
  }
  if (const std::string why = spec.source_problem(); !why.empty())
    throw std::logic_error("parameter '" + p + "' " + why);
  if (spec.default_value) {
    if (!type_matches(spec.type, *spec.default_value))
      throw std::logic_error("parameter '" + p + "': default has the wrong type");
    double x = 0;
    if (auto i = std::get_if<int64_t>(&*spec.default_value)) x = double(*i);
    if (auto d = std::get_if<double>(&*spec.default_value)) x = *d;
    if ((spec.min && x < *spec.min) || (spec.max && x > *spec.max))
      throw std::logic_error("parameter '" + p + "': default outside its range");
    if (auto s = std::get_if<std::string>(&*spec.default_value);
        s && !spec.allowed.empty() &&
        std::find(spec.allowed.begin(), spec.allowed.end(), *s) == spec.allowed.end())
      throw std::logic_error("parameter '" + p + "': default not among allowed values");
  }
  index_.emplace(p, specs_.size());
  specs_.push_back(std::move(spec));
}

void ParamRegistry::allow_change_during_run(const std::vector<std::string>& paths) {
  for (const std::string& p : paths) {
    auto it = index_.find(p);
    if (it == index_.end()) throw std::logic_error("allow_change_during_run: '" + p + "' is not declared");
    specs_[it->second].changeable = true;
  }
}

void ParamRegistry::add_shared(ParamSpec spec) {
  if (const ParamSpec* old = find(spec.path)) {
    if (old->type != spec.type) throw std::logic_error("parameter '" + spec.path + "' declared with two types");
    return;
  }
  add(std::move(spec));
}

const ParamSpec* ParamRegistry::find(std::string_view path) const {
  auto it = index_.find(path);
  return it == index_.end() ? nullptr : &specs_[it->second];
}

std::vector<const ParamSpec*> ParamRegistry::fields_of(std::string_view table_array_path) const {
  std::vector<const ParamSpec*> out;
  const std::string prefix = std::string(table_array_path) + "[].";
  for (const ParamSpec& s : specs_)
    if (s.path.rfind(prefix, 0) == 0) out.push_back(&s);
  return out;
}

std::string ParamRegistry::closest(std::string_view path) const {
  std::vector<std::string> paths;
  paths.reserve(specs_.size());
  for (const ParamSpec& s : specs_) paths.push_back(s.path);
  return closest_match(path, paths);
}

}  // namespace govsim
