#pragma once
// Typed reads of one TOML table for the sweep parser: each failure is an InputError at the
// key's line:col naming the key and what was expected, and unknown keys get a did-you-mean.
#include <toml++/toml.h>

#include <optional>
#include <string>
#include <vector>

#include "sim/core/errors.hpp"

namespace govsim {

class TomlFields {
 public:
  // `prefix` names the table in messages ("sweep", "sweep.parameters[2]").
  TomlFields(const toml::table& t, std::string file, std::string prefix, SourceLoc table_loc)
      : t_(t), file_(std::move(file)), prefix_(std::move(prefix)), loc_(std::move(table_loc)) {}

  SourceLoc loc_of(const toml::node& n) const;
  SourceLoc key_loc(const std::string& key) const;  // the table's own position if absent
  const SourceLoc& table_loc() const { return loc_; }
  std::string key(const std::string& k) const { return prefix_.empty() ? k : prefix_ + "." + k; }
  bool has(const std::string& k) const { return t_.contains(k); }
  const toml::node* node(const std::string& k) const { return t_.get(k); }

  // Rejects any key not in `allowed`, suggesting the closest allowed one.
  void only(const std::vector<std::string>& allowed) const;

  std::optional<std::string> string(const std::string& k) const;
  std::optional<int64_t> integer(const std::string& k, int64_t min, int64_t max) const;
  std::optional<double> number(const std::string& k) const;

  [[noreturn]] void fail(const std::string& k, const std::string& msg) const;
  [[noreturn]] void fail_at(const toml::node& n, const std::string& k, const std::string& msg) const;

 private:
  const toml::table& t_;
  std::string file_, prefix_;
  SourceLoc loc_;
};

// How a TOML value looks in a message: "a table", "\"text\"", "3.5".
std::string shown(const toml::node& n);

// The whole text of a regular file, or nullopt when it is missing, not a regular file (a
// directory, a FIFO) or unreadable. Sweep and calibration files and their base scenarios.
std::optional<std::string> read_text_file(const std::string& path);

}  // namespace govsim
