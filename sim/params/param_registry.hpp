#pragma once
// The table of every declared parameter. The engine and each model add their declarations once,
// at start-up; lookups by path are used by the loader, `--set` and `govsim params`.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sim/params/param_spec.hpp"

namespace govsim {

class ParamRegistry {
 public:
  // Adds a declaration. Throws std::logic_error on a duplicate path or an inconsistent spec
  // (default outside its range, default of the wrong type, field of an undeclared table array):
  // such a bug must fail at start-up, not when a user hits it.
  void add(ParamSpec spec);

  // Marks declared parameters as changeable by dated events (the model re-reads them in
  // configure()). Throws std::logic_error for an undeclared path.
  void allow_change_during_run(const std::vector<std::string>& paths);
  // Adds a declaration unless the same path is already declared with the same type (used to build
  // the catalogue of all models, where several declare e.g. population.residents).
  void add_shared(ParamSpec spec);

  const ParamSpec* find(std::string_view path) const;
  const std::vector<ParamSpec>& all() const { return specs_; }  // in declaration order

  // Paths of the fields declared for a table array ("crisis.phases" -> "crisis.phases[].start"...).
  std::vector<const ParamSpec*> fields_of(std::string_view table_array_path) const;

  // The declared path closest to `path` by edit distance (for "did you mean ...?"), or "" if
  // nothing is close enough to be a plausible typo.
  std::string closest(std::string_view path) const;

 private:
  std::vector<ParamSpec> specs_;
  std::map<std::string, size_t, std::less<>> index_;
};

// Edit distance (Levenshtein), used for typo suggestions.
size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace govsim
