#include "sim/scenario/toml_fields.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/core/closest_match.hpp"

#include "sim/params/param_registry.hpp"
#include "sim/scenario/toml_text.hpp"

namespace govsim {

std::string shown(const toml::node& n) { return toml_shown(n); }

SourceLoc TomlFields::loc_of(const toml::node& n) const {
  const auto& b = n.source().begin;
  if (b.line == 0) return loc_;
  return {file_, b.line, b.column};
}

SourceLoc TomlFields::key_loc(const std::string& k) const {
  for (auto&& [key, n] : t_)
    if (key.str() == k) {
      const auto& b = key.source().begin;
      return b.line ? SourceLoc{file_, b.line, b.column} : loc_of(n);
    }
  return loc_;
}

void TomlFields::fail(const std::string& k, const std::string& msg) const {
  throw InputError(key_loc(k), key(k), msg);
}

void TomlFields::fail_at(const toml::node& n, const std::string& k, const std::string& msg) const {
  throw InputError(loc_of(n), key(k), msg);
}

void TomlFields::only(const std::vector<std::string>& allowed) const {
  for (auto&& [k, n] : t_) {
    const std::string name(k.str());
    if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
    const std::string best = closest_match(name, allowed);
    std::string msg = "unknown key '" + name + "'";
    if (!best.empty()) {
      msg += "; did you mean '" + best + "'?";
    } else {
      msg += "; valid keys: ";
      for (size_t i = 0; i < allowed.size(); ++i) msg += (i ? ", " : "") + allowed[i];
    }
    fail(name, msg);
  }
}

std::optional<std::string> TomlFields::string(const std::string& k) const {
  const toml::node* n = t_.get(k);
  if (!n) return std::nullopt;
  if (!n->is_string()) fail_at(*n, k, "expected a string, got " + shown(*n));
  return n->as_string()->get();
}

std::optional<int64_t> TomlFields::integer(const std::string& k, int64_t min, int64_t max) const {
  const toml::node* n = t_.get(k);
  if (!n) return std::nullopt;
  const std::string want = "an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
  if (!n->is_integer()) fail_at(*n, k, "expected " + want + ", got " + shown(*n));
  const int64_t v = n->as_integer()->get();
  if (v < min || v > max) fail_at(*n, k, "expected " + want + ", got " + std::to_string(v));
  return v;
}

std::optional<double> TomlFields::number(const std::string& k) const {
  const toml::node* n = t_.get(k);
  if (!n) return std::nullopt;
  double v = 0;
  if (n->is_integer()) v = double(n->as_integer()->get());
  else if (n->is_floating_point()) v = n->as_floating_point()->get();
  else fail_at(*n, k, "expected a number, got " + shown(*n));
  if (!std::isfinite(v)) fail_at(*n, k, "expected a finite number, got " + shown(*n));
  return v;
}

std::optional<std::string> read_text_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace govsim
