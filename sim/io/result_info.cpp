#include "sim/io/result_info.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include "sim/core/errors.hpp"
#include "sim/io/file_checks.hpp"
#include "sim/io/result_open.hpp"

namespace govsim {

h5::Handle open_hdf5_file(const std::string& path, const std::string& what) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path, ec)) throw FileError(path, "no such file");
  if (fs::is_directory(path, ec)) throw FileError(path, "is a directory, not a " + what);
  require_regular_file(path, what);  // a FIFO would block every read below
  if (!std::ifstream(path).good()) throw FileError(path, "cannot read file (permission denied?)");
  h5::silence_errors();
  if (H5Fis_hdf5(path.c_str()) <= 0) throw FileError(path, "not an HDF5 file");
  h5::Handle f(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!f.valid()) throw FileError(path, "corrupt or truncated HDF5 file");
  return f;
}

h5::Handle open_result_file(const std::string& path) {
  h5::Handle f = open_hdf5_file(path, "result file");
  try {
    const std::string format = h5::read_attr_string(f, "format");
    if (format != "govsim-results" && format != "govsim-sweep") throw DataError("");
  } catch (const DataError&) {
    throw FileError(path, "HDF5 file is not a govsim result (no format=\"govsim-results\" or \"govsim-sweep\" attribute)");
  }
  return f;
}

namespace {

std::vector<std::string> members(hid_t file, const std::string& group) {
  if (H5Lexists(file, group.c_str(), H5P_DEFAULT) <= 0) return {};
  h5::Handle g(H5Gopen2(file, group.c_str(), H5P_DEFAULT), H5Gclose);
  if (!g.valid()) throw DataError(group + " is not a group");
  return h5::link_names(g);
}

std::string attr_or(hid_t obj, const std::string& name) {
  try {
    return h5::read_attr_string(obj, name);
  } catch (const DataError&) {
    return "";
  }
}

std::string shape_str(const std::vector<size_t>& s) {
  std::string out = "[";
  for (size_t i = 0; i < s.size(); ++i) out += (i ? ", " : "") + std::to_string(s[i]);
  return out + "]";
}

h5::Handle open_group(hid_t file, const std::string& name) {
  h5::Handle g(H5Gopen2(file, name.c_str(), H5P_DEFAULT), H5Gclose);
  if (!g.valid()) throw DataError("no group " + name);
  return g;
}

}  // namespace

