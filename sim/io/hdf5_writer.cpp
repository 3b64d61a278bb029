// The HDF5 result layout (docs/results_layout.md). Everything a researcher needs to interpret a
// series travels with it as attributes: unit, description, grouping, monthly aggregation.
#include <cmath>
#include <limits>
#include <type_traits>

#include "sim/core/errors.hpp"
#include "sim/io/hdf5_util.hpp"
#include "sim/io/result_writer.hpp"

namespace govsim {
namespace {

using h5::Handle;

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + v[i];
  return s;
}

void write_series(hid_t group, const SeriesData& s, const std::string& aggregation) {
  const size_t w = s.spec.width();
  std::vector<hsize_t> shape{hsize_t(s.rows)};
  if (!s.spec.groups.empty()) shape.push_back(w);
  h5::dataset_doubles(group, s.spec.name, s.values, shape);
  Handle d(H5Dopen2(group, s.spec.name.c_str(), H5P_DEFAULT), H5Dclose);
  h5::attr_string(d, "unit", s.spec.unit);
  h5::attr_string(d, "description", s.spec.description);
  h5::attr_string(d, "kind", to_string(s.spec.kind));
  h5::attr_string(d, "monthly_aggregation", aggregation);
  if (!s.spec.groups.empty()) {
    h5::attr_string(d, "group_by", s.spec.group_by);
    h5::attr_string(d, "groups", join(s.spec.groups));
    if (!s.spec.group_names.empty()) h5::attr_string(d, "group_names", join(s.spec.group_names));
  }
}

void write_time(hid_t root, const Calendar& cal) {
  Handle time = h5::create_group(root, "time");
  Handle daily = h5::create_group(time, "daily");
  std::vector<std::string> dates;
  std::vector<int32_t> ticks, months;
  std::vector<uint8_t> phases;
  std::vector<double> intensity;
  for (int32_t t = 0; t < cal.num_ticks(); ++t) {
    dates.push_back(cal.date(t).str());
    ticks.push_back(t);
    months.push_back(cal.month_of(t));
    phases.push_back(uint8_t(cal.phase(t)));
    intensity.push_back(cal.intensity(t));
  }
  h5::dataset_strings(daily, "date", dates);
  h5::dataset_int32(daily, "tick", ticks);
  h5::dataset_uint8(daily, "phase", phases);
  {
    Handle d(H5Dopen2(daily, "phase", H5P_DEFAULT), H5Dclose);
    h5::attr_string(d, "labels", "pre,mid,post");
  }
  h5::dataset_doubles(daily, "intensity", intensity, {hsize_t(intensity.size())});
  h5::dataset_int32(daily, "month", months);
  h5::attr_string(daily, "calendar", "one tick = one day");

  Handle monthly = h5::create_group(time, "monthly");
  std::vector<std::string> labels;
  std::vector<int32_t> days, first;
  for (int32_t m = 0; m < cal.num_months(); ++m) {
    labels.push_back(cal.month_label(m));
    days.push_back(cal.month_num_ticks(m));
    first.push_back(cal.month_first_tick(m));
  }
  h5::dataset_strings(monthly, "month", labels);
  h5::dataset_int32(monthly, "days", days);
  h5::dataset_int32(monthly, "first_tick", first);

  Handle ph = h5::create_group(time, "phases");
  std::vector<std::string> kind, start, end, label;
  std::vector<double> inten;
  for (const PhaseSpan& s : cal.spans()) {
    kind.push_back(to_string(s.kind));
    start.push_back(s.start.str());
    end.push_back(s.end.str());
    label.push_back(s.label);
    inten.push_back(s.intensity);
  }
  h5::dataset_strings(ph, "kind", kind);
  h5::dataset_strings(ph, "start", start);
  h5::dataset_strings(ph, "end", end);
  h5::dataset_strings(ph, "label", label);
  h5::dataset_doubles(ph, "intensity", inten, {hsize_t(inten.size())});
}

void write_summary(hid_t root, const RunResult& r) {
  Handle summary = h5::create_group(root, "summary");
  Handle scalars = h5::create_group(summary, "scalars");
  for (const Model::Scalar& s : r.summary) {
    h5::dataset_doubles(scalars, s.name, {s.value}, {});
    Handle d(H5Dopen2(scalars, s.name.c_str(), H5P_DEFAULT), H5Dclose);
    h5::attr_string(d, "unit", s.unit);
    h5::attr_string(d, "description", s.description);
  }
  // Mean of each daily series over the ticks of each phase (NaN where a phase has no ticks).
  Handle means = h5::create_group(summary, "phase_means");
  h5::attr_string(means, "phases", "pre,mid,post");
  const Calendar& cal = r.calendar;
  for (const SeriesData& s : r.daily) {
    const size_t w = s.spec.width();
    std::vector<double> sum(kNumPhases * w, 0.0);
    std::vector<int32_t> count(kNumPhases, 0);
    for (int32_t t = 0; t < s.rows; ++t) {
      const int p = int(cal.phase(t));
      ++count[p];
      for (size_t c = 0; c < w; ++c) sum[p * w + c] += s.at(t, c);
    }
    for (int p = 0; p < kNumPhases; ++p)
      for (size_t c = 0; c < w; ++c)
        sum[p * w + c] = count[p] ? sum[p * w + c] / count[p] : std::numeric_limits<double>::quiet_NaN();
    std::vector<hsize_t> shape{hsize_t(kNumPhases)};
    if (!s.spec.groups.empty()) shape.push_back(w);
    h5::dataset_doubles(means, s.spec.name, sum, shape);
  }
}

class Hdf5Writer final : public ResultWriter {
 public:
  void write(const RunResult& r, const std::string& path) override { write_hdf5_result(r, path, {}); }
};

}  // namespace

