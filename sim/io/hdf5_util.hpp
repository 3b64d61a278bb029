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

// Turns off HDF5's own error printing (we report errors ourselves, in one line).
void silence_errors();

// Writing (throw std::runtime_error on failure; callers turn it into FileError).
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

// Reading (throw std::runtime_error with a short reason).
std::string read_attr_string(hid_t obj, const std::string& name);
double read_attr_double(hid_t obj, const std::string& name);
std::string read_dataset_string(hid_t file, const std::string& path);
std::vector<double> read_dataset_doubles(hid_t file, const std::string& path, std::vector<size_t>* shape);
std::vector<std::string> read_dataset_strings(hid_t file, const std::string& path);

}  // namespace govsim::h5
