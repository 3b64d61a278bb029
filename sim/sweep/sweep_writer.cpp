#include "sim/sweep/sweep_writer.hpp"

#include <cmath>
#include <limits>

#include "govsim/version.hpp"
#include "sim/core/errors.hpp"
#include "sim/io/atomic_write.hpp"
#include "sim/io/hdf5_util.hpp"

namespace govsim::sweep {

using namespace govsim::batch;
namespace {

using h5::Handle;

template <class T>
void dataset_ints(hid_t parent, const std::string& name, const std::vector<T>& v, hid_t type) {
  const hsize_t n = v.size();
  Handle space(H5Screate_simple(1, &n, nullptr), H5Sclose);
  Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
  H5Pset_obj_track_times(dcpl, false);
  Handle d(H5Dcreate2(parent, name.c_str(), type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT), H5Dclose);
  if (!d.valid() || H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()) < 0)
    throw DataError("cannot write /runs/" + name);
}

void write_provenance(hid_t file, const RunPlan& plan, const SweepEnvironment& env) {
  Handle prov = h5::create_group(file, "provenance");
  const SweepSpec& s = plan.spec;
  h5::dataset_string(prov, "sweep_source", s.source_text);
  h5::dataset_string(prov, "base_scenario_source", s.base_text);
  h5::dataset_string(prov, "base_scenario_resolved", resolved_toml(base_scenario(s).params));
  if (s.checkpoint) {  // a sweep of futures: the past every run continues (merge rebuilds the plan from it)
    h5::attr_string(prov, "checkpoint_path", s.checkpoint_path);
    Handle ck = h5::create_group(prov, "checkpoint");
    write_checkpoint_header(ck, *s.checkpoint);
  }
  h5::attr_string(prov, "sweep_path", s.path);
  h5::attr_string(prov, "base_scenario_path", s.base_path);
  h5::attr_uint(prov, "sweep_seed", s.seed);
  h5::attr_string(prov, "sweep_hash", plan.hash);
  h5::attr_string(prov, "command_line", env.command_line);
  h5::attr_uint(prov, "threads", env.threads);
  h5::attr_uint(prov, "mpi_ranks", env.mpi_ranks);
  h5::attr_string(prov, "shard", env.shard);
  h5::attr_string(prov, "created_utc", utc_now());
  h5::attr_double(prov, "wall_time_s", env.wall_time_s);
}

void write_design(hid_t file, const RunPlan& plan) {
  Handle g = h5::create_group(file, "design");
  std::vector<std::string> names, scale;
  std::vector<double> lower, upper;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const VariedParam& p : plan.spec.params) {
    names.push_back(p.name);
    scale.push_back(p.log_scale ? "log" : "linear");
    lower.push_back(p.has_range() && plan.spec.design != DesignKind::List ? p.lower : nan);
    upper.push_back(p.has_range() && plan.spec.design != DesignKind::List ? p.upper : nan);
  }
  h5::dataset_strings(g, "parameters", names);
  h5::dataset_doubles(g, "lower", lower, {hsize_t(lower.size())});
  h5::dataset_doubles(g, "upper", upper, {hsize_t(upper.size())});
  h5::dataset_strings(g, "scale", scale);
  h5::attr_string(g, "kind", to_string(plan.spec.design));
  h5::attr_int(g, "replicates", plan.spec.replicates);
  h5::attr_int(g, "base_samples", int64_t(plan.design.base_samples));
  h5::attr_string(g, "seed_mode", to_string(plan.spec.seed_mode));
  if (plan.spec.design == DesignKind::Morris) h5::attr_int(g, "morris_levels", plan.spec.morris_levels);
}

void write_runs(hid_t file, const RunPlan& plan, const std::vector<uint64_t>& runs, const std::vector<double>& wall) {
  Handle g = h5::create_group(file, "runs");
  const size_t P = plan.spec.params.size();
  std::vector<int64_t> index, point, replicate, sal_sample, mor_traj;
  std::vector<uint64_t> seed;
  std::vector<int32_t> sal_matrix, mor_step, mor_changed;
  std::vector<double> params;
  for (uint64_t i : runs) {
    const RunSpec r = plan.run(i);
    const DesignPoint& pt = plan.design.points[r.point];
    index.push_back(int64_t(i));
    point.push_back(int64_t(r.point));
    replicate.push_back(int64_t(r.replicate));
    seed.push_back(r.seed);
    params.insert(params.end(), pt.values.begin(), pt.values.end());
    sal_matrix.push_back(pt.saltelli_matrix);
    sal_sample.push_back(pt.saltelli_sample);
    mor_traj.push_back(pt.morris_trajectory);
    mor_step.push_back(pt.morris_step);
    mor_changed.push_back(pt.morris_changed);
  }
  dataset_ints(g, "index", index, H5T_NATIVE_INT64);
  dataset_ints(g, "point", point, H5T_NATIVE_INT64);
  dataset_ints(g, "replicate", replicate, H5T_NATIVE_INT64);
  dataset_ints(g, "seed", seed, H5T_NATIVE_UINT64);
  h5::dataset_doubles(g, "params", params, {hsize_t(runs.size()), hsize_t(P)});
  if (plan.spec.design == DesignKind::Saltelli) {
    dataset_ints(g, "saltelli_matrix", sal_matrix, H5T_NATIVE_INT32);
    dataset_ints(g, "saltelli_sample", sal_sample, H5T_NATIVE_INT64);
  }
  if (plan.spec.design == DesignKind::Morris) {
    dataset_ints(g, "morris_trajectory", mor_traj, H5T_NATIVE_INT64);
    dataset_ints(g, "morris_step", mor_step, H5T_NATIVE_INT32);
    dataset_ints(g, "morris_changed", mor_changed, H5T_NATIVE_INT32);
  }
  h5::dataset_doubles(g, "wall_time_s", wall, {hsize_t(wall.size())});
}

