#include "sim/io/result_compare.hpp"

#include <algorithm>
#include <map>

#include "sim/core/errors.hpp"
#include "sim/io/result_open.hpp"
#include "sim/io/result_writer.hpp"

namespace govsim {
namespace {

// What is compared of one object or attribute: its class, shape and a 128-bit digest of its
// content (strings by their text, whether fixed- or variable-length; other types by their
// bytes). Digests keep memory small: one dataset at a time is in memory, never a whole file.
struct Digest {
  std::string header;  // type class, shape, element size
  uint64_t h1 = 1469598103934665603ull, h2 = 0;
  bool operator==(const Digest& o) const { return header == o.header && h1 == o.h1 && h2 == o.h2; }
  bool operator!=(const Digest& o) const { return !(*this == o); }
  void add(const char* p, size_t n) {
    for (size_t i = 0; i < n; ++i) h1 = (h1 ^ uint8_t(p[i])) * 1099511628211ull;  // FNV-1a
    h2 = h2 * 31 + std::hash<std::string_view>{}(std::string_view(p, n)) + n;
  }
};

using Contents = std::map<std::string, Digest>;

std::string shape_text(hid_t space) {
  std::string s = "[";
  for (hsize_t d : h5::dims_of_space(space)) s += std::to_string(d) + ",";
  return s + "]";
}

Digest digest(hid_t obj, bool is_attr, const std::string& what) {
  h5::Handle t(is_attr ? H5Aget_type(obj) : H5Dget_type(obj), H5Tclose);
  h5::Handle space(is_attr ? H5Aget_space(obj) : H5Dget_space(obj), H5Sclose);
  if (!t.valid() || !space.valid()) throw DataError("cannot read the type of " + what);
  const H5T_class_t cls = H5Tget_class(t);
  Digest d;
  d.header = std::to_string(int(cls)) + shape_text(space);
  if (cls == H5T_STRING) {
    for (const std::string& s : h5::read_strings(obj, is_attr, what)) {
      const uint64_t n = s.size();
      d.add(reinterpret_cast<const char*>(&n), sizeof n);
      d.add(s.data(), s.size());
    }
    return d;
  }
  if (cls == H5T_VLEN || cls == H5T_REFERENCE ||
      ((cls == H5T_COMPOUND || cls == H5T_ARRAY) &&
       (H5Tdetect_class(t, H5T_VLEN) > 0 || H5Tdetect_class(t, H5T_REFERENCE) > 0 || H5Tdetect_class(t, H5T_STRING) > 0)))
    throw DataError(what + ": variable-length, reference or string-holding compound data cannot be compared");
  const uint64_t bytes = h5::checked_read_bytes(t, H5Sget_simple_extent_npoints(space), what);
  d.header += 'x';
  d.header += std::to_string(H5Tget_size(t));
  std::vector<char> b(bytes);
  if (bytes > 0) {
    const herr_t r = is_attr ? H5Aread(obj, t, b.data()) : H5Dread(obj, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, b.data());
    if (r < 0) throw DataError("cannot read " + what);
  }
  d.add(b.data(), b.size());
  return d;
}

void read_attrs(hid_t obj, const std::string& path, Contents& c) {
  for (const std::string& name : h5::attribute_names(obj)) {
    h5::Handle a(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose);
    if (!a.valid()) throw DataError("cannot open attribute " + path + "@" + name);
    c[path + "@" + name] = digest(a, true, path + "@" + name);
  }
}

struct Walk {
  Contents* c;
  std::string error;  // an exception cannot cross HDF5's C callback: kept here instead
};

herr_t visit(hid_t root, const char* name, const H5O_info_t* info, void* data) {
  Walk& w = *static_cast<Walk*>(data);
  try {
    const std::string path = std::string("/") + (std::string(name) == "." ? "" : name);
    h5::Handle obj(H5Oopen(root, name, H5P_DEFAULT), H5Oclose);
    if (!obj.valid()) throw DataError("cannot open " + path);
    read_attrs(obj, path, *w.c);
    if (info->type == H5O_TYPE_DATASET) (*w.c)[path] = digest(obj, false, path);
    else (*w.c)[path + "/"] = Digest{};
    return 0;
  } catch (const DataError& e) {
    w.error = e.what();
  } catch (const std::bad_alloc&) {
    w.error = "out of memory while reading";
  }
  return -1;
}

Contents read_all(const std::string& path) {
  h5::Handle f = open_result_file(path);
  Contents c;
  Walk w{&c, ""};
  if (H5Ovisit2(f, H5_INDEX_NAME, H5_ITER_INC, visit, &w, H5O_INFO_BASIC) < 0)
    throw ResultFileError(path, "", w.error.empty() ? "cannot walk the file (damaged?)" : w.error);
  return c;
}

// Run-environment keys of both formats; their names never clash, so one check serves both.
bool run_environment(const std::string& key) {
  for (const char* a : kRunEnvironmentAttributes)
    if (key == std::string("/provenance@") + a) return true;
  for (const char* e : kSweepRunEnvironmentEntries)
    if (key == e) return true;
  return false;
}

}  // namespace

std::vector<std::string> compare_result_files(const std::string& a, const std::string& b,
                                              bool ignore_run_environment) {
  const Contents ca = read_all(a), cb = read_all(b);
  std::vector<std::string> out;
  for (const auto& [k, v] : ca) {
    if (ignore_run_environment && run_environment(k)) continue;
    auto it = cb.find(k);
    if (it == cb.end()) out.push_back("only in " + a + ": " + k);
    else if (it->second != v) out.push_back("differs: " + k);
  }
  for (const auto& [k, v] : cb)
    if (!ca.count(k) && !(ignore_run_environment && run_environment(k)))
      out.push_back("only in " + b + ": " + k);
  return out;
}

}  // namespace govsim
