#include "sim/sweep/rows.hpp"

#include <stdexcept>

#include "sim/io/hdf5_util.hpp"

namespace govsim::sweep {
namespace {

using h5::Handle;

std::vector<std::string> dataset_names(hid_t file, const std::string& group) {
  std::vector<std::string> out;
  if (H5Lexists(file, group.c_str(), H5P_DEFAULT) <= 0) return out;  // e.g. no "series"
  Handle g(H5Gopen2(file, group.c_str(), H5P_DEFAULT), H5Gclose);
  if (!g.valid()) throw std::runtime_error("cannot open group " + group);
  H5G_info_t info;
  if (H5Gget_info(g, &info) < 0) throw std::runtime_error("cannot list " + group);
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    char name[512];
    if (H5Lget_name_by_idx(g, ".", H5_INDEX_NAME, H5_ITER_INC, i, name, sizeof name, H5P_DEFAULT) < 0)
      throw std::runtime_error("cannot list " + group);
    out.push_back(name);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> string_attrs(hid_t obj) {
  std::vector<std::pair<std::string, std::string>> out;
  H5O_info_t info;
  if (H5Oget_info2(obj, &info, H5O_INFO_NUM_ATTRS) < 0) throw std::runtime_error("cannot read attributes");
  for (hsize_t i = 0; i < info.num_attrs; ++i) {
    Handle a(H5Aopen_by_idx(obj, ".", H5_INDEX_NAME, H5_ITER_INC, i, H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    char name[256];
    H5Aget_name(a, sizeof name, name);
    const std::string n = name;
    if (n == "monthly_aggregation") continue;  // single-run detail, not in the sweep layout
    out.push_back({n, h5::read_attr_string(obj, n)});
  }
  return out;
}

std::vector<hsize_t> shape_of(hid_t dset) {
  Handle space(H5Dget_space(dset), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(space);
  if (rank < 0) throw std::runtime_error("cannot read a dataset's shape");
  std::vector<hsize_t> dims(rank);
  H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  return dims;
}

}  // namespace

size_t Column::row_size() const {
  size_t n = 1;
  for (hsize_t d : row_shape) n *= d;
  return n;
}

std::recursive_mutex& hdf5_mutex() {
  static std::recursive_mutex m;
  return m;
}

RowMeta read_meta(hid_t file, bool in_sweep_file) {
  RowMeta meta;
  for (const char* group : kColumnGroups)
    for (const std::string& name : dataset_names(file, std::string("/") + group)) {
      const std::string path = std::string("/") + group + "/" + name;
      Handle d(H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose);
      if (!d.valid()) throw std::runtime_error("cannot open " + path);
      Column c{group, name, shape_of(d), string_attrs(d)};
      if (in_sweep_file) {
        if (c.row_shape.empty()) throw std::runtime_error(path + " has no run dimension");
        c.row_shape.erase(c.row_shape.begin());
      }
      meta.columns.push_back(std::move(c));
    }
  meta.dates = h5::read_dataset_strings(file, "/time/daily/date");
  meta.months = h5::read_dataset_strings(file, "/time/monthly/month");
  return meta;
}

std::vector<std::vector<double>> read_row(hid_t file, const RowMeta& meta, bool in_sweep_file, hsize_t row) {
  std::vector<std::vector<double>> out;
  for (const Column& c : meta.columns) {
    const std::string path = "/" + c.group + "/" + c.name;
    if (H5Lexists(file, path.c_str(), H5P_DEFAULT) <= 0) throw std::runtime_error("missing " + path);
    Handle d(H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose);
    std::vector<hsize_t> shape = shape_of(d);
    std::vector<hsize_t> expect = c.row_shape;
    if (in_sweep_file) {
      if (shape.empty() || row >= shape[0]) throw std::runtime_error(path + ": no row " + std::to_string(row));
      expect.insert(expect.begin(), shape[0]);
    }
    if (shape != expect) throw std::runtime_error(path + " has an unexpected shape");
    std::vector<double> v(c.row_size());
    Handle file_space(H5Dget_space(d), H5Sclose);
    std::vector<hsize_t> start(shape.size(), 0), count = shape;
    if (in_sweep_file) start[0] = row, count[0] = 1;
    if (!shape.empty() && H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr) < 0)
      throw std::runtime_error("cannot select a row of " + path);
    const hsize_t n = v.size();
    Handle mem(H5Screate_simple(1, &n, nullptr), H5Sclose);
    if (H5Dread(d, H5T_NATIVE_DOUBLE, mem, file_space, H5P_DEFAULT, v.data()) < 0)
      throw std::runtime_error("cannot read " + path);
    out.push_back(std::move(v));
  }
  return out;
}

bool same_layout(const RowMeta& a, const RowMeta& b) {
  if (a.dates != b.dates || a.months != b.months || a.columns.size() != b.columns.size()) return false;
  for (size_t i = 0; i < a.columns.size(); ++i) {
    const Column &x = a.columns[i], &y = b.columns[i];
    if (x.group != y.group || x.name != y.name || x.row_shape != y.row_shape || x.attrs != y.attrs) return false;
  }
  return true;
}

}  // namespace govsim::sweep
