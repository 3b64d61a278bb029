// Issue 10 (found by fault injection): hostile result files. Declared sizes far beyond the data,
// inconsistent datasets, variable-length strings, thousands of attributes: every reader (info,
// diff, merge) refuses with a FileError naming file, dataset and limit, or reads them correctly;
// never a crash, an unbounded allocation or pointer bytes taken for text.
#include <catch2/catch.hpp>

#include <hdf5.h>

#include <filesystem>
#include <functional>

#include "sim/core/errors.hpp"
#include "sim/io/hdf5_util.hpp"
#include "sim/io/result_compare.hpp"
#include "sim/io/result_info.hpp"
#include "sim/io/result_open.hpp"
#include "sim/io/result_writer.hpp"
#include "sim/io/sample_result.hpp"
#include "test_support.hpp"

using govsim::testing::q;

using namespace govsim;
using govsim::testing::sample_result;
namespace fs = std::filesystem;
using govsim::testing::run_govsim;
using govsim::testing::TempDir;

namespace {



// A fresh good result file, then `edit` applied to it with the HDF5 C API.
fs::path hostile(const TempDir& dir, const std::string& name, const std::function<void(hid_t)>& edit) {
  const fs::path p = dir / name;
  auto w = make_hdf5_writer();
  write_result_atomically(*w, sample_result(), p.string());
  hid_t f = H5Fopen(p.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  REQUIRE(f >= 0);
  edit(f);
  REQUIRE(H5Fclose(f) >= 0);
  return p;
}

// A dataset of `type` and shape `dims`, chunked and never written: it costs no disk, whatever it declares.
void declare(hid_t f, const std::string& path, hid_t type, std::vector<hsize_t> dims) {
  H5Ldelete(f, path.c_str(), H5P_DEFAULT);  // may not exist
  hid_t space = H5Screate_simple(int(dims.size()), dims.data(), nullptr);
  hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
  std::vector<hsize_t> chunk(dims.size(), 1);
  H5Pset_chunk(dcpl, int(chunk.size()), chunk.data());
  hid_t d = H5Dcreate2(f, path.c_str(), type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
  REQUIRE(d >= 0);
  H5Dclose(d), H5Pclose(dcpl), H5Sclose(space);
}

void put_doubles(hid_t f, const std::string& path, std::vector<hsize_t> dims) {
  H5Ldelete(f, path.c_str(), H5P_DEFAULT);
  hsize_t n = 1;
  for (hsize_t x : dims) n *= x;
  h5::dataset_doubles(f, path, std::vector<double>(n, 1.0), dims);
}

void put_vlen_strings(hid_t f, const std::string& path, const std::vector<std::string>& values) {
  H5Ldelete(f, path.c_str(), H5P_DEFAULT);
  hid_t t = H5Tcopy(H5T_C_S1);
  H5Tset_size(t, H5T_VARIABLE);
  H5Tset_cset(t, H5T_CSET_UTF8);
  const hsize_t n = values.size();
  hid_t space = H5Screate_simple(1, &n, nullptr);
  hid_t d = H5Dcreate2(f, path.c_str(), t, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  std::vector<const char*> ptrs;
  for (const auto& s : values) ptrs.push_back(s.c_str());
  REQUIRE(H5Dwrite(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()) >= 0);
  H5Dclose(d), H5Sclose(space), H5Tclose(t);
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const FileError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("declared sizes beyond the reader's limits are refused before allocating", "[io][faults]") {
  TempDir dir;
  const fs::path good = hostile(dir, "good.h5", [](hid_t) {});
  // 2^36 doubles (512 GiB) declared in a few bytes.
  const fs::path huge = hostile(dir, "huge.h5", [](hid_t f) { declare(f, "/series/daily/rate_active", H5T_NATIVE_DOUBLE, {hsize_t(1) << 36}); });
  // Strings of 2^30 bytes each.
  const fs::path wide = hostile(dir, "wide.h5", [](hid_t f) {
    hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, size_t(1) << 30);
    declare(f, "/time/daily/date", t, {91});
    H5Tclose(t);
  });
  for (const fs::path& p : {huge, wide}) {
    const std::string d = error_of([&] { (void)compare_result_files(good.string(), p.string(), true); });
    const std::string i = error_of([&] { (void)describe_result_file(p.string()); });
    INFO(d << "\n" << i);
    for (const std::string& m : {d, i}) {
      CHECK(m.rfind(p.string() + ": ", 0) == 0);  // names the file
      CHECK(m.find("over the reader's limit") != std::string::npos);
    }
  }
  CHECK(error_of([&] { (void)describe_result_file(huge.string()); }).find("/series/daily/rate_active") != std::string::npos);
  CHECK(error_of([&] { (void)describe_result_file(wide.string()); }).find("/time/daily/date") != std::string::npos);
  // The same through the binary: one line, exit 1, no "out of memory", no crash.
  for (const std::string& cmd : {"info " + q(huge), "diff " + q(good) + " " + q(huge), "info " + q(wide),
                                 "diff " + q(good) + " " + q(wide)}) {
    const auto r = run_govsim(cmd);
    INFO(cmd << ": " << r.output);
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("over the reader's limit") != std::string::npos);
    CHECK(r.output.find("out of memory") == std::string::npos);
  }
}

TEST_CASE("info refuses inconsistent datasets instead of reading past them", "[io][faults]") {
  TempDir dir;
  // Phase table columns of different lengths (heap overflow at result_info.cpp:83 before).
  const fs::path phases = hostile(dir, "phases.h5", [](hid_t f) {
    H5Ldelete(f, "/time/phases/start", H5P_DEFAULT);
    h5::dataset_strings(f, "/time/phases/start", {});
  });
  // A 2-D daily series whose phase means are 1-D (read past the end at result_info.cpp:102).
  const fs::path means = hostile(dir, "means.h5", [](hid_t f) { put_doubles(f, "/series/daily/rate_active", {91, 4}); });
  // A daily series that disagrees with the calendar's days.
  const fs::path days = hostile(dir, "days.h5", [](hid_t f) { put_doubles(f, "/series/daily/rate_active", {5}); });
  const fs::path empty = hostile(dir, "empty.h5", [](hid_t f) { put_doubles(f, "/series/daily/rate_active", {0}); });
  const fs::path scalar = hostile(dir, "scalar.h5", [](hid_t f) { put_doubles(f, "/summary/scalars/loss_area", {0}); });
  const fs::path attr = hostile(dir, "attr.h5", [](hid_t f) {
    hid_t g = H5Gopen2(f, "provenance", H5P_DEFAULT);
    H5Adelete(g, "seed");
    const hsize_t n = 1000;
    hid_t space = H5Screate_simple(1, &n, nullptr);
    hid_t a = H5Acreate2(g, "seed", H5T_NATIVE_DOUBLE, space, H5P_DEFAULT, H5P_DEFAULT);
    std::vector<double> v(n, 1.0);
    H5Awrite(a, H5T_NATIVE_DOUBLE, v.data());
    H5Aclose(a), H5Sclose(space), H5Gclose(g);
  });
  const std::vector<std::pair<fs::path, std::string>> cases = {
      {phases, "differ in length"}, {means, "expected [3, 4]"}, {days, "has 5 rows but /time/daily/date has 91 days"},
      {empty, "has 0 rows"}, {scalar, "expected one"}, {attr, "not a single number"}};
  for (const auto& [p, want] : cases) {
    const std::string m = error_of([&] { (void)describe_result_file(p.string()); });
    INFO(m);
    CHECK(m.rfind(p.string() + ": damaged govsim result: ", 0) == 0);
    CHECK(m.find(want) != std::string::npos);
    const auto r = run_govsim("info " + q(p));
    CHECK(r.exit_code == 1);
  }
}

TEST_CASE("variable-length strings (as h5py writes str) are read as text", "[io][faults]") {
  TempDir dir;
  const fs::path good = hostile(dir, "good.h5", [](hid_t) {});
  std::vector<std::string> dates;
  {
    h5::Handle f = open_result_file(good.string());
    dates = h5::read_dataset_strings(f, "/time/daily/date");
  }
  REQUIRE(dates.size() == 91);
  const fs::path vlen = hostile(dir, "vlen.h5", [&](hid_t f) {
    put_vlen_strings(f, "/time/daily/date", dates);
    hid_t g = H5Gopen2(f, "provenance", H5P_DEFAULT);
    H5Adelete(g, "command_line");
    hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, H5T_VARIABLE);
    hid_t space = H5Screate(H5S_SCALAR);
    hid_t a = H5Acreate2(g, "command_line", t, space, H5P_DEFAULT, H5P_DEFAULT);
    const char* cl = "govsim run from-h5py.toml";
    H5Awrite(a, t, &cl);
    H5Aclose(a), H5Sclose(space), H5Tclose(t), H5Gclose(g);
  });
  const std::string info = describe_result_file(vlen.string());
  CHECK(info.find("calendar:  2020-01-01 to 2020-03-31 (91 days") != std::string::npos);
  CHECK(info.find("command:   govsim run from-h5py.toml") != std::string::npos);
  // diff compares the text, not the pointers: same dates, only the command line differs.
  const auto diffs = compare_result_files(good.string(), vlen.string(), false);
  REQUIRE(diffs.size() == 1);
  CHECK(diffs[0] == "differs: /provenance@command_line");
}

TEST_CASE("diff of a file with 10,000 root attributes is linear", "[io][faults]") {
  TempDir dir;
  const fs::path good = hostile(dir, "good.h5", [](hid_t) {});
  const fs::path many = hostile(dir, "many.h5", [](hid_t f) {
    for (int i = 0; i < 10000; ++i) h5::attr_double(f, "extra_" + std::to_string(i), i);
  });
  // Listing by index re-sorted the attributes for each one: quadratic (past 20 s). One pass now.
  const auto diffs = compare_result_files(good.string(), many.string(), true);
  CHECK(diffs.size() == 10000);
  CHECK(diffs.front().rfind("only in " + many.string() + ": /@extra_", 0) == 0);
}

TEST_CASE("merge reads variable-length dates as text and writes them correctly", "[io][faults][sweep]") {
  TempDir dir;
  govsim::testing::write_file(dir / "base.toml", "[run]\nmodel = \"reference\"\nseed = 5\n[calendar]\nstart = 2020-01-01\n"
                                                  "end = 2020-01-31\n[population]\nresidents = 300\n"
                                                  "[network]\ncommunity_size = 100\n");
  govsim::testing::write_file(dir / "sweep.toml", "[sweep]\nscenario = \"base.toml\"\nseed = 3\ndesign = \"grid\"\n"
                                                   "[[sweep.parameters]]\nname = \"reference.social_weight\"\n"
                                                   "values = [0.1, 0.2]\n");
  for (const char* s : {"0/2", "1/2"})
    REQUIRE(run_govsim("sweep " + q(dir / "sweep.toml") + " -q -t 1 --shard " + s + " -o " +
                       q(dir / (std::string("shard") + s[0] + ".h5"))).exit_code == 0);
  REQUIRE(run_govsim("merge " + q(dir / "shard0.h5") + " " + q(dir / "shard1.h5") + " -q -o " + q(dir / "plain.h5")).exit_code == 0);
  std::vector<std::string> dates;
  {
    h5::Handle f = open_result_file((dir / "shard1.h5").string());
    dates = h5::read_dataset_strings(f, "/time/daily/date");
  }
  REQUIRE(dates.size() == 31);
  hid_t f = H5Fopen((dir / "shard1.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  REQUIRE(f >= 0);
  put_vlen_strings(f, "/time/daily/date", dates);
  H5Fclose(f);
  const auto r = run_govsim("merge " + q(dir / "shard0.h5") + " " + q(dir / "shard1.h5") + " -q -o " + q(dir / "m.h5"));
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  {
    h5::Handle m = open_result_file((dir / "m.h5").string());
    CHECK(h5::read_dataset_strings(m, "/time/daily/date") == dates);
  }
  CHECK(run_govsim("diff " + q(dir / "plain.h5") + " " + q(dir / "m.h5")).exit_code == 0);
}
