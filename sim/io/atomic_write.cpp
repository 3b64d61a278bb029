#include "sim/io/atomic_write.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <functional>
#include <thread>

#include "sim/core/errors.hpp"
#include "sim/io/result_writer.hpp"

namespace govsim {
namespace {

// Flushes the file's data to the disk so that the rename never exposes an empty file after a
// power cut (a killed process cannot lose written data; a crashed machine can).
void sync_file(const std::filesystem::path& p) {
  const int fd = ::open(p.c_str(), O_RDONLY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& what,
                           const std::function<void(const std::string& tmp_path)>& write) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw FileError(path, "cannot create " + what + ": directory '" + dir.string() + "' does not exist");
  if (fs::is_directory(target, ec)) throw FileError(path, "cannot create " + what + ": is a directory");
  // pid and thread: unique among concurrent writers (the threads of a sweep, the ranks of MPI).
  std::string name = ".";
  name += target.filename().string();
  name += ".tmp-" + std::to_string(::getpid()) + "-" +
          std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id()) % 1000000007u);
  const fs::path tmp = dir / name;
  try {
    write(tmp.string());
    sync_file(tmp);
    fs::rename(tmp, target);
  } catch (const DataError& e) {  // a low-level failure that does not name the file yet
    fs::remove(tmp, ec);
    throw FileError(path, "cannot write " + what + ": " + e.what());
  } catch (const FileError& e) {
    fs::remove(tmp, ec);
    if (e.path() != tmp.string()) throw;
    // The writer named the temporary file; the user knows only the target.
    throw FileError(path, std::string(e.what()).substr(e.path().size() + 2));
  } catch (const GovsimError&) {
    fs::remove(tmp, ec);
    throw;
  } catch (const std::exception& e) {
    fs::remove(tmp, ec);
    throw FileError(path, "cannot write " + what + ": " + e.what());
  }
}

void write_result_atomically(ResultWriter& writer, const RunResult& result, const std::string& path) {
  write_file_atomically(path, "result file", [&](const std::string& tmp) { writer.write(result, tmp); });
}

}  // namespace govsim
