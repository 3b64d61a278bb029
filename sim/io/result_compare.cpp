#include "sim/io/result_compare.hpp"

#include <algorithm>
#include <map>

#include "sim/core/errors.hpp"
#include "sim/io/result_open.hpp"
#include "sim/io/result_writer.hpp"

namespace govsim {
namespace {

using Bytes = std::vector<char>;

// Object path -> raw bytes of its content, and "path@attr" -> raw bytes of each attribute.
struct Contents {
  std::map<std::string, Bytes> items;
};

void read_attrs(hid_t obj, const std::string& path, Contents& c) {
  H5O_info_t info;
  H5Oget_info2(obj, &info, H5O_INFO_NUM_ATTRS);
  for (hsize_t i = 0; i < info.num_attrs; ++i) {
    h5::Handle a(H5Aopen_by_idx(obj, ".", H5_INDEX_NAME, H5_ITER_INC, i, H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    char name[256];
    H5Aget_name(a, sizeof name, name);
    h5::Handle t(H5Aget_type(a), H5Tclose);
    h5::Handle space(H5Aget_space(a), H5Sclose);
    Bytes b(H5Tget_size(t) * std::max<hssize_t>(1, H5Sget_simple_extent_npoints(space)));
    H5Aread(a, t, b.data());
    c.items[path + "@" + name] = std::move(b);
  }
}

herr_t visit(hid_t root, const char* name, const H5O_info_t* info, void* data) {
  Contents& c = *static_cast<Contents*>(data);
  const std::string path = std::string("/") + (std::string(name) == "." ? "" : name);
  h5::Handle obj(H5Oopen(root, name, H5P_DEFAULT), H5Oclose);
  read_attrs(obj, path, c);
  if (info->type == H5O_TYPE_DATASET) {
    h5::Handle t(H5Dget_type(obj), H5Tclose);
    h5::Handle space(H5Dget_space(obj), H5Sclose);
    Bytes b(H5Tget_size(t) * std::max<hssize_t>(1, H5Sget_simple_extent_npoints(space)));
    H5Dread(obj, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, b.data());
    c.items[path] = std::move(b);
  } else {
    c.items[path + "/"] = {};
  }
  return 0;
}

Contents read_all(const std::string& path) {
  h5::Handle f = open_result_file(path);
  Contents c;
  if (H5Ovisit2(f, H5_INDEX_NAME, H5_ITER_INC, visit, &c, H5O_INFO_BASIC) < 0)
    throw FileError(path, "cannot walk the file (damaged?)");
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
  for (const auto& [k, v] : ca.items) {
    if (ignore_run_environment && run_environment(k)) continue;
    auto it = cb.items.find(k);
    if (it == cb.items.end()) out.push_back("only in " + a + ": " + k);
    else if (it->second != v) out.push_back("differs: " + k);
  }
  for (const auto& [k, v] : cb.items)
    if (!ca.items.count(k) && !(ignore_run_environment && run_environment(k)))
      out.push_back("only in " + b + ": " + k);
  return out;
}

}  // namespace govsim
