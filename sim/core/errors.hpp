#pragma once
// Every error type govsim throws, in one place (as FLAME GPU keeps its exceptions).
// They are thrown deep inside the engine and caught and printed only by the CLI layer,
// which turns them into one line and a non-zero exit status.
#include <cstdint>
#include <stdexcept>
#include <string>

namespace govsim {

// Where a value came from: a scenario file position, a `--set` argument, or a default.
struct SourceLoc {
  std::string file;    // scenario path, "--set", or "<default>"
  uint32_t line = 0;   // 1-based; 0 when unknown
  uint32_t column = 0; // 1-based; 0 when unknown

  // "file:line:col" (or just "file" when there is no position).
  std::string str() const {
    if (line == 0) return file;
    return file + ":" + std::to_string(line) + ":" + std::to_string(column);
  }
};

// Base of everything a user can cause. `what()` is the full one-line message.
class GovsimError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A bad scenario, sweep file or --set value. Printed as `file:line:col: key: message`.
class InputError : public GovsimError {
 public:
  InputError(SourceLoc loc, std::string key, std::string message)
      : GovsimError(format(loc, key, message)),
        loc_(std::move(loc)), key_(std::move(key)), message_(std::move(message)) {}
  const SourceLoc& loc() const { return loc_; }
  const std::string& key() const { return key_; }
  const std::string& message() const { return message_; }

 private:
  static std::string format(const SourceLoc& loc, const std::string& key, const std::string& msg) {
    std::string out = loc.str();
    if (!out.empty()) out += ": ";
    if (!key.empty()) out += key + ": ";
    return out + msg;
  }
  SourceLoc loc_;
  std::string key_;
  std::string message_;
};

// A file that cannot be opened, read or written (missing, directory, unreadable, corrupt).
class FileError : public GovsimError {
 public:
  FileError(const std::string& path, const std::string& message)
      : GovsimError(path + ": " + message), path_(path) {}
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Something wrong inside an HDF5 file, or an HDF5 call that failed, said without the file's name
// (the low-level helpers of sim/io do not know it). Readers and writers catch it and rethrow a
// FileError or ResultFileError that names the file; it never reaches the user on its own.
class DataError : public GovsimError {
 public:
  using GovsimError::GovsimError;
};

// A result file (single run or sweep) that is present but cannot be used: a wrong type, a size
// beyond the reader's limits, inconsistent datasets. `what()` names the file, the dataset and the
// limit. A FileError, so every caller that handles unreadable files handles these too.
class ResultFileError : public FileError {
 public:
  ResultFileError(const std::string& path, const std::string& dataset, const std::string& message)
      : FileError(path, dataset.empty() ? message : dataset + ": " + message), dataset_(dataset) {}
  const std::string& dataset() const { return dataset_; }

 private:
  std::string dataset_;
};

// A wrong command line that CLI11 itself cannot detect (e.g. a malformed --set).
class UsageError : public GovsimError {
 public:
  using GovsimError::GovsimError;
};

// The run was interrupted by a signal; partial output has been removed.
class Interrupted : public GovsimError {
 public:
  Interrupted() : GovsimError("interrupted; no result file was written") {}
  explicit Interrupted(const std::string& message) : GovsimError(message) {}
};

// A failure already reported elsewhere (by MPI rank 0 for the other ranks): exit non-zero
// without printing the same line again.
class QuietFailure : public GovsimError {
 public:
  QuietFailure() : GovsimError("") {}
};

}  // namespace govsim
