#include <unistd.h>

#include <filesystem>

#include "sim/core/errors.hpp"
#include "sim/io/result_writer.hpp"

namespace govsim {

void write_result_atomically(ResultWriter& writer, const RunResult& result, const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw FileError(path, "cannot create result file: directory '" + dir.string() + "' does not exist");
  if (fs::is_directory(target, ec)) throw FileError(path, "cannot create result file: is a directory");
  const fs::path tmp = dir / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()));
  try {
    writer.write(result, tmp.string());
    fs::rename(tmp, target);
  } catch (const GovsimError&) {
    fs::remove(tmp, ec);
    throw;
  } catch (const std::exception& e) {
    fs::remove(tmp, ec);
    throw FileError(path, std::string("cannot create result file: ") + e.what());
  }
}

}  // namespace govsim
