#include "sim/params/param_spec.hpp"

#include <charconv>
#include <cmath>
#include <string_view>

namespace govsim {

const char* to_string(ParamType t) {
  switch (t) {
    case ParamType::Int: return "integer";
    case ParamType::Float: return "float";
    case ParamType::Bool: return "bool";
    case ParamType::String: return "string";
    case ParamType::Date: return "date";
    case ParamType::TableArray: return "array of tables";
  }
  return "?";
}

namespace {
std::string num(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e16) return std::to_string(static_cast<long long>(v));
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}
}  // namespace

std::string ParamSpec::expectation() const {
  auto range = [&] {
    if (!min && !max) return std::string();
    return " in [" + (min ? num(*min) : "-inf") + ", " + (max ? num(*max) : "inf") + "]";
  };
  switch (type) {
    case ParamType::Int: return "integer" + range();
    case ParamType::Float: return "a finite number" + range();
    case ParamType::Bool: return "true or false";
    case ParamType::Date: return "a date YYYY-MM-DD";
    case ParamType::TableArray: return "an array of tables [[" + path + "]]";
    case ParamType::String: {
      if (allowed.empty()) return "a string";
      std::string s = "one of ";
      for (size_t i = 0; i < allowed.size(); ++i) s += (i ? ", \"" : "\"") + allowed[i] + "\"";
      return s;
    }
  }
  return "?";
}

std::string to_toml_literal(const ParamValue& v) {
  if (auto i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (auto d = std::get_if<double>(&v)) {
    if (std::isnan(*d)) return "nan";
    if (std::isinf(*d)) return *d > 0 ? "inf" : "-inf";
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, *d);  // shortest form that round-trips
    std::string s(buf, r.ptr);
    if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
    return s;
  }
  if (auto b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  if (auto d = std::get_if<Date>(&v)) return d->str();
  const std::string& s = std::get<std::string>(v);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') { out += "\\n"; continue; }
    out += c;
  }
  return out + "\"";
}

std::string ParamSpec::source_problem() const {
  if (setting || path.find("[].") != std::string::npos) return "";
  if (source.empty()) return "declares no source (a seed passage, a paper, a data table, or \"assumption: why\")";
  constexpr std::string_view kAssumption = "assumption";
  if (source.rfind(kAssumption, 0) == 0) {
    // What follows "assumption" (after its punctuation) must be a reason, not a pointer alone.
    size_t i = kAssumption.size();
    while (i < source.size() && (source[i] == ':' || source[i] == ';' || source[i] == ',' || source[i] == ' ')) ++i;
    if (source.size() - i < 12) return "says \"assumption\" without saying why";
  }
  return "";
}

}  // namespace govsim