static_assert(std::is_same_v<hid_t, int64_t>, "write_hdf5_result passes a hid_t as int64_t");

void write_hdf5_result(const RunResult& r, const std::string& path,
                       const std::function<void(int64_t)>& extra) {
  h5::silence_errors();
  try {
    // Built in memory and saved with checked writes (hdf5_util.hpp): every handle is closed on
    // every path, and a full disk fails in our write(2), not inside HDF5.
    Handle file = h5::create_memory_file(path);
    const Provenance& p = r.provenance;
    h5::attr_string(file, "format", "govsim-results");
    h5::attr_int(file, "format_version", 1);
    h5::attr_string(file, "govsim_version", p.govsim_version);
    h5::attr_string(file, "git_commit", p.git_commit);
    h5::attr_string(file, "model", p.model);
    h5::attr_uint(file, "state_bytes", r.state_bytes);
    h5::attr_uint(file, "num_residents", r.num_residents);

    Handle prov = h5::create_group(file, "provenance");
    h5::dataset_string(prov, "scenario_source", p.scenario_source);
    h5::dataset_string(prov, "scenario_resolved", p.scenario_resolved);
    h5::attr_string(prov, "scenario_path", p.scenario_path);
    h5::attr_uint(prov, "seed", p.seed);
    h5::attr_uint(prov, "run_index", p.run_index);
    h5::attr_string(prov, "govsim_version", p.govsim_version);
    h5::attr_string(prov, "git_commit", p.git_commit);
    h5::attr_string(prov, "command_line", p.command_line);
    h5::attr_uint(prov, "threads", p.threads);
    h5::attr_uint(prov, "mpi_ranks", p.mpi_ranks);
    h5::attr_double(prov, "wall_time_s", p.wall_time_s);
    h5::attr_string(prov, "created_utc", p.created_utc);
    if (!p.branch_checkpoint.empty()) {  // a continued checkpoint (docs/checkpoints.md)
      h5::attr_string(prov, "branch_checkpoint", p.branch_checkpoint);
      h5::attr_string(prov, "branch_date", p.branch_date);
      std::string changes;
      for (const std::string& c : p.branch_changes) changes += c + "\n";
      h5::attr_string(prov, "branch_changes", changes);
    }
    std::string events;
    for (const std::string& line : p.events_applied) events += line + "\n";
    h5::dataset_string(prov, "events_applied", events);

    write_time(file, r.calendar);
    Handle series = h5::create_group(file, "series");
    Handle daily = h5::create_group(series, "daily");
    for (const SeriesData& s : r.daily) write_series(daily, s, to_string(s.spec.monthly));
    Handle monthly = h5::create_group(series, "monthly");
    for (const SeriesData& s : r.monthly) {
      bool explicit_monthly = true;
      for (const SeriesData& d : r.daily)
        if (d.spec.name == s.spec.name) explicit_monthly = false;
      write_series(monthly, s, explicit_monthly ? "explicit" : to_string(s.spec.monthly));
    }
    write_summary(file, r);

    if (r.social_network) {  // only models (or components) that read it have one
      Handle net = h5::create_group(file, "network");
      Handle social = h5::create_group(net, "social");
      const NetworkStats& ns = *r.social_network;
      h5::attr_double(social, "mean_degree", ns.mean_degree);
      h5::attr_uint(social, "max_degree", ns.max_degree);
      h5::attr_uint(social, "isolated", ns.isolated);
      h5::attr_double(social, "clustering", ns.clustering);
      h5::dataset_uint64(social, "degree_histogram", ns.degree_histogram);
    }
    if (extra) extra(file);
    h5::save_memory_file(file, path);
  } catch (const DataError& e) {
    throw FileError(path, std::string("cannot write result file: ") + e.what());
  }
}

std::unique_ptr<ResultWriter> make_hdf5_writer() { return std::make_unique<Hdf5Writer>(); }

}  // namespace govsim
