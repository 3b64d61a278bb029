#include "sim/params/param_set.hpp"

#include <stdexcept>

namespace govsim {
namespace {

template <class T>
const T& as(const ResolvedValue& v, std::string_view path) {
  if (auto p = std::get_if<T>(&v.value)) return *p;
  throw std::logic_error("parameter '" + std::string(path) + "' read with the wrong type");
}

double as_double(const ResolvedValue& v, std::string_view path) {
  if (auto i = std::get_if<int64_t>(&v.value)) return double(*i);
  return as<double>(v, path);
}

}  // namespace

const ResolvedValue& Record::at(std::string_view field) const {
  auto it = fields.find(field);
  if (it == fields.end()) throw std::logic_error("record has no field '" + std::string(field) + "'");
  return it->second;
}
int64_t Record::get_int(std::string_view f) const { return as<int64_t>(at(f), f); }
double Record::get_double(std::string_view f) const { return as_double(at(f), f); }
bool Record::get_bool(std::string_view f) const { return as<bool>(at(f), f); }
const std::string& Record::get_string(std::string_view f) const { return as<std::string>(at(f), f); }
Date Record::get_date(std::string_view f) const { return as<Date>(at(f), f); }

const ResolvedValue& ParamSet::at(std::string_view path) const {
  auto it = scalars_.find(path);
  if (it == scalars_.end()) throw std::logic_error("parameter '" + std::string(path) + "' not resolved");
  return it->second;
}
int64_t ParamSet::get_int(std::string_view p) const { return as<int64_t>(at(p), p); }
double ParamSet::get_double(std::string_view p) const { return as_double(at(p), p); }
bool ParamSet::get_bool(std::string_view p) const { return as<bool>(at(p), p); }
const std::string& ParamSet::get_string(std::string_view p) const { return as<std::string>(at(p), p); }
Date ParamSet::get_date(std::string_view p) const { return as<Date>(at(p), p); }

const std::vector<Record>& ParamSet::records(std::string_view path) const {
  static const std::vector<Record> kEmpty;
  auto it = tables_.find(path);
  return it == tables_.end() ? kEmpty : it->second;
}

void ParamSet::set(const std::string& path, ParamValue v, SourceLoc loc) {
  if (!registry_->find(path)) throw std::logic_error("parameter '" + path + "' not declared");
  scalars_[path] = ResolvedValue{std::move(v), std::move(loc)};
}

void ParamSet::set_records(const std::string& path, std::vector<Record> records) {
  tables_[path] = std::move(records);
}

bool ParamSet::has(std::string_view path) const {
  return scalars_.count(path) != 0 || tables_.count(path) != 0;
}

}  // namespace govsim
