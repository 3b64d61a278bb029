#include "sim/cli/output_name.hpp"

#include <filesystem>
#include <functional>

namespace govsim::cli {
namespace {

// Characters safe in a file name on every system we run on; anything else becomes '_'.
std::string sanitise(const std::string& s) {
  std::string out;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '-' || c == '_' || c == '=' || c == '+';
    out += ok ? c : '_';
  }
  return out;
}

}  // namespace

std::string default_output_name(const std::string& scenario_path, const std::vector<std::string>& sets,
                                std::optional<uint64_t> seed) {
  std::string name = std::filesystem::path(scenario_path).stem().string();
  for (const auto& s : sets) name += "__" + sanitise(s);
  if (seed) name += "__seed=" + std::to_string(*seed);
  // Keep within the usual 255-byte limit of a file name.
  if (name.size() > 240) {
    const size_t h = std::hash<std::string>{}(name);
    name = name.substr(0, 220) + "__" + std::to_string(h % 1000000000ULL);
  }
  return name + ".h5";
}

}  // namespace govsim::cli
