#pragma once
// One `--set KEY=VALUE` argument, split and checked before the loader looks the key up, and
// --set floats parsed exactly as the scenario file parses them (TOML syntax, subnormals included).
#include <optional>
#include <string>

namespace govsim {

// Longest value accepted after '=' in --set (the whole command line is also capped, see
// kMaxCommandLineLength in sim/cli/commands.hpp).
inline constexpr size_t kMaxSetValueLength = 4096;

struct SetArgument {
  std::string key;
  std::string value;
};

// Splits "KEY=VALUE". Throws InputError (at "--set ...") if there is no '=' or no key, if the key
// has "[]" (a field of an array of tables: those are edited in the scenario file), or if the key
// or the value is longer than its limit.
SetArgument parse_set_argument(const std::string& arg);

// The number a scenario file would read for `text` as a TOML value (a float, or an integer taken
// as a float): "0.5", "1e-310", "1_000.0", "5". nullopt for anything else, or a non-finite value.
std::optional<double> parse_set_float(const std::string& text);

// "--set ARG" shortened to a readable length, for error messages.
std::string set_argument_label(const std::string& arg);

}  // namespace govsim
