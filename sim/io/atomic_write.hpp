#pragma once
// Writing a file so that it appears under its name only when complete: write a temporary file in
// the same directory, flush it to disk, rename it over the target. A writer killed at any moment
// (SIGKILL included) leaves at most a `.NAME.tmp-*` file, never a partial file under NAME.
#include <functional>
#include <string>

#include "sim/core/utc_now.hpp"

namespace govsim {

// Calls `write(tmp_path)`, then fsyncs and renames tmp_path to `path`. On failure the temporary
// is removed and `path` is untouched; GovsimErrors pass through, other exceptions become
// FileError(path, "cannot write <what>: ..."). Safe to call from several threads at once.
void write_file_atomically(const std::string& path, const std::string& what,
                           const std::function<void(const std::string& tmp_path)>& write);

}  // namespace govsim
