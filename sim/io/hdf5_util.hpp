#pragma once
// Thin RAII and helpers over the HDF5 C API, shared by the writer, the reader and the comparer.
#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

namespace govsim::h5 {

// Owns one hid_t and closes it with the matching H5*close.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer c) : id_(id), close_(c) {}
  Handle(Handle&& o) noexcept : id_(o.id_), close_(o.close_) { o.id_ = -1; }
  Handle& operator=(Handle&& o) noexcept {
    reset();
    id_ = o.id_, close_ = o.close_, o.id_ = -1;
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { reset(); }
  void reset() {
    if (id_ >= 0 && close_) close_(id_);
    id_ = -1;
  }
  hid_t get() const { return id_; }
  operator hid_t() const { return id_; }
  bool valid() const { return id_ >= 0; }

 private:
  hid_t id_ = -1;
  Closer close_ = nullptr;
};

// Files are built in memory (HDF5's core driver, no backing store) and written out by
// save_memory_file with checked POSIX writes: HDF5 itself never does disk I/O when govsim
// writes, so a full disk cannot leave a half-closed file inside the library (which then crashed
// at exit in H5F__close_cb). The cost is memory: the file's image, twice, while it is saved.
// `name` only identifies the file inside HDF5 (it must differ between files open at once).
Handle create_memory_file(const std::string& name);
// Copies the image of a memory file to `path` (created or truncated). Throws DataError with the
// system's reason (e.g. "No space left on device"); `path` may then hold a partial file.
void save_memory_file(hid_t file, const std::string& path);

// Turns off HDF5's own error printing (we report errors ourselves, in one line).
void silence_errors();

// Limits of what a reader loads into memory from one dataset or attribute: a damaged or hostile
// file may declare any size (2^36 elements, 2^30-byte strings) in a few bytes. Larger objects are
// refused with a DataError naming the limit before anything is allocated.
inline constexpr uint64_t kMaxReadBytes = uint64_t(2) << 30;        // 2 GiB
inline constexpr uint64_t kMaxStringBytes = uint64_t(64) << 20;     // 64 MiB per string element

// Writing (throw DataError on failure; callers turn it into FileError naming the file).
Handle create_group(hid_t parent, const std::string& name);
void attr_string(hid_t obj, const std::string& name, const std::string& value);
void attr_double(hid_t obj, const std::string& name, double value);
void attr_int(hid_t obj, const std::string& name, int64_t value);
void attr_uint(hid_t obj, const std::string& name, uint64_t value);
void dataset_string(hid_t parent, const std::string& name, const std::string& value);
void dataset_strings(hid_t parent, const std::string& name, const std::vector<std::string>& values);
void dataset_doubles(hid_t parent, const std::string& name, const std::vector<double>& values,
                     const std::vector<hsize_t>& shape);
void dataset_int32(hid_t parent, const std::string& name, const std::vector<int32_t>& values);
void dataset_uint8(hid_t parent, const std::string& name, const std::vector<uint8_t>& values);
void dataset_uint64(hid_t parent, const std::string& name, const std::vector<uint64_t>& values);

// Reading (throw DataError with a short reason that names the object). Strings may be fixed- or
// variable-length (h5py writes `str` as variable-length). Sizes are checked against the limits
// above before reading; an attribute read as one value must hold exactly one.
std::string read_attr_string(hid_t obj, const std::string& name);
double read_attr_double(hid_t obj, const std::string& name);
std::string read_dataset_string(hid_t file, const std::string& path);
std::vector<double> read_dataset_doubles(hid_t file, const std::string& path, std::vector<size_t>* shape);
std::vector<std::string> read_dataset_strings(hid_t file, const std::string& path);

// The dimensions of a dataset's or attribute's dataspace ([] for a scalar).
std::vector<hsize_t> dims_of_space(hid_t space);

// Element count and bytes to read for `npoints` elements of type `type`; throws DataError
// (naming `what` and the limit) if over kMaxReadBytes / kMaxStringBytes.
uint64_t checked_read_bytes(hid_t type, hssize_t npoints, const std::string& what);

// Reads every element of a string dataset or attribute (is_attr) of type class H5T_STRING, fixed
// or variable length, as std::string (trailing NULs removed).
std::vector<std::string> read_strings(hid_t obj, bool is_attr, const std::string& what);

// Names of the links in a group, or of the attributes of an object, in name order, in one pass
// (H5Literate / H5Aiterate: linear, unlike a loop over *_by_idx).
std::vector<std::string> link_names(hid_t group);
std::vector<std::string> attribute_names(hid_t obj);

}  // namespace govsim::h5
