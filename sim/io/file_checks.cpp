#include "sim/io/file_checks.hpp"

#include <filesystem>

#include "sim/core/errors.hpp"

namespace govsim {

namespace fs = std::filesystem;

void require_regular_file(const std::string& path, const std::string& what) {
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st) || fs::is_regular_file(st)) return;
  if (fs::is_directory(st)) throw FileError(path, "cannot read " + what + ": is a directory");
  const char* kind = fs::is_fifo(st)                                      ? "a FIFO"
                     : fs::is_character_file(st) || fs::is_block_file(st) ? "a device"
                     : fs::is_socket(st)                                  ? "a socket"
                                                                          : "not a plain file";
  throw FileError(path, "cannot read " + what + ": not a regular file (" + std::string(kind) + ")");
}

bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  if (fs::exists(a, ec) && fs::exists(b, ec)) {
    const bool eq = fs::equivalent(a, b, ec);
    if (!ec) return eq;
  }
  const fs::path pa = fs::weakly_canonical(fs::absolute(a, ec), ec);
  const fs::path pb = fs::weakly_canonical(fs::absolute(b, ec), ec);
  return !pa.empty() && pa == pb;
}

void refuse_output_over_input(const std::string& output,
                              const std::vector<std::pair<std::string, std::string>>& inputs) {
  for (const auto& [what, path] : inputs)
    if (!path.empty() && same_file(output, path))
      throw UsageError(
          "output " + output + " is the " + what + " " + path +
          " (the same file): writing it would destroy the input; choose another output with -o");
}

}  // namespace govsim