std::string describe_result_file(const std::string& path) {
  h5::Handle f = open_result_file(path);
  try {
    std::string out;
    char line[1024];
    h5::Handle prov = open_group(f, "provenance");
    out += "file:      " + path + "\n";
    out += "govsim:    " + h5::read_attr_string(f, "govsim_version") + " (" + h5::read_attr_string(f, "git_commit") + ")\n";
    out += "model:     " + h5::read_attr_string(f, "model") + "\n";
    std::snprintf(line, sizeof line, "seed:      %.0f (run index %.0f)\nthreads:   %.0f, wall time %.2f s\n",
                  h5::read_attr_double(prov, "seed"), h5::read_attr_double(prov, "run_index"),
                  h5::read_attr_double(prov, "threads"), h5::read_attr_double(prov, "wall_time_s"));
    out += line;
    out += "command:   " + h5::read_attr_string(prov, "command_line") + "\n";
    out += "scenario:  " + h5::read_attr_string(prov, "scenario_path") + "\n";
    out += "created:   " + h5::read_attr_string(prov, "created_utc") + "\n";
    const auto dates = h5::read_dataset_strings(f, "/time/daily/date");
    const auto months = h5::read_dataset_strings(f, "/time/monthly/month");
    if (dates.empty()) throw DataError("/time/daily/date is empty");
    out += "calendar:  " + dates.front() + " to " + dates.back() + " (" + std::to_string(dates.size()) + " days, " +
           std::to_string(months.size()) + " months)\n";
    const auto kind = h5::read_dataset_strings(f, "/time/phases/kind");
    const auto start = h5::read_dataset_strings(f, "/time/phases/start");
    const auto end = h5::read_dataset_strings(f, "/time/phases/end");
    const auto inten = h5::read_dataset_doubles(f, "/time/phases/intensity", nullptr);
    if (start.size() != kind.size() || end.size() != kind.size() || inten.size() != kind.size())
      throw DataError("/time/phases: kind, start, end and intensity differ in length (" + std::to_string(kind.size()) +
                      ", " + std::to_string(start.size()) + ", " + std::to_string(end.size()) + ", " +
                      std::to_string(inten.size()) + ")");
    for (size_t i = 0; i < kind.size(); ++i) {
      std::snprintf(line, sizeof line, "  phase %-4s %s to %s, intensity %.2f\n", kind[i].c_str(),
                    start[i].c_str(), end[i].c_str(), inten[i]);
      out += line;
    }
    if (H5Lexists(f, "/network", H5P_DEFAULT) > 0 && H5Lexists(f, "/network/social", H5P_DEFAULT) > 0) {
      h5::Handle net = open_group(f, "/network/social");
      std::snprintf(line, sizeof line, "network:   %.0f residents, mean degree %.2f, max %.0f, clustering %.3f\n",
                    h5::read_attr_double(f, "num_residents"), h5::read_attr_double(net, "mean_degree"),
                    h5::read_attr_double(net, "max_degree"), h5::read_attr_double(net, "clustering"));
      out += line;
    } else {  // models that read no social network (collab) have none
      std::snprintf(line, sizeof line, "agents:    %.0f residents (no social network)\n",
                    h5::read_attr_double(f, "num_residents"));
      out += line;
    }
    out += "\ndaily series (value on the last day; mean per phase pre / mid / post):\n";
    for (const std::string& name : members(f, "/series/daily")) {
      const std::string series = "/series/daily/" + name, means = "/summary/phase_means/" + name;
      std::vector<size_t> shape, pm_shape;
      const auto v = h5::read_dataset_doubles(f, series, &shape);
      const auto pm = h5::read_dataset_doubles(f, means, &pm_shape);
      if (shape.empty() || shape.size() > 2)
        throw DataError(series + " has shape " + shape_str(shape) + ", expected [days] or [days, groups]");
      if (shape[0] != dates.size())
        throw DataError(series + " has " + std::to_string(shape[0]) + " rows but /time/daily/date has " +
                        std::to_string(dates.size()) + " days");
      const size_t w = shape.size() > 1 ? shape[1] : 1;
      std::vector<size_t> want_pm{3};
      if (shape.size() > 1) want_pm.push_back(w);
      if (pm_shape != want_pm)
        throw DataError(means + " has shape " + shape_str(pm_shape) + ", expected " + shape_str(want_pm) + " for " +
                        series + " of shape " + shape_str(shape));
      h5::Handle d(H5Dopen2(f, series.c_str(), H5P_DEFAULT), H5Dclose);
      double last = 0, p[3] = {0, 0, 0};
      for (size_t c = 0; c < w; ++c) {
        last += v[(shape[0] - 1) * w + c];
        for (int k = 0; k < 3; ++k) p[k] += pm[k * w + c];
      }
      std::string width, totals;  // built piecewise: GCC 12 warns falsely (-Wrestrict) on "x" + std::string
      if (w > 1) {
        width = "x";
        width += std::to_string(w);
        totals = " (totals over ";
        totals += attr_or(d, "group_by");
        totals += ")";
      }
      std::snprintf(line, sizeof line, "  %-24s %-12s [%zu%s] last %-11.4g phases %.4g / %.4g / %.4g  %s%s\n",
                    name.c_str(), attr_or(d, "unit").c_str(), shape[0], width.c_str(), last, p[0], p[1], p[2],
                    attr_or(d, "description").c_str(), totals.c_str());
      out += line;
    }
    out += "monthly series: ";
    for (const std::string& name : members(f, "/series/monthly")) out += name + " ";
    out += "\nsummary scalars:";
    for (const std::string& name : members(f, "/summary/scalars")) {
      const auto v = h5::read_dataset_doubles(f, "/summary/scalars/" + name, nullptr);
      if (v.size() != 1) throw DataError("/summary/scalars/" + name + " holds " + std::to_string(v.size()) + " values, expected one");
      std::snprintf(line, sizeof line, "\n  %-30s %.6g", name.c_str(), v[0]);
      out += line;
    }
    return out + "\n";
  } catch (const DataError& e) {
    throw ResultFileError(path, "", std::string("damaged govsim result: ") + e.what());
  }
}

std::vector<double> read_double_dataset(const std::string& path, const std::string& dataset,
                                        std::vector<size_t>* shape) {
  h5::Handle f = open_result_file(path);
  try {
    return h5::read_dataset_doubles(f, dataset, shape);
  } catch (const DataError& e) {
    throw ResultFileError(path, "", e.what());
  }
}

std::string read_string_attribute(const std::string& path, const std::string& object,
                                  const std::string& attribute) {
  h5::Handle f = open_result_file(path);
  try {
    if (H5Lexists(f, object.c_str(), H5P_DEFAULT) <= 0 && object != "/") throw DataError("no object " + object);
    h5::Handle o(H5Oopen(f, object.c_str(), H5P_DEFAULT), H5Oclose);
    if (!o.valid()) throw DataError("no object " + object);
    return h5::read_attr_string(o, attribute);
  } catch (const DataError& e) {
    throw ResultFileError(path, "", e.what());
  }
}

}  // namespace govsim
