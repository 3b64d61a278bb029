#pragma once
// How a TOML value is quoted in error messages ("got ..."): shared by the scenario loader and
// the sweep file parser so both speak alike.
#include <toml++/toml.h>

#include <sstream>
#include <string>

namespace govsim {

// "a table", "an array", "\"text\"" (strings quoted), or the value as TOML writes it.
inline std::string toml_shown(const toml::node& n) {
  std::ostringstream s;
  n.visit([&](auto&& v) {
    if constexpr (toml::is_table<decltype(v)>) s << "a table";
    else if constexpr (toml::is_array<decltype(v)>) s << "an array";
    else if constexpr (toml::is_string<decltype(v)>) s << '"' << v.get() << '"';
    else s << v;
  });
  return s.str();
}

}  // namespace govsim
