#include "sim/batch/part_store.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "govsim/version.hpp"
#include "sim/core/errors.hpp"
#include "sim/io/atomic_write.hpp"
#include "sim/io/hdf5_util.hpp"
#include "sim/io/result_writer.hpp"

namespace govsim::batch {
namespace {

namespace fs = std::filesystem;
constexpr const char* kHashFile = "SWEEP_HASH";

std::string read_small(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

bool parse_part_name(const std::string& name, uint64_t& index) {
  if (name.size() != 16 || name.rfind("run-", 0) != 0 || name.substr(13) != ".h5") return false;
  for (char c : name.substr(4, 9))
    if (c < '0' || c > '9') return false;
  index = std::stoull(name.substr(4, 9));
  return true;
}

}  // namespace

PartStore::PartStore(const std::string& output_path, std::string sweep_hash, std::string job)
    : dir_(output_path + ".parts"), hash_(std::move(sweep_hash)), job_(std::move(job)) {}

PartStore::~PartStore() {
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

std::string PartStore::part_path(uint64_t index) const {
  char name[32];
  std::snprintf(name, sizeof name, "run-%09llu.h5", static_cast<unsigned long long>(index));
  return (fs::path(dir_) / name).string();
}

void PartStore::lock(const fs::path& dir) {
  // The lock lives inside the parts directory and is never deleted while held: a second sweep
  // on the same output fails here, before it has touched anything.
  lock_fd_ = ::open((dir / ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) throw FileError(dir_, "cannot create the lock file " + (dir / ".lock").string());
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(lock_fd_), lock_fd_ = -1;
    std::string m = dir_;
    m += " is in use by another running govsim ";
    m += job_;
    throw UsageError(m);
  }
}

void PartStore::prepare(bool resume, bool force) {
  std::error_code ec;
  const fs::path dir(dir_);
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) throw FileError(dir_, "exists and is not a directory");
    lock(dir);  // first: --force must never delete the parts of a sweep that is still running
    if (force) {
      for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().filename() != ".lock") fs::remove_all(e.path(), ec);
    } else if (!resume) {
      std::string m = dir_;
      m += " holds the finished runs of an earlier, unfinished ";
      m += job_;
      m += "; add --resume to continue it, or --force to discard them and start again";
      throw UsageError(m);
    } else if (const std::string h = read_small(dir / kHashFile); !h.empty() && h != hash_) {
      std::string m = dir_;
      m += " belongs to a different ";
      m += job_;
      m += " (hash " + h;
      m += ", this ";
      m += job_;
      m += " " + hash_;
      m += "): the ";
      m += job_;
      m += " file or its base scenario changed; use --force to discard those runs";
      throw UsageError(m);
    }
  }
  if (lock_fd_ < 0) {
    fs::create_directories(dir, ec);
    if (!fs::is_directory(dir, ec)) throw FileError(dir_, "cannot create the parts directory");
    lock(dir);
  }
  std::ofstream(dir / kHashFile) << hash_ << "\n";
  // A kill during the final write leaves `.OUTPUT.tmp-*` beside the output; with the lock held,
  // no one else can be writing it.
  const fs::path output = dir_.substr(0, dir_.size() - std::string(".parts").size());
  std::string stale(1, '.');
  stale += output.filename().string();
  stale += ".tmp-";
  const fs::path out_dir = output.has_parent_path() ? output.parent_path() : fs::path(".");
  for (const auto& e : fs::directory_iterator(out_dir, ec))
    if (e.path().filename().string().rfind(stale, 0) == 0) fs::remove(e.path(), ec);
}

std::vector<bool> PartStore::finished(uint64_t num_runs, std::vector<std::string>* rejected) {
  std::vector<bool> done(num_runs, false);
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir_, ec)) {
    const std::string name = e.path().filename().string();
    if (name == kHashFile || name == ".lock") continue;
    uint64_t index = 0;
    std::string why;
    if (name.find(".tmp-") != std::string::npos) {
      why = "unfinished write";
    } else if (!parse_part_name(name, index) || index >= num_runs) {
      why = "not a part of this ";
      why += job_;
    } else {
      try {
        (void)load(index);
        done[index] = true;
        continue;
      } catch (const std::exception& ex) {
        why = ex.what();
      }
    }
    if (rejected) rejected->push_back(name + ": " + why + "; removed");
    fs::remove(e.path(), ec);
  }
  return done;
}

void PartStore::write(uint64_t index, const RunResult& result) const {
  write_file_atomically(part_path(index), "part", [&](const std::string& tmp) {
    std::lock_guard lock(hdf5_mutex());
    write_hdf5_result(result, tmp, [&](int64_t f) {
      h5::Handle prov(H5Gopen2(f, "provenance", H5P_DEFAULT), H5Gclose);
      if (!prov.valid()) throw DataError("cannot open /provenance of the part");
      h5::attr_string(prov, "sweep_hash", hash_);
      h5::attr_uint(prov, "sweep_run", index);
    });
  });
}

std::pair<RowMeta, RunRow> PartStore::load(uint64_t index) const {
  const std::string path = part_path(index);
  std::lock_guard lock(hdf5_mutex());
  h5::silence_errors();
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw DataError("not a regular file");  // a FIFO would block
  if (H5Fis_hdf5(path.c_str()) <= 0) throw DataError("not an HDF5 file");
  h5::Handle f(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!f.valid()) throw DataError("corrupt or truncated");
  if (h5::read_attr_string(f, "format") != "govsim-results") throw DataError("not a govsim result");
  if (h5::read_attr_string(f, "git_commit") != kGitCommit)
    throw DataError("written by another govsim build");
  h5::Handle prov(H5Gopen2(f, "provenance", H5P_DEFAULT), H5Gclose);
  if (!prov.valid()) throw DataError("no /provenance");
  if (h5::read_attr_string(prov, "sweep_hash") != hash_) throw DataError("part of another sweep");
  if (uint64_t(h5::read_attr_double(prov, "sweep_run")) != index) throw DataError("wrong run index");
  RowMeta meta = read_meta(f, false);
  RunRow row;
  row.index = index;
  row.wall_time_s = h5::read_attr_double(prov, "wall_time_s");
  row.values = read_row(f, meta, false, 0);
  return {std::move(meta), std::move(row)};
}

void PartStore::remove() {
  std::error_code ec;
  if (lock_fd_ >= 0) ::close(lock_fd_), lock_fd_ = -1;
  fs::remove_all(dir_, ec);
}

}  // namespace govsim::batch
