#pragma once
// A model's parameters, each declared once together with the struct field it fills.
//
//   ParamTable<TrustParams> t;
//   t.real("jiaxing.trust.gain", &TrustParams::gain, 0.1, 0, 1, "fraction",
//          "Share of the gap to full trust closed by a timely answer.", "assumption: ...")
//       .changeable();
//   t.declare(reg);               // the registry entry: the loader, --set, docs, error messages
//   TrustParams p = t.load(set);  // the typed copy the rules read
//
// The key is spelled once (a grep for it finds its declaration), the field once, and declaring a
// parameter without reading it, or reading one that is not declared, cannot happen. A field inside
// a nested struct or an array is given as a lambda returning a reference to it.
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "sim/params/param_registry.hpp"
#include "sim/params/param_set.hpp"

namespace govsim {

template <class P>
class ParamTable {
 public:
  template <class T>
  using FieldRef = std::function<T&(P&)>;

  // A Float parameter.
  ParamTable& real(std::string key, FieldRef<double> field, double def, double lo, double hi, std::string unit,
                   std::string doc, std::string source) {
    ParamSpec s{std::move(key), ParamType::Float, def, lo, hi, {}, std::move(unit), std::move(doc), std::move(source)};
    return add(std::move(s), [field](const ParamSet& set, const std::string& k, P& p) { field(p) = set.get_double(k); });
  }
  ParamTable& real(std::string key, double P::*field, double def, double lo, double hi, std::string unit,
                   std::string doc, std::string source) {
    return real(std::move(key), member(field), def, lo, hi, std::move(unit), std::move(doc), std::move(source));
  }

  // An Int parameter read into an int field (its declared range keeps it within int).
  ParamTable& integer(std::string key, FieldRef<int> field, int64_t def, double lo, double hi, std::string unit,
                      std::string doc, std::string source) {
    ParamSpec s{std::move(key), ParamType::Int, def, lo, hi, {}, std::move(unit), std::move(doc), std::move(source)};
    return add(std::move(s),
               [field](const ParamSet& set, const std::string& k, P& p) { field(p) = static_cast<int>(set.get_int(k)); });
  }
  ParamTable& integer(std::string key, int P::*field, int64_t def, double lo, double hi, std::string unit,
                      std::string doc, std::string source) {
    return integer(std::move(key), member(field), def, lo, hi, std::move(unit), std::move(doc), std::move(source));
  }

  // A Bool parameter.
  ParamTable& flag(std::string key, FieldRef<bool> field, bool def, std::string doc, std::string source) {
    ParamSpec s{std::move(key), ParamType::Bool, def, {}, {}, {}, "", std::move(doc), std::move(source)};
    return add(std::move(s), [field](const ParamSet& set, const std::string& k, P& p) { field(p) = set.get_bool(k); });
  }
  ParamTable& flag(std::string key, bool P::*field, bool def, std::string doc, std::string source) {
    return flag(std::move(key), member(field), def, std::move(doc), std::move(source));
  }

  // A Date parameter.
  ParamTable& date(std::string key, FieldRef<Date> field, Date def, std::string doc, std::string source) {
    ParamSpec s{std::move(key), ParamType::Date, def, {}, {}, {}, "date", std::move(doc), std::move(source)};
    return add(std::move(s), [field](const ParamSet& set, const std::string& k, P& p) { field(p) = set.get_date(k); });
  }
  ParamTable& date(std::string key, Date P::*field, Date def, std::string doc, std::string source) {
    return date(std::move(key), member(field), def, std::move(doc), std::move(source));
  }

  // A String parameter with its allowed values (empty: any string).
  ParamTable& text(std::string key, std::string P::*field, std::string def, std::vector<std::string> allowed,
                   std::string doc, std::string source) {
    ParamSpec s{std::move(key), ParamType::String, std::move(def), {}, {}, std::move(allowed), "", std::move(doc),
                std::move(source)};
    return add(std::move(s), [field](const ParamSet& set, const std::string& k, P& p) { p.*field = set.get_string(k); });
  }

  // An array of tables: the array's declaration, its fields' declarations (paths "key[].field"),
  // and the function that reads the records into the struct.
  ParamTable& records(ParamSpec array, std::vector<ParamSpec> fields,
                      std::function<void(const std::vector<Record>&, P&)> read) {
    const std::string key = array.path;
    array.type = ParamType::TableArray;
    add(std::move(array), [read](const ParamSet& set, const std::string& k, P& p) { read(set.records(k), p); });
    for (ParamSpec& f : fields) extra_.push_back(std::move(f));
    return *this;
  }

  // Marks the entry just added as one dated [[events]] may change: the rules read it from the
  // struct every day (the model reloads the table in configure()).
  ParamTable& changeable() {
    entries_.back().spec.changeable = true;
    return *this;
  }

  // Adds every declaration to the registry (ParamRegistry::add checks each one).
  void declare(ParamRegistry& reg) const {
    for (const Entry& e : entries_) {
      reg.add(e.spec);
      if (e.spec.type == ParamType::TableArray)
        for (const ParamSpec& f : extra_)
          if (f.path.rfind(e.spec.path + "[].", 0) == 0) reg.add(f);
    }
  }

  // Fills the struct's bound fields from a resolved scenario (other fields keep their values).
  void load(const ParamSet& set, P& p) const {
    for (const Entry& e : entries_) e.read(set, e.spec.path, p);
  }
  P load(const ParamSet& set) const {
    P p{};
    load(set, p);
    return p;
  }

 private:
  using Reader = std::function<void(const ParamSet&, const std::string&, P&)>;
  struct Entry {
    ParamSpec spec;
    Reader read;
  };

  template <class T>
  static FieldRef<T> member(T P::*field) {
    return [field](P& p) -> T& { return p.*field; };
  }
  ParamTable& add(ParamSpec spec, Reader read) {
    entries_.push_back({std::move(spec), std::move(read)});
    return *this;
  }

  std::vector<Entry> entries_;
  std::vector<ParamSpec> extra_;  // fields of table arrays, declared after their array
};

}  // namespace govsim