void write_time(hid_t file, const RowMeta& meta) {
  Handle time = h5::create_group(file, "time");
  Handle daily = h5::create_group(time, "daily");
  h5::dataset_strings(daily, "date", meta.dates);
  Handle monthly = h5::create_group(time, "monthly");
  h5::dataset_strings(monthly, "month", meta.months);
}

// Creates every column dataset [R, row shape...] (filled row by row later) with its attributes.
std::vector<Handle> create_columns(hid_t file, const RowMeta& meta, hsize_t rows) {
  for (const char* path : {"series", "series/daily", "series/monthly", "summary", "summary/scalars", "summary/phase_means"})
    h5::create_group(file, path);
  {
    Handle pm(H5Gopen2(file, "summary/phase_means", H5P_DEFAULT), H5Gclose);
    h5::attr_string(pm, "phases", "pre,mid,post");
  }
  std::vector<Handle> out;
  for (const Column& c : meta.columns) {
    std::vector<hsize_t> shape{rows};
    shape.insert(shape.end(), c.row_shape.begin(), c.row_shape.end());
    h5::dataset_doubles(file, c.group + "/" + c.name, std::vector<double>(c.row_size() * rows, 0.0), shape);
    Handle d(H5Dopen2(file, (c.group + "/" + c.name).c_str(), H5P_DEFAULT), H5Dclose);
    for (const auto& [k, v] : c.attrs) h5::attr_string(d, k, v);
    out.push_back(std::move(d));
  }
  return out;
}

void write_row(const std::vector<Handle>& datasets, const RowMeta& meta, hsize_t row, const RunRow& r) {
  for (size_t c = 0; c < datasets.size(); ++c) {
    const Column& col = meta.columns[c];
    if (r.values[c].size() != col.row_size()) throw DataError("run " + std::to_string(r.index) + ": wrong size of " + col.name);
    Handle space(H5Dget_space(datasets[c]), H5Sclose);
    std::vector<hsize_t> start(col.row_shape.size() + 1, 0), count{1};
    count.insert(count.end(), col.row_shape.begin(), col.row_shape.end());
    start[0] = row;
    H5Sselect_hyperslab(space, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr);
    const hsize_t n = col.row_size();
    Handle mem(H5Screate_simple(1, &n, nullptr), H5Sclose);
    if (H5Dwrite(datasets[c], H5T_NATIVE_DOUBLE, mem, space, H5P_DEFAULT, r.values[c].data()) < 0)
      throw DataError("cannot write row of " + col.name);
  }
}

void write_all(const std::string& path, const RunPlan& plan, const RowMeta& meta, const std::vector<uint64_t>& runs,
               const std::function<RunRow(uint64_t)>& load, const SweepEnvironment& env) {
  // Built in memory and saved with checked writes (hdf5_util.hpp): a full disk fails in write(2).
  Handle file = h5::create_memory_file(path);
  h5::attr_string(file, "format", "govsim-sweep");
  h5::attr_int(file, "format_version", 1);
  h5::attr_string(file, "govsim_version", kVersion);
  h5::attr_string(file, "git_commit", kGitCommit);
  h5::attr_string(file, "model", base_scenario(plan.spec).params.get_string("run.model"));
  h5::attr_int(file, "num_runs", int64_t(plan.num_runs));
  h5::attr_int(file, "complete", runs.size() == plan.num_runs ? 1 : 0);
  write_provenance(file, plan, env);
  write_design(file, plan);
  write_time(file, meta);
  const std::vector<Handle> columns = create_columns(file, meta, runs.size());
  std::vector<double> wall;
  for (size_t k = 0; k < runs.size(); ++k) {
    const RunRow r = load(runs[k]);
    write_row(columns, meta, k, r);
    wall.push_back(r.wall_time_s);
  }
  write_runs(file, plan, runs, wall);
  h5::save_memory_file(file, path);
}

}  // namespace

void write_sweep_file(const std::string& path, const RunPlan& plan, const RowMeta& meta,
                      const std::vector<uint64_t>& runs, const std::function<RunRow(uint64_t)>& load,
                      const SweepEnvironment& env) {
  write_file_atomically(path, "sweep file", [&](const std::string& tmp) {
    std::lock_guard lock(hdf5_mutex());
    h5::silence_errors();
    write_all(tmp, plan, meta, runs, load, env);
  });
}

}  // namespace govsim::sweep
