#include "sim/sweep/sweep_info.hpp"

#include <cstdio>

#include "sim/core/errors.hpp"
#include "sim/io/hdf5_util.hpp"
#include "sim/io/result_open.hpp"
#include "sim/batch/rows.hpp"

namespace govsim::sweep {

using namespace govsim::batch;

bool is_sweep_file(const std::string& path) {
  try {
    h5::Handle f = open_result_file(path);
    return h5::read_attr_string(f, "format") == "govsim-sweep";
  } catch (const std::exception&) {
    return false;
  }
}

std::string describe_sweep_file(const std::string& path) {
  std::lock_guard lock(hdf5_mutex());
  h5::Handle f = open_result_file(path);
  try {
    h5::Handle prov(H5Gopen2(f, "provenance", H5P_DEFAULT), H5Gclose);
    h5::Handle design(H5Gopen2(f, "design", H5P_DEFAULT), H5Gclose);
    if (!prov.valid() || !design.valid()) throw DataError("no /provenance or /design group");
    std::vector<size_t> shape;
    h5::read_dataset_doubles(f, "/runs/index", &shape);
    if (shape.size() != 1) throw DataError("/runs/index is not one-dimensional");
    char line[1024];
    std::string out = "file:      " + path + " (sweep)\n";
    out += "govsim:    " + h5::read_attr_string(f, "govsim_version") + " (" + h5::read_attr_string(f, "git_commit") + ")\n";
    out += "model:     " + h5::read_attr_string(f, "model") + "\n";
    std::snprintf(line, sizeof line, "runs:      %zu of %.0f%s\n", shape.at(0), h5::read_attr_double(f, "num_runs"),
                  h5::read_attr_double(f, "complete") != 0 ? " (complete)" : " (incomplete: a shard?)");
    out += line;
    std::snprintf(line, sizeof line, "design:    %s, %.0f base samples x %.0f replicates, seeds %s (sweep seed %.0f)\n",
                  h5::read_attr_string(design, "kind").c_str(), h5::read_attr_double(design, "base_samples"),
                  h5::read_attr_double(design, "replicates"), h5::read_attr_string(design, "seed_mode").c_str(),
                  h5::read_attr_double(prov, "sweep_seed"));
    out += line;
    const auto names = h5::read_dataset_strings(f, "/design/parameters");
    const auto lower = h5::read_dataset_doubles(f, "/design/lower", nullptr);
    const auto upper = h5::read_dataset_doubles(f, "/design/upper", nullptr);
    const auto scale = h5::read_dataset_strings(f, "/design/scale");
    if (lower.size() != names.size() || upper.size() != names.size() || scale.size() != names.size())
      throw DataError("/design: parameters, lower, upper and scale differ in length");
    for (size_t j = 0; j < names.size(); ++j) {
      std::snprintf(line, sizeof line, "  %-45s [%g, %g] %s\n", names[j].c_str(), lower[j], upper[j], scale[j].c_str());
      out += line;
    }
    out += "sweep:     " + h5::read_attr_string(prov, "sweep_path") + " (hash " + h5::read_attr_string(prov, "sweep_hash") + ")\n";
    out += "scenario:  " + h5::read_attr_string(prov, "base_scenario_path") + "\n";
    std::snprintf(line, sizeof line, "ran on:    %.0f threads x %.0f MPI ranks%s, %.2f s\n", h5::read_attr_double(prov, "threads"),
                  h5::read_attr_double(prov, "mpi_ranks"),
                  h5::read_attr_string(prov, "shard").empty() ? "" : (", shard " + h5::read_attr_string(prov, "shard")).c_str(),
                  h5::read_attr_double(prov, "wall_time_s"));
    out += line;
    out += "command:   " + h5::read_attr_string(prov, "command_line") + "\n";
    const RowMeta meta = read_meta(f, true);
    out += "calendar:  " + (meta.dates.empty() ? "" : meta.dates.front() + " to " + meta.dates.back()) + "\n";
    std::string group;
    for (const Column& c : meta.columns) {
      if (c.group != group) out += "\n/" + (group = c.group) + ":";
      out += " " + c.name;
    }
    return out + "\n";
  } catch (const DataError& e) {
    throw ResultFileError(path, "", std::string("damaged sweep file: ") + e.what());
  }
}

}  // namespace govsim::sweep
