#include "sim/checkpoint/checkpoint_file.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "govsim/version.hpp"
#include "sim/core/errors.hpp"
#include "sim/io/atomic_write.hpp"
#include "sim/io/result_open.hpp"

namespace govsim {
namespace {

hid_t native(ElemType t) {
  switch (t) {
    case ElemType::U8: return H5T_NATIVE_UINT8;
    case ElemType::I8: return H5T_NATIVE_INT8;
    case ElemType::U16: return H5T_NATIVE_UINT16;
    case ElemType::I16: return H5T_NATIVE_INT16;
    case ElemType::U32: return H5T_NATIVE_UINT32;
    case ElemType::I32: return H5T_NATIVE_INT32;
    case ElemType::U64: return H5T_NATIVE_UINT64;
    case ElemType::I64: return H5T_NATIVE_INT64;
    case ElemType::F32: return H5T_NATIVE_FLOAT;
    case ElemType::F64: return H5T_NATIVE_DOUBLE;
  }
  return H5T_NATIVE_UINT8;
}

// A fast 64-bit checksum of an array's bytes (word-wise multiply-xor, then the tail): it detects
// damage, it is not a defence against a forger (docs/checkpoints.md says what is checked).
uint64_t checksum(const void* data, size_t bytes) {
  const auto* p = static_cast<const unsigned char*>(data);
  uint64_t h = 0x9E3779B97F4A7C15ull ^ bytes;
  size_t i = 0;
  for (; i + 8 <= bytes; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    h = (h ^ w) * 0x100000001B3ull;
    h ^= h >> 29;
  }
  for (; i < bytes; ++i) h = (h ^ p[i]) * 0x100000001B3ull;
  return h ^ (h >> 32);
}

const char* kChecksum = "checksum";

class H5StateWriter final : public StateWriter {
 public:
  explicit H5StateWriter(hid_t file) : file_(file) {}
  void write(const std::string& name, ElemType type, const void* data, size_t count) override {
    const hsize_t dims[1] = {hsize_t(count)};
    h5::Handle space(H5Screate_simple(1, dims, nullptr), H5Sclose);
    h5::Handle d = create(name, native(type), space);
    if (count > 0 && H5Dwrite(d, native(type), H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)
      throw DataError("cannot write " + name);
    h5::attr_uint(d, kChecksum, checksum(data, count * H5Tget_size(native(type))));
  }
  void write_strings(const std::string& name, const std::vector<std::string>& values) override {
    std::string joined;  // one string, NUL-separated, with a checksum like any array
    for (const std::string& v : values) joined += v + '\0';
    write(name, ElemType::U8, joined.data(), joined.size());
  }

 private:
  h5::Handle create(const std::string& name, hid_t type, hid_t space) {
    h5::Handle lcpl(H5Pcreate(H5P_LINK_CREATE), H5Pclose);
    H5Pset_create_intermediate_group(lcpl, 1);
    h5::Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
    H5Pset_obj_track_times(dcpl, false);
    h5::Handle d(H5Dcreate2(file_, ("state/" + name).c_str(), type, space, lcpl, dcpl, H5P_DEFAULT), H5Dclose);
    if (!d.valid()) throw DataError("cannot create " + name);
    return d;
  }
  hid_t file_;
};

}  // namespace

void write_checkpoint_header(hid_t group, const CheckpointHeader& h) {
  h5::attr_int(group, "days_done", h.days_done);
  const std::pair<const char*, std::string> texts[] = {
      {"govsim_version", h.govsim_version}, {"git_commit", h.git_commit}, {"model", h.model}, {"date", h.date},
      {"created_utc", h.created_utc},       {"command_line", h.command_line}};
  for (const auto& [name, value] : texts) h5::attr_string(group, name, value);
  h5::Handle sc = h5::create_group(group, "scenario");
  h5::attr_string(sc, "path", h.scenario_path);
  h5::attr_string(sc, "base_dir", h.base_dir);
  h5::dataset_string(sc, "source", h.scenario_source);
  h5::dataset_string(sc, "resolved", h.scenario_resolved);
  h5::dataset_strings(sc, "overrides", h.overrides);
}

CheckpointHeader read_checkpoint_header(hid_t group) {
  CheckpointHeader h;
  h.govsim_version = h5::read_attr_string(group, "govsim_version");
  h.git_commit = h5::read_attr_string(group, "git_commit");
  h.model = h5::read_attr_string(group, "model");
  h.date = h5::read_attr_string(group, "date");
  const double days = h5::read_attr_double(group, "days_done");
  if (!(days >= 1 && days <= 1e7)) throw DataError("days_done: out of range");
  h.days_done = int32_t(days);
  h.created_utc = h5::read_attr_string(group, "created_utc");
  h.command_line = h5::read_attr_string(group, "command_line");
  h5::Handle sc(H5Gopen2(group, "scenario", H5P_DEFAULT), H5Gclose);
  if (!sc.valid()) throw DataError("no scenario group");
  h.scenario_path = h5::read_attr_string(sc, "path");
  h.base_dir = h5::read_attr_string(sc, "base_dir");
  h.scenario_source = h5::read_dataset_string(group, "scenario/source");
  h.scenario_resolved = h5::read_dataset_string(group, "scenario/resolved");
  h.overrides = h5::read_dataset_strings(group, "scenario/overrides");
  return h;
}

uint64_t write_checkpoint(const std::string& path, const CheckpointHeader& h,
                          const std::function<void(StateWriter&)>& state) {
  h5::silence_errors();
  write_file_atomically(path, "checkpoint", [&](const std::string& tmp) {
    try {
      // In memory, then saved with checked writes, as result files are (hdf5_util.hpp). Grown
      // 8 MiB at a time: HDF5 zero-fills each increment, so a large one costs page faults for
      // memory never used, and a small one many reallocations on a file of hundreds of MB.
      h5::Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
      if (!fapl.valid() || H5Pset_fapl_core(fapl, size_t(8) << 20, 0) < 0) throw DataError("cannot set up a memory file");
      h5::Handle file(H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl), H5Fclose);
      if (!file.valid()) throw DataError("cannot create file");
      h5::attr_int(file, "format_version", kCheckpointFormatVersion);
      h5::attr_string(file, "format", kCheckpointFormat);
      write_checkpoint_header(file, h);
      h5::Handle st = h5::create_group(file, "state");
      H5StateWriter w(file);
      state(w);
      h5::save_memory_file(file, tmp);
    } catch (const DataError& e) {
      throw FileError(path, std::string("cannot write checkpoint: ") + e.what());
    }
  });
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  return ec ? 0 : uint64_t(size);
}

CheckpointFile::CheckpointFile(const std::string& path) : path_(path), file_(open_hdf5_file(path, "checkpoint")) {
  CheckpointHeader& h = header_;
  try {
    std::string format;
    try {
      format = h5::read_attr_string(file_, "format");
    } catch (const DataError&) {
    }
    if (format != kCheckpointFormat)
      throw FileError(path, "not a govsim checkpoint (no format=\"govsim-checkpoint\" attribute)" +
                                std::string(format == "govsim-results" ? "; it is a result file" : ""));
    const double version = h5::read_attr_double(file_, "format_version");
    if (version != double(kCheckpointFormatVersion))
      throw FileError(path, "checkpoint format version " + std::to_string(int64_t(version)) + ", this govsim reads version " +
                                std::to_string(kCheckpointFormatVersion));
    h = read_checkpoint_header(file_);
    if (h.govsim_version != kVersion || h.git_commit != kGitCommit)
      throw FileError(path, "written by govsim " + h.govsim_version + " (" + h.git_commit + "), this is govsim " + kVersion +
                                " (" + kGitCommit + "): a checkpoint continues only in the govsim build that wrote it");
  } catch (const DataError& e) {
    throw FileError(path, std::string("damaged checkpoint: ") + e.what());
  }
}

size_t CheckpointFile::count(const std::string& name, ElemType type) const {
  const std::string full = "state/" + name;
  htri_t exists = H5Oexists_by_name(file_, full.c_str(), H5P_DEFAULT);
  if (exists <= 0) throw DataError(name + ": missing (a checkpoint of another model or scenario, or damaged)");
  h5::Handle d(H5Dopen2(file_, full.c_str(), H5P_DEFAULT), H5Dclose);
  if (!d.valid()) throw DataError(name + ": not a dataset");
  h5::Handle t(H5Dget_type(d), H5Tclose);
  if (!t.valid() || H5Tequal(t, native(type)) <= 0) throw DataError(name + ": another element type than expected");
  h5::Handle space(H5Dget_space(d), H5Sclose);
  const std::vector<hsize_t> dims = h5::dims_of_space(space);
  if (dims.size() != 1) throw DataError(name + ": not a one-dimensional array");
  h5::checked_read_bytes(t, hssize_t(dims[0]), name);  // refuses absurd sizes before allocating
  return size_t(dims[0]);
}

void CheckpointFile::read(const std::string& name, ElemType type, void* data, size_t n) const {
  const size_t have = count(name, type);
  if (have != n)
    throw DataError(name + ": " + std::to_string(have) + " elements where " + std::to_string(n) +
                    " were expected (a checkpoint of another scenario, or damaged)");
  h5::Handle d(H5Dopen2(file_, ("state/" + name).c_str(), H5P_DEFAULT), H5Dclose);
  if (n > 0 && H5Dread(d, native(type), H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)
    throw DataError(name + ": cannot read (damaged or truncated file)");
  uint64_t stored = 0;
  h5::Handle a(H5Aopen(d, kChecksum, H5P_DEFAULT), H5Aclose);
  if (!a.valid() || H5Tequal(h5::Handle(H5Aget_type(a), H5Tclose), H5T_NATIVE_UINT64) <= 0 ||
      H5Aread(a, H5T_NATIVE_UINT64, &stored) < 0)
    throw DataError(name + ": no checksum");
  if (stored != checksum(data, n * H5Tget_size(native(type)))) throw DataError(name + ": checksum mismatch (damaged file)");
}

std::vector<std::string> CheckpointFile::read_strings(const std::string& name) const {
  std::vector<char> joined(count(name, ElemType::U8));
  read(name, ElemType::U8, joined.data(), joined.size());
  if (!joined.empty() && joined.back() != '\0') throw DataError(name + ": not a list of strings");
  std::vector<std::string> out;
  for (size_t i = 0; i < joined.size();) {
    const size_t end = std::find(joined.begin() + long(i), joined.end(), '\0') - joined.begin();
    out.emplace_back(joined.data() + i, end - i);
    i = end + 1;
  }
  return out;
}

}  // namespace govsim
