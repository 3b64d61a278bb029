#include "sim/sweep/merge.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "sim/core/errors.hpp"
#include "sim/io/file_checks.hpp"
#include "sim/io/hdf5_util.hpp"
#include "sim/io/result_open.hpp"

namespace govsim::sweep {

using namespace govsim::batch;
namespace {

struct Input {
  std::string path;
  h5::Handle file;
  std::string hash, commit;
  RowMeta meta;
  std::vector<uint64_t> runs;
  std::vector<double> run_wall;  // /runs/wall_time_s
  uint32_t threads = 0;
  double wall = 0;
};

Input open_input(const std::string& path) {
  Input in;
  in.path = path;
  in.file = open_result_file(path);
  try {
    if (h5::read_attr_string(in.file, "format") != "govsim-sweep")
      throw FileError(path, "not a sweep file (a single-run result? merge takes files written by `govsim sweep --shard`)");
    h5::Handle prov(H5Gopen2(in.file, "provenance", H5P_DEFAULT), H5Gclose);
    in.hash = h5::read_attr_string(prov, "sweep_hash");
    in.commit = h5::read_attr_string(in.file, "git_commit");
    in.threads = uint32_t(h5::read_attr_double(prov, "threads"));
    in.wall = h5::read_attr_double(prov, "wall_time_s");
    in.meta = read_meta(in.file, true);
    for (double x : h5::read_dataset_doubles(in.file, "/runs/index", nullptr)) in.runs.push_back(uint64_t(x));
    in.run_wall = h5::read_dataset_doubles(in.file, "/runs/wall_time_s", nullptr);
    if (in.run_wall.size() != in.runs.size()) throw DataError("/runs/index and /runs/wall_time_s differ in length");
  } catch (const DataError& e) {
    throw ResultFileError(path, "", std::string("damaged sweep file: ") + e.what());
  }
  return in;
}

RunPlan rebuild_plan(const Input& in) {
  // The plan is rebuilt from the sweep file and base scenario stored in the shard, never from
  // the disk: a shard missing them (or holding ones that no longer load) cannot be merged.
  std::string sweep_text, base_text, sweep_path, base_path;
  std::optional<CheckpointHeader> checkpoint;  // a sweep of futures: the past its runs continue
  try {
    h5::Handle prov(H5Gopen2(in.file, "provenance", H5P_DEFAULT), H5Gclose);
    if (!prov.valid()) throw DataError("no /provenance group");
    sweep_text = h5::read_dataset_string(in.file, "/provenance/sweep_source");
    base_text = h5::read_dataset_string(in.file, "/provenance/base_scenario_source");
    sweep_path = h5::read_attr_string(prov, "sweep_path");
    base_path = h5::read_attr_string(prov, "base_scenario_path");
    if (H5Lexists(prov, "checkpoint", H5P_DEFAULT) > 0) {
      h5::Handle g(H5Gopen2(prov, "checkpoint", H5P_DEFAULT), H5Gclose);
      checkpoint = read_checkpoint_header(g);
    }
  } catch (const DataError& e) {
    throw ResultFileError(in.path, "", std::string("cannot merge: the sweep file and base scenario stored in this file "
                                                   "cannot be read (") + e.what() + ")");
  }
  RunPlan plan;
  try {
    plan = make_plan(parse_sweep(sweep_text, sweep_path, base_text, base_path, checkpoint));
  } catch (const InputError& e) {
    throw ResultFileError(in.path, "", std::string("cannot merge: the sweep stored in this file does not load with this "
                                                   "govsim build: ") + e.what());
  }
  if (plan.hash != in.hash)
    throw FileError(in.path, "the sweep stored in this file expands to a different plan with this govsim build "
                             "(hash " + plan.hash + " vs " + in.hash + "); merge with the build that ran it");
  return plan;
}

}  // namespace

std::string format_ranges(const std::vector<uint64_t>& v, size_t max_items) {
  std::string out;
  size_t items = 0;
  for (size_t i = 0; i < v.size();) {
    size_t j = i;
    while (j + 1 < v.size() && v[j + 1] == v[j] + 1) ++j;
    if (items++ == max_items) return out + ", ... (" + std::to_string(v.size()) + " in all)";
    if (!out.empty()) out += ", ";
    out += std::to_string(v[i]);
    if (j > i) {
      out += '-';  // appended piecewise: GCC 12 warns falsely (-Wrestrict) on "-" + std::string
      out += std::to_string(v[j]);
    }
    i = j + 1;
  }
  return out;
}

void merge_sweep_files(const std::vector<std::string>& paths, const std::string& output, SweepEnvironment env) {
  std::vector<std::pair<std::string, std::string>> named;
  for (const std::string& p : paths) named.push_back({"input", p});
  refuse_output_over_input(output, named);  // the atomic rename would replace that input
  std::lock_guard lock(hdf5_mutex());
  std::vector<Input> inputs;
  for (const std::string& p : paths) inputs.push_back(open_input(p));
  const Input& first = inputs.front();
  for (const Input& in : inputs) {
    if (in.hash != first.hash)
      throw FileError(in.path, "belongs to another sweep (sweep_hash " + in.hash + ", " + first.path + " has " + first.hash + ")");
    if (in.commit != first.commit)
      throw FileError(in.path, "was written by another govsim build (" + in.commit + ", " + first.path + ": " + first.commit + ")");
    if (!same_layout(in.meta, first.meta))
      throw FileError(in.path, "its series, scalars or calendar differ from " + first.path);
  }
  const RunPlan plan = rebuild_plan(first);
  // run index -> (input, row)
  std::map<uint64_t, std::pair<size_t, hsize_t>> where;
  for (size_t k = 0; k < inputs.size(); ++k)
    for (size_t r = 0; r < inputs[k].runs.size(); ++r) {
      const uint64_t idx = inputs[k].runs[r];
      if (idx >= plan.num_runs) throw FileError(inputs[k].path, "holds run " + std::to_string(idx) + ", beyond the design");
      if (auto it = where.find(idx); it != where.end())
        throw FileError(inputs[k].path, "run " + std::to_string(idx) + " is also in " + inputs[it->second.first].path +
                                            " (a shard given twice?)");
      where[idx] = {k, r};
    }
  std::vector<uint64_t> missing, all;
  for (uint64_t i = 0; i < plan.num_runs; ++i) (where.count(i) ? all : missing).push_back(i);
  if (!missing.empty())
    throw FileError(output, "cannot merge: " + std::to_string(missing.size()) + " of " + std::to_string(plan.num_runs) +
                                " runs are missing: " + format_ranges(missing) + " (a shard not given, or not finished?)");
  for (const Input& in : inputs) env.threads = std::max(env.threads, in.threads), env.wall_time_s += in.wall;
  write_sweep_file(output, plan, first.meta, all, [&](uint64_t idx) {
    const auto [k, row] = where.at(idx);
    RunRow r;
    r.index = idx;
    r.values = read_row(inputs[k].file, first.meta, true, row);
    r.wall_time_s = inputs[k].run_wall[row];
    return r;
  }, env);
}

}  // namespace govsim::sweep
