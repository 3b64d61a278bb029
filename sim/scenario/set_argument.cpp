#include "sim/scenario/set_argument.hpp"

#include <toml++/toml.h>

#include <cmath>

#include "sim/core/errors.hpp"
#include "sim/scenario/toml_limits.hpp"

namespace govsim {

std::string set_argument_label(const std::string& arg) {
  constexpr size_t kShown = 80;
  if (arg.size() <= kShown) return "--set " + arg;
  return "--set " + arg.substr(0, kShown) + "... (" + std::to_string(arg.size()) + " characters)";
}

SetArgument parse_set_argument(const std::string& arg) {
  const SourceLoc loc{set_argument_label(arg)};
  const size_t eq = arg.find('=');
  if (eq == std::string::npos || eq == 0)
    throw InputError(loc, "", "expected KEY=VALUE, e.g. --set population.residents=50000");
  SetArgument a{arg.substr(0, eq), arg.substr(eq + 1)};
  if (a.key.size() > kMaxTomlKeyLength)
    throw InputError(loc, "",
                     "key longer than " + std::to_string(kMaxTomlKeyLength) + " characters");
  if (a.value.size() > kMaxSetValueLength)
    throw InputError(loc, a.key,
                     "value longer than " + std::to_string(kMaxSetValueLength) +
                         " characters; put long values in the scenario file");
  if (a.key.find("[]") != std::string::npos)
    throw InputError(
        loc, a.key,
        "fields of arrays of tables (such as [[crisis.phases]]) cannot be set with --set: "
        "edit them in the scenario file");
  return a;
}

std::optional<double> parse_set_float(const std::string& text) {
  // Exactly the scenario file's parser: the text as the value of a one-key TOML document.
  if (text.empty() || text.find_first_of("\n\r#=") != std::string::npos) return std::nullopt;
  toml::table t;
  try {
    t = toml::parse("v = " + text);
  } catch (const toml::parse_error&) {
    return std::nullopt;
  }
  if (t.size() != 1) return std::nullopt;
  const toml::node* n = t.get("v");
  if (!n) return std::nullopt;
  double v = 0;
  if (n->is_integer())
    v = double(n->as_integer()->get());
  else if (n->is_floating_point())
    v = n->as_floating_point()->get();
  else
    return std::nullopt;
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace govsim
