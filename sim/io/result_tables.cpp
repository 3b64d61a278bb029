#include "sim/io/result_tables.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ostream>
#include <sstream>

#include "sim/core/errors.hpp"
#include "sim/io/result_open.hpp"

namespace govsim {
namespace {

std::vector<std::string> list_group(hid_t file, const std::string& group) {
  std::vector<std::string> out;
  if (H5Lexists(file, group.c_str(), H5P_DEFAULT) <= 0) return out;
  h5::Handle g(H5Gopen2(file, group.c_str(), H5P_DEFAULT), H5Gclose);
  H5G_info_t info;
  if (H5Gget_info(g, &info) < 0) throw DataError("cannot list the HDF5 group " + group);
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    char name[512];
    H5Lget_name_by_idx(g, ".", H5_INDEX_NAME, H5_ITER_INC, i, name, sizeof name, H5P_DEFAULT);
    out.push_back(name);
  }
  return out;
}

std::string attr_or_empty(hid_t obj, const std::string& name) {
  try {
    return h5::read_attr_string(obj, name);
  } catch (const GovsimError&) {  // DataError (absent or unreadable) or a size-limit ResultFileError
    return "";
  }
}

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ',')) out.push_back(item);
  return out;
}

std::vector<SeriesTable> read_series(hid_t f, const std::string& group) {
  std::vector<SeriesTable> out;
  for (const std::string& name : list_group(f, group)) {
    SeriesTable s;
    s.name = name;
    std::vector<size_t> shape;
    s.values = h5::read_dataset_doubles(f, group + "/" + name, &shape);
    h5::Handle d(H5Dopen2(f, (group + "/" + name).c_str(), H5P_DEFAULT), H5Dclose);
    s.unit = attr_or_empty(d, "unit");
    s.description = attr_or_empty(d, "description");
    s.kind = attr_or_empty(d, "kind");
    s.group_by = attr_or_empty(d, "group_by");
    s.monthly_aggregation = attr_or_empty(d, "monthly_aggregation");
    s.rows = shape.empty() ? 0 : shape[0];
    if (shape.size() > 1) {
      s.groups = split_commas(attr_or_empty(d, "groups"));
      if (s.groups.size() != shape[1]) {  // labels missing or inconsistent: number the columns
        s.groups.clear();
        for (size_t c = 0; c < shape[1]; ++c) s.groups.push_back("group" + std::to_string(c));
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

double SeriesTable::total(size_t row) const {
  double t = 0;
  for (size_t c = 0; c < width(); ++c) t += values[row * width() + c];
  return t;
}

const SeriesTable* ResultTables::find_monthly(const std::string& name) const {
  for (const auto& s : monthly)
    if (s.name == name) return &s;
  return nullptr;
}

const ScalarValue* ResultTables::find_scalar(const std::string& name) const {
  for (const auto& s : scalars)
    if (s.name == name) return &s;
  return nullptr;
}

ResultTables read_result_tables(const std::string& path) {
  h5::Handle f = open_result_file(path);
  ResultTables t;
  try {
    if (h5::read_attr_string(f, "format") == "govsim-sweep")
      throw FileError(path, "is a sweep file; read it with analysis/sweep_results.py (or h5py / hdf5r), "
                            "see docs/sweep_results_layout.md");
    t.model = attr_or_empty(f, "model");
    t.num_residents = h5::read_attr_double(f, "num_residents");
    {
      h5::Handle prov(H5Gopen2(f, "provenance", H5P_DEFAULT), H5Gclose);
      if (prov.valid()) t.scenario_path = attr_or_empty(prov, "scenario_path");
    }
    t.dates = h5::read_dataset_strings(f, "/time/daily/date");
    t.months = h5::read_dataset_strings(f, "/time/monthly/month");
    {
      const auto phase = h5::read_dataset_doubles(f, "/time/daily/phase", nullptr);
      h5::Handle d(H5Dopen2(f, "/time/daily/phase", H5P_DEFAULT), H5Dclose);
      auto labels = split_commas(attr_or_empty(d, "labels"));
      if (labels.empty()) labels = {"pre", "mid", "post"};
      for (double p : phase) {
        const size_t i = size_t(p);
        t.phase_labels.push_back(i < labels.size() ? labels[i] : std::to_string(i));
      }
    }
    t.daily = read_series(f, "/series/daily");
    t.monthly = read_series(f, "/series/monthly");
    for (const std::string& name : list_group(f, "/summary/scalars")) {
      ScalarValue s;
      s.name = name;
      s.value = h5::read_dataset_doubles(f, "/summary/scalars/" + name, nullptr).at(0);
      h5::Handle d(H5Dopen2(f, ("/summary/scalars/" + name).c_str(), H5P_DEFAULT), H5Dclose);
      s.unit = attr_or_empty(d, "unit");
      s.description = attr_or_empty(d, "description");
      t.scalars.push_back(std::move(s));
    }
  } catch (const GovsimError&) {
    throw;
  } catch (const std::exception& e) {
    throw FileError(path, std::string("damaged govsim result: ") + e.what());
  }
  for (const auto& s : t.daily)
    if (s.rows != t.dates.size()) throw FileError(path, "damaged govsim result: daily series " + s.name + " has the wrong length");
  for (const auto& s : t.monthly)
    if (s.rows != t.months.size()) throw FileError(path, "damaged govsim result: monthly series " + s.name + " has the wrong length");
  return t;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string csv_number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Inf" : "-Inf";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  // Shortest text that reads back as the same double.
  for (int p = 1; p < 17; ++p) {
    char shorter[40];
    std::snprintf(shorter, sizeof shorter, "%.*g", p, v);
    if (std::strtod(shorter, nullptr) == v) return shorter;
  }
  return buf;
}

void write_long_csv(std::ostream& out, const ResultTables& t, bool daily, bool monthly, bool with_frequency,
                    const std::vector<std::string>& only) {
  if (with_frequency) out << "frequency,";
  out << "date,series,group,value,unit\n";
  auto wanted = [&](const std::string& n) { return only.empty() || std::find(only.begin(), only.end(), n) != only.end(); };
  auto emit = [&](const std::vector<SeriesTable>& list, const std::vector<std::string>& when, const char* freq) {
    for (const auto& s : list) {
      if (!wanted(s.name)) continue;
      const std::string series = csv_field(s.name), unit = csv_field(s.unit);
      for (size_t r = 0; r < s.rows; ++r)
        for (size_t c = 0; c < s.width(); ++c) {
          if (with_frequency) out << freq << ',';
          out << when[r] << ',' << series << ',' << (s.groups.empty() ? std::string("all") : csv_field(s.groups[c]))
              << ',' << csv_number(s.values[r * s.width() + c]) << ',' << unit << '\n';
        }
    }
  };
  if (daily) emit(t.daily, t.dates, "daily");
  if (monthly) emit(t.monthly, t.months, "monthly");
}

void write_scalars_csv(std::ostream& out, const ResultTables& t) {
  out << "name,value,unit,description\n";
  for (const auto& s : t.scalars)
    out << csv_field(s.name) << ',' << csv_number(s.value) << ',' << csv_field(s.unit) << ','
        << csv_field(s.description) << '\n';
}

void write_calendar_csv(std::ostream& out, const ResultTables& t) {
  out << "date,month,phase\n";
  for (size_t i = 0; i < t.dates.size(); ++i)
    out << t.dates[i] << ',' << t.dates[i].substr(0, 7) << ',' << t.phase_labels[i] << '\n';
}

}  // namespace govsim
