#include "sim/io/hdf5_util.hpp"

#include <stdexcept>

namespace govsim::h5 {
namespace {

void check(herr_t r, const std::string& what) {
  if (r < 0) throw std::runtime_error("HDF5 failed to " + what);
}
hid_t check_id(hid_t id, const std::string& what) {
  if (id < 0) throw std::runtime_error("HDF5 failed to " + what);
  return id;
}

// Creation properties without modification times, so equal content gives equal bytes.
Handle untimed(hid_t cls) {
  Handle p(H5Pcreate(cls), H5Pclose);
  H5Pset_obj_track_times(p, false);
  return p;
}

Handle string_type(size_t len) {
  Handle t(H5Tcopy(H5T_C_S1), H5Tclose);
  H5Tset_size(t, std::max<size_t>(1, len));
  H5Tset_strpad(t, H5T_STR_NULLPAD);
  return t;
}

void write_attr(hid_t obj, const std::string& name, hid_t type, const void* data) {
  Handle space(H5Screate(H5S_SCALAR), H5Sclose);
  Handle a(check_id(H5Acreate2(obj, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), "create attribute " + name), H5Aclose);
  check(H5Awrite(a, type, data), "write attribute " + name);
}

void write_dataset(hid_t parent, const std::string& name, hid_t type, const std::vector<hsize_t>& shape,
                   const void* data) {
  Handle space(shape.empty() ? H5Screate(H5S_SCALAR)
                             : H5Screate_simple(int(shape.size()), shape.data(), nullptr),
               H5Sclose);
  Handle dcpl = untimed(H5P_DATASET_CREATE);
  Handle d(check_id(H5Dcreate2(parent, name.c_str(), type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
                    "create dataset " + name),
           H5Dclose);
  check(H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "write dataset " + name);
}

}  // namespace

void silence_errors() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

Handle create_group(hid_t parent, const std::string& name) {
  Handle gcpl = untimed(H5P_GROUP_CREATE);
  return Handle(check_id(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, gcpl, H5P_DEFAULT), "create group " + name),
                H5Gclose);
}

void attr_string(hid_t obj, const std::string& name, const std::string& value) {
  Handle t = string_type(value.size());
  write_attr(obj, name, t, value.data());
}
void attr_double(hid_t obj, const std::string& name, double v) { write_attr(obj, name, H5T_NATIVE_DOUBLE, &v); }
void attr_int(hid_t obj, const std::string& name, int64_t v) { write_attr(obj, name, H5T_NATIVE_INT64, &v); }
void attr_uint(hid_t obj, const std::string& name, uint64_t v) { write_attr(obj, name, H5T_NATIVE_UINT64, &v); }

void dataset_string(hid_t parent, const std::string& name, const std::string& value) {
  Handle t = string_type(value.size());
  write_dataset(parent, name, t, {}, value.data());
}

void dataset_strings(hid_t parent, const std::string& name, const std::vector<std::string>& values) {
  size_t len = 1;
  for (const auto& s : values) len = std::max(len, s.size());
  std::vector<char> buf(values.size() * len, '\0');
  for (size_t i = 0; i < values.size(); ++i) values[i].copy(buf.data() + i * len, values[i].size());
  Handle t = string_type(len);
  write_dataset(parent, name, t, {hsize_t(values.size())}, buf.data());
}

void dataset_doubles(hid_t parent, const std::string& name, const std::vector<double>& v,
                     const std::vector<hsize_t>& shape) {
  write_dataset(parent, name, H5T_NATIVE_DOUBLE, shape, v.data());
}
void dataset_int32(hid_t parent, const std::string& name, const std::vector<int32_t>& v) {
  write_dataset(parent, name, H5T_NATIVE_INT32, {hsize_t(v.size())}, v.data());
}
void dataset_uint8(hid_t parent, const std::string& name, const std::vector<uint8_t>& v) {
  write_dataset(parent, name, H5T_NATIVE_UINT8, {hsize_t(v.size())}, v.data());
}
void dataset_uint64(hid_t parent, const std::string& name, const std::vector<uint64_t>& v) {
  write_dataset(parent, name, H5T_NATIVE_UINT64, {hsize_t(v.size())}, v.data());
}

std::string read_attr_string(hid_t obj, const std::string& name) {
  if (H5Aexists(obj, name.c_str()) <= 0) throw std::runtime_error("missing attribute '" + name + "'");
  Handle a(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose);
  Handle t(H5Aget_type(a), H5Tclose);
  if (H5Tget_class(t) != H5T_STRING || H5Tis_variable_str(t) > 0)
    throw std::runtime_error("attribute '" + name + "' is not a fixed-length string");
  std::string s(H5Tget_size(t), '\0');
  check(H5Aread(a, t, s.data()), "read attribute " + name);
  return s.substr(0, s.find('\0'));
}

double read_attr_double(hid_t obj, const std::string& name) {
  if (H5Aexists(obj, name.c_str()) <= 0) throw std::runtime_error("missing attribute '" + name + "'");
  Handle a(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose);
  double v = 0;
  check(H5Aread(a, H5T_NATIVE_DOUBLE, &v), "read attribute " + name);
  return v;
}

std::string read_dataset_string(hid_t file, const std::string& path) {
  Handle d(check_id(H5Dopen2(file, path.c_str(), H5P_DEFAULT), "open " + path), H5Dclose);
  Handle t(H5Dget_type(d), H5Tclose);
  if (H5Tget_class(t) != H5T_STRING) throw std::runtime_error(path + " is not a string");
  std::string s(H5Tget_size(t), '\0');
  check(H5Dread(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, s.data()), "read " + path);
  return s.substr(0, s.find('\0'));
}

std::vector<double> read_dataset_doubles(hid_t file, const std::string& path, std::vector<size_t>* shape) {
  if (H5Lexists(file, path.c_str(), H5P_DEFAULT) <= 0) throw std::runtime_error("no dataset " + path);
  Handle d(check_id(H5Dopen2(file, path.c_str(), H5P_DEFAULT), "open " + path), H5Dclose);
  Handle t(H5Dget_type(d), H5Tclose);
  const H5T_class_t cls = H5Tget_class(t);
  if (cls != H5T_FLOAT && cls != H5T_INTEGER) throw std::runtime_error(path + " is not numeric");
  Handle space(H5Dget_space(d), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(space);
  std::vector<hsize_t> dims(std::max(rank, 0));
  H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  size_t n = 1;
  for (hsize_t x : dims) n *= x;
  if (shape) shape->assign(dims.begin(), dims.end());
  std::vector<double> v(n);
  check(H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), "read " + path);
  return v;
}

std::vector<std::string> read_dataset_strings(hid_t file, const std::string& path) {
  Handle d(check_id(H5Dopen2(file, path.c_str(), H5P_DEFAULT), "open " + path), H5Dclose);
  Handle t(H5Dget_type(d), H5Tclose);
  Handle space(H5Dget_space(d), H5Sclose);
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  const size_t len = H5Tget_size(t);
  std::vector<char> buf(size_t(n) * len);
  check(H5Dread(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()), "read " + path);
  std::vector<std::string> out;
  for (hssize_t i = 0; i < n; ++i) {
    std::string s(buf.data() + i * len, len);
    out.push_back(s.substr(0, s.find('\0')));
  }
  return out;
}

}  // namespace govsim::h5
