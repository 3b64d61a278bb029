#include "sim/io/hdf5_util.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "sim/core/errors.hpp"

namespace govsim::h5 {
namespace {

void check(herr_t r, const std::string& what) {
  if (r < 0) throw DataError("HDF5 failed to " + what);
}
hid_t check_id(hid_t id, const std::string& what) {
  if (id < 0) throw DataError("HDF5 failed to " + what);
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

Handle create_memory_file(const std::string& name) {
  Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
  if (!fapl.valid() || H5Pset_fapl_core(fapl, size_t(1) << 20, 0) < 0) throw DataError("cannot set up a memory file");
  Handle f(H5Fcreate(name.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl), H5Fclose);
  if (!f.valid()) throw DataError("cannot create file");
  return f;
}

void save_memory_file(hid_t file, const std::string& path) {
  check(H5Fflush(file, H5F_SCOPE_LOCAL), "flush the file");
  const ssize_t size = H5Fget_file_image(file, nullptr, 0);
  if (size < 0) throw DataError("cannot get the file's image");
  std::vector<char> image(static_cast<size_t>(size));
  if (size > 0 && H5Fget_file_image(file, image.data(), image.size()) != size) throw DataError("cannot get the file's image");
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw DataError(std::string("cannot create file: ") + std::strerror(errno));
  size_t done = 0;
  while (done < image.size()) {
    const ssize_t n = ::write(fd, image.data() + done, image.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n < 0 ? errno : ENOSPC;
      ::close(fd);
      throw DataError(std::string("cannot write: ") + std::strerror(err));
    }
    done += size_t(n);
  }
  if (::close(fd) != 0) throw DataError(std::string("cannot write: ") + std::strerror(errno));
}

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

namespace {

// Frees the memory HDF5 allocated for variable-length strings, on every path.
struct VlenReclaim {
  hid_t mem_type, space;
  std::vector<char*>& buf;
  ~VlenReclaim() {
#if H5_VERSION_GE(1, 12, 0)
    H5Treclaim(mem_type, space, H5P_DEFAULT, buf.data());
#else
    H5Dvlen_reclaim(mem_type, space, H5P_DEFAULT, buf.data());
#endif
  }
};

Handle open_dataset(hid_t file, const std::string& path) {
  if (H5Lexists(file, path.c_str(), H5P_DEFAULT) <= 0) throw DataError("no dataset " + path);
  Handle d(H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose);
  if (!d.valid()) throw DataError(path + " is not a readable dataset");
  return d;
}

Handle open_attribute(hid_t obj, const std::string& name) {
  if (H5Aexists(obj, name.c_str()) <= 0) throw DataError("missing attribute '" + name + "'");
  Handle a(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose);
  if (!a.valid()) throw DataError("cannot open attribute '" + name + "'");
  return a;
}

herr_t collect_link(hid_t, const char* name, const H5L_info_t*, void* out) {
  static_cast<std::vector<std::string>*>(out)->push_back(name);
  return 0;
}
herr_t collect_attr(hid_t, const char* name, const H5A_info_t*, void* out) {
  static_cast<std::vector<std::string>*>(out)->push_back(name);
  return 0;
}

}  // namespace

std::vector<hsize_t> dims_of_space(hid_t space) {
  const int rank = H5Sget_simple_extent_ndims(space);
  if (rank < 0) throw DataError("cannot read a dataspace");
  std::vector<hsize_t> dims(rank);
  if (rank > 0 && H5Sget_simple_extent_dims(space, dims.data(), nullptr) < 0) throw DataError("cannot read a dataspace");
  return dims;
}

uint64_t checked_read_bytes(hid_t type, hssize_t npoints, const std::string& what) {
  if (npoints < 0) throw DataError(what + ": cannot read its size");
  const size_t size = H5Tget_size(type);
  if (size == 0) throw DataError(what + ": has an invalid element type");
  if (H5Tget_class(type) == H5T_STRING && H5Tis_variable_str(type) <= 0 && size > kMaxStringBytes)
    throw DataError(what + ": declares strings of " + std::to_string(size) + " bytes each, over the reader's limit of " +
                    std::to_string(kMaxStringBytes >> 20) + " MiB per string");
  if (uint64_t(npoints) > kMaxReadBytes / size)
    throw DataError(what + ": declares " + std::to_string(npoints) + " elements of " + std::to_string(size) +
                    " bytes, over the reader's limit of " + std::to_string(kMaxReadBytes >> 30) + " GiB");
  return uint64_t(npoints) * size;
}

std::vector<std::string> read_strings(hid_t obj, bool is_attr, const std::string& what) {
  Handle t(is_attr ? H5Aget_type(obj) : H5Dget_type(obj), H5Tclose);
  if (!t.valid()) throw DataError("cannot read the type of " + what);
  if (H5Tget_class(t) != H5T_STRING) throw DataError(what + " is not a string");
  Handle space(is_attr ? H5Aget_space(obj) : H5Dget_space(obj), H5Sclose);
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  checked_read_bytes(t, n, what);
  std::vector<std::string> out;
  const htri_t variable = H5Tis_variable_str(t);
  if (variable < 0) throw DataError("cannot read the type of " + what);
  if (variable > 0) {
    Handle mem(H5Tcopy(H5T_C_S1), H5Tclose);
    if (!mem.valid() || H5Tset_size(mem, H5T_VARIABLE) < 0 || H5Tset_cset(mem, H5Tget_cset(t)) < 0)
      throw DataError("cannot read " + what);
    std::vector<char*> ptrs(size_t(n), nullptr);
    const herr_t r = is_attr ? H5Aread(obj, mem, ptrs.data())
                             : H5Dread(obj, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data());
    if (r < 0) throw DataError("cannot read " + what);
    VlenReclaim reclaim{mem, space, ptrs};
    for (const char* p : ptrs) out.emplace_back(p ? p : "");
    return out;
  }
  const size_t len = H5Tget_size(t);
  std::vector<char> buf(size_t(n) * len);
  const herr_t r = is_attr ? H5Aread(obj, t, buf.data()) : H5Dread(obj, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data());
  if (r < 0) throw DataError("cannot read " + what);
  for (hssize_t i = 0; i < n; ++i) {
    const char* p = buf.data() + size_t(i) * len;
    out.emplace_back(p, std::find(p, p + len, '\0'));
  }
  return out;
}

std::string read_attr_string(hid_t obj, const std::string& name) {
  Handle a = open_attribute(obj, name);
  auto v = read_strings(a, true, "attribute '" + name + "'");
  if (v.size() != 1) throw DataError("attribute '" + name + "' holds " + std::to_string(v.size()) + " strings, expected one");
  return v[0];
}

double read_attr_double(hid_t obj, const std::string& name) {
  Handle a = open_attribute(obj, name);
  Handle t(H5Aget_type(a), H5Tclose);
  const H5T_class_t cls = H5Tget_class(t);
  if (cls != H5T_FLOAT && cls != H5T_INTEGER) throw DataError("attribute '" + name + "' is not a number");
  Handle space(H5Aget_space(a), H5Sclose);
  if (H5Sget_simple_extent_npoints(space) != 1) throw DataError("attribute '" + name + "' is not a single number");
  double v = 0;
  check(H5Aread(a, H5T_NATIVE_DOUBLE, &v), "read attribute " + name);
  return v;
}

std::string read_dataset_string(hid_t file, const std::string& path) {
  Handle d = open_dataset(file, path);
  auto v = read_strings(d, false, path);
  if (v.size() != 1) throw DataError(path + " holds " + std::to_string(v.size()) + " strings, expected one");
  return v[0];
}

std::vector<double> read_dataset_doubles(hid_t file, const std::string& path, std::vector<size_t>* shape) {
  Handle d = open_dataset(file, path);
  Handle t(H5Dget_type(d), H5Tclose);
  const H5T_class_t cls = H5Tget_class(t);
  if (cls != H5T_FLOAT && cls != H5T_INTEGER) throw DataError(path + " is not numeric");
  Handle space(H5Dget_space(d), H5Sclose);
  const std::vector<hsize_t> dims = dims_of_space(space);
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  checked_read_bytes(H5T_NATIVE_DOUBLE, n, path);
  if (shape) shape->assign(dims.begin(), dims.end());
  std::vector<double> v(static_cast<size_t>(n));
  if (n > 0) check(H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), "read " + path);
  return v;
}

std::vector<std::string> read_dataset_strings(hid_t file, const std::string& path) {
  Handle d = open_dataset(file, path);
  return read_strings(d, false, path);
}

std::vector<std::string> link_names(hid_t group) {
  std::vector<std::string> out;
  hsize_t idx = 0;
#if H5_VERSION_GE(1, 12, 0)
  const herr_t r = H5Literate2(group, H5_INDEX_NAME, H5_ITER_INC, &idx, collect_link, &out);
#else
  const herr_t r = H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, &idx, collect_link, &out);
#endif
  if (r < 0) throw DataError("cannot list a group");
  return out;
}

std::vector<std::string> attribute_names(hid_t obj) {
  std::vector<std::string> out;
  hsize_t idx = 0;
  if (H5Aiterate2(obj, H5_INDEX_NAME, H5_ITER_INC, &idx, collect_attr, &out) < 0)
    throw DataError("cannot list attributes");
  return out;
}

}  // namespace govsim::h5
