#pragma once
// Checks on the paths a command is given, made before any work: inputs must be regular files (a
// FIFO or a device given as a file would block or never end), and no output may be one of the
// inputs (it would be overwritten with the result).
#include <string>
#include <vector>

namespace govsim {

// Throws FileError(path, "... not a regular file ...") if `path` exists and is not a regular file
// (after following symlinks). Says nothing about a missing path: callers report that themselves.
void require_regular_file(const std::string& path, const std::string& what);

// True if `a` and `b` name the same file: the same inode when both exist (symlinks, relative
// paths, hard links: std::filesystem::equivalent), else the same normalised absolute path.
bool same_file(const std::string& a, const std::string& b);

// Throws UsageError if `output` is (or resolves to) any of `inputs`; `inputs` are (description,
// path) pairs, e.g. {"scenario", "s.toml"}. The inputs are left untouched.
void refuse_output_over_input(const std::string& output,
                              const std::vector<std::pair<std::string, std::string>>& inputs);

}  // namespace govsim
