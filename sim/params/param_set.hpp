#pragma once
// The resolved values of one scenario: every declared parameter has a value (from the file,
// from `--set`, or its default), each remembering where it came from for later error messages.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/errors.hpp"
#include "sim/params/param_registry.hpp"

namespace govsim {

struct ResolvedValue {
  ParamValue value;
  SourceLoc loc;
};

// One element of an array of tables (e.g. one crisis phase): field name -> value.
struct Record {
  std::map<std::string, ResolvedValue, std::less<>> fields;  // keyed by field name ("start")
  SourceLoc loc;                                            // where the [[table]] header is

  int64_t get_int(std::string_view field) const;
  double get_double(std::string_view field) const;  // also accepts Int values
  bool get_bool(std::string_view field) const;
  const std::string& get_string(std::string_view field) const;
  Date get_date(std::string_view field) const;
  const ResolvedValue& at(std::string_view field) const;
};

// A dated change of parameters during a run ([[events]] in a scenario): from `date` on, each
// key takes its new value. Applied before that day's step, in file order.
struct ParamEvent {
  Date date;
  std::string label;
  std::vector<std::pair<std::string, ResolvedValue>> set;  // key -> new value (with its location)
  SourceLoc loc;                                           // where the [[events]] header is
};

class ParamSet {
 public:
  explicit ParamSet(const ParamRegistry& registry) : registry_(&registry) {}

  const ParamRegistry& registry() const { return *registry_; }

  // Typed getters. A path that is not declared, or a type mismatch, is a programming error
  // (std::logic_error), not a user error: user input was checked by the loader.
  int64_t get_int(std::string_view path) const;
  double get_double(std::string_view path) const;  // also accepts Int values
  bool get_bool(std::string_view path) const;
  const std::string& get_string(std::string_view path) const;
  Date get_date(std::string_view path) const;
  const std::vector<Record>& records(std::string_view table_array_path) const;
  const ResolvedValue& at(std::string_view path) const;

  // Setters used by the loader (and by tests that build scenarios in code).
  void set(const std::string& path, ParamValue v, SourceLoc loc);
  void set_records(const std::string& path, std::vector<Record> records);
  bool has(std::string_view path) const;

  // Directory of the scenario file: relative data-table paths are resolved against it.
  const std::string& base_dir() const { return base_dir_; }
  void set_base_dir(std::string d) { base_dir_ = std::move(d); }

  // Dated events, in the order they apply (by date, then file order).
  const std::vector<ParamEvent>& events() const { return events_; }
  void set_events(std::vector<ParamEvent> events) { events_ = std::move(events); }

  // Every scalar and table array, for serialising the resolved scenario.
  const std::map<std::string, ResolvedValue, std::less<>>& scalars() const { return scalars_; }
  const std::map<std::string, std::vector<Record>, std::less<>>& tables() const { return tables_; }

 private:
  const ParamRegistry* registry_;
  std::map<std::string, ResolvedValue, std::less<>> scalars_;
  std::map<std::string, std::vector<Record>, std::less<>> tables_;
  std::vector<ParamEvent> events_;
  std::string base_dir_;
};

}  // namespace govsim
