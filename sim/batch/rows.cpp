#include "sim/batch/rows.hpp"

#include "sim/core/errors.hpp"

#include "sim/io/hdf5_util.hpp"

namespace govsim::batch {
namespace {

using h5::Handle;

std::vector<std::string> dataset_names(hid_t file, const std::string& group) {
  if (H5Lexists(file, group.c_str(), H5P_DEFAULT) <= 0) return {};  // e.g. no "series"
  Handle g(H5Gopen2(file, group.c_str(), H5P_DEFAULT), H5Gclose);
  if (!g.valid()) throw DataError("cannot open group " + group);
  return h5::link_names(g);
}

std::vector<std::pair<std::string, std::string>> string_attrs(hid_t obj) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& n : h5::attribute_names(obj)) {
    if (n == "monthly_aggregation") continue;  // single-run detail, not in the sweep layout
    out.push_back({n, h5::read_attr_string(obj, n)});
  }
  return out;
}

std::vector<hsize_t> shape_of(hid_t dset) {
  Handle space(H5Dget_space(dset), H5Sclose);
  if (!space.valid()) throw DataError("cannot read a dataset's shape");
  return h5::dims_of_space(space);
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
      if (!d.valid()) throw DataError("cannot open " + path);
      {
        Handle t(H5Dget_type(d), H5Tclose);
        const H5T_class_t cls = H5Tget_class(t);
        if (cls != H5T_FLOAT && cls != H5T_INTEGER) throw DataError(path + " is not numeric");
      }
      Column c{group, name, shape_of(d), string_attrs(d)};
      if (in_sweep_file) {
        if (c.row_shape.empty()) throw DataError(path + " has no run dimension");
        c.row_shape.erase(c.row_shape.begin());
      }
      uint64_t n = 1;  // one row must fit the reader's limit (checked without overflow)
      for (hsize_t x : c.row_shape) {
        if (x != 0 && n > h5::kMaxReadBytes / 8 / x)
          throw DataError(path + ": one run's row is over the reader's limit of " +
                          std::to_string(h5::kMaxReadBytes >> 30) + " GiB");
        n *= x;
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
    if (H5Lexists(file, path.c_str(), H5P_DEFAULT) <= 0) throw DataError("missing " + path);
    Handle d(H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose);
    std::vector<hsize_t> shape = shape_of(d);
    std::vector<hsize_t> expect = c.row_shape;
    if (in_sweep_file) {
      if (shape.empty() || row >= shape[0]) throw DataError(path + ": no row " + std::to_string(row));
      expect.insert(expect.begin(), shape[0]);
    }
    if (shape != expect) throw DataError(path + " has an unexpected shape");
    std::vector<double> v(c.row_size());
    Handle file_space(H5Dget_space(d), H5Sclose);
    std::vector<hsize_t> start(shape.size(), 0), count = shape;
    if (in_sweep_file) start[0] = row, count[0] = 1;
    if (!shape.empty() && H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr) < 0)
      throw DataError("cannot select a row of " + path);
    const hsize_t n = v.size();
    Handle mem(H5Screate_simple(1, &n, nullptr), H5Sclose);
    if (H5Dread(d, H5T_NATIVE_DOUBLE, mem, file_space, H5P_DEFAULT, v.data()) < 0)
      throw DataError("cannot read " + path);
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

}  // namespace govsim::batch
