// Issue 10 (found by fault injection): a full disk. The write fails with a one-line error naming
// the file, nothing is left under the output's name, and the process exits cleanly: before the fix
// the failed flush left the HDF5 file open and the process segfaulted at exit (H5F__close_cb).
// Needs root to mount a tiny tmpfs; skipped (with a warning) where mounting is impossible.
#include <catch2/catch.hpp>

#include <sys/mount.h>

#include <filesystem>

#include "test_support.hpp"

using govsim::testing::q;

namespace fs = std::filesystem;
using govsim::testing::run_govsim;
using govsim::testing::TempDir;
using govsim::testing::write_file;

namespace {


// A 16 KiB tmpfs mounted on a fresh directory, unmounted at the end.
struct TinyDisk {
  TempDir dir;
  fs::path mnt = dir / "disk";
  bool mounted = false;
  TinyDisk() {
    fs::create_directories(mnt);
    mounted = ::mount("tmpfs", mnt.c_str(), "tmpfs", 0, "size=16k") == 0;
  }
  ~TinyDisk() {
    if (mounted) ::umount2(mnt.c_str(), MNT_DETACH);
  }
};

const char* kScenario = R"([run]
model = "reference"
seed = 5
[calendar]
start = 2020-01-01
end = 2020-06-30
[population]
residents = 300
[network]
community_size = 100
)";

}  // namespace

TEST_CASE("a full disk: one clean error, no partial file, no crash at exit", "[io][faults]") {
  TinyDisk disk;
  if (!disk.mounted) {
    WARN("skipped: cannot mount a tmpfs here (needs root and mount permission)");
    return;
  }
  write_file(disk.dir / "s.toml", kScenario);
  const auto r = run_govsim("run " + q(disk.dir / "s.toml") + " -q -t 1 -o " + q(disk.mnt / "out.h5"));
  INFO(r.output);
  CHECK(r.exit_code == 1);  // a crash at exit would be 139 (SIGSEGV) or -1
  CHECK(r.output.find("govsim: error: " + (disk.mnt / "out.h5").string() + ": cannot write result file") !=
        std::string::npos);
  CHECK(r.output.find("internal error") == std::string::npos);
  CHECK(fs::is_empty(disk.mnt));  // neither the output nor its temporary

  // A sweep whose parts and output are on the full disk.
  write_file(disk.dir / "base.toml", kScenario);
  write_file(disk.dir / "sweep.toml", "[sweep]\nscenario = \"base.toml\"\nseed = 3\ndesign = \"grid\"\n"
                                      "[[sweep.parameters]]\nname = \"reference.social_weight\"\nvalues = [0.1, 0.2]\n");
  const auto s = run_govsim("sweep " + q(disk.dir / "sweep.toml") + " -q -t 1 -o " + q(disk.mnt / "sweep.h5"));
  INFO(s.output);
  CHECK(s.exit_code == 1);
  CHECK(s.output.find("cannot write") != std::string::npos);
  CHECK(s.output.find("internal error") == std::string::npos);
  CHECK_FALSE(fs::exists(disk.mnt / "sweep.h5"));
}
