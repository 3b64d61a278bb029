// HDF5 results: round trip of every dataset, deterministic bytes, atomic writes, bad files.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

#include "sim/core/errors.hpp"
#include "sim/io/result_compare.hpp"
#include "sim/io/result_info.hpp"
#include "sim/io/result_writer.hpp"
#include "sim/io/sample_result.hpp"
#include "test_support.hpp"

using namespace govsim;
using govsim::testing::sample_result;
namespace fs = std::filesystem;

TEST_CASE("every dataset reads back exactly", "[io]") {
  govsim::testing::TempDir dir;
  const std::string f = (dir / "r.h5").string();
  const RunResult r = sample_result();
  auto w = make_hdf5_writer();
  write_result_atomically(*w, r, f);
  std::vector<size_t> shape;
  CHECK(read_double_dataset(f, "/series/daily/rate_active", &shape) == r.daily[0].values);
  CHECK(shape == std::vector<size_t>{91});
  CHECK(read_double_dataset(f, "/series/daily/n_active", &shape) == r.daily[1].values);
  CHECK(shape == std::vector<size_t>{91, 2});
  CHECK(read_double_dataset(f, "/series/monthly/rate_active_monthly") == r.monthly[0].values);
  CHECK(read_double_dataset(f, "/summary/scalars/loss_area")[0] == 1.25);
  CHECK(read_string_attribute(f, "/series/daily/n_active", "groups") == "young,old");
  CHECK(read_string_attribute(f, "/series/daily/n_active", "unit") == "persons");
  CHECK(read_string_attribute(f, "/provenance", "command_line") == r.provenance.command_line);
  CHECK(read_double_dataset(f, "/time/daily/phase")[22] == 1.0);  // 2020-01-23 is mid
  // Phase means: pre = Jan 1-22 (ticks 0..21), mid = ticks 22..61, post = ticks 62..90.
  const auto pm = read_double_dataset(f, "/summary/phase_means/rate_active");
  CHECK(pm[0] == Approx(0.01 * 10.5));
  CHECK(pm[1] == Approx(0.01 * 41.5));
  CHECK(pm[2] == Approx(0.01 * 76.0));
  const std::string info = describe_result_file(f);
  CHECK(info.find("rate_active") != std::string::npos);
  CHECK(info.find("loss_area") != std::string::npos);
}

TEST_CASE("equal content gives equal bytes, only run environment may differ", "[io]") {
  govsim::testing::TempDir dir;
  auto w = make_hdf5_writer();
  RunResult r = sample_result();
  write_result_atomically(*w, r, (dir / "a.h5").string());
  write_result_atomically(*w, r, (dir / "b.h5").string());
  CHECK(govsim::testing::read_file(dir / "a.h5") == govsim::testing::read_file(dir / "b.h5"));
  r.provenance.threads = 4;
  r.provenance.wall_time_s = 9.0;
  write_result_atomically(*w, r, (dir / "c.h5").string());
  CHECK(compare_result_files((dir / "a.h5").string(), (dir / "c.h5").string(), true).empty());
  CHECK(compare_result_files((dir / "a.h5").string(), (dir / "c.h5").string(), false).size() == 2);
  r.daily[0].values[5] += 1e-12;
  write_result_atomically(*w, r, (dir / "d.h5").string());
  const auto d = compare_result_files((dir / "a.h5").string(), (dir / "d.h5").string(), true);
  // The series and its derived phase means differ; nothing else.
  REQUIRE(d.size() == 2);
  CHECK(d[0].find("/series/daily/rate_active") != std::string::npos);
  CHECK(d[1].find("/summary/phase_means/rate_active") != std::string::npos);
}

TEST_CASE("a failed write leaves neither the target nor a temporary", "[io]") {
  struct Failing : ResultWriter {
    void write(const RunResult& r, const std::string& path) override {
      make_hdf5_writer()->write(r, path);
      throw FileError(path, "disk full (simulated)");
    }
  } failing;
  govsim::testing::TempDir dir;
  const std::string target = (dir / "out.h5").string();
  CHECK_THROWS_AS(write_result_atomically(failing, sample_result(), target), FileError);
  CHECK(fs::is_empty(dir.path()));
  govsim::testing::write_file(dir / "out.h5", "previous");
  CHECK_THROWS_AS(write_result_atomically(failing, sample_result(), target), FileError);
  CHECK(govsim::testing::read_file(dir / "out.h5") == "previous");
  auto w = make_hdf5_writer();
  CHECK_THROWS_AS(write_result_atomically(*w, sample_result(), (dir / "no/such/dir/x.h5").string()), FileError);
}

TEST_CASE("bad result files give FileError, never a crash", "[io]") {
  govsim::testing::TempDir dir;
  govsim::testing::write_file(dir / "text.h5", "not hdf5 at all\n");
  auto w = make_hdf5_writer();
  write_result_atomically(*w, sample_result(), (dir / "good.h5").string());
  const std::string good = govsim::testing::read_file(dir / "good.h5");
  govsim::testing::write_file(dir / "half.h5", good.substr(0, good.size() / 2));
  govsim::testing::write_file(dir / "head.h5", good.substr(0, 600));
  for (const std::string& f : {(dir / "absent.h5").string(), dir.path().string(), (dir / "text.h5").string(),
                               (dir / "half.h5").string(), (dir / "head.h5").string()}) {
    INFO(f);
    CHECK_THROWS_AS(describe_result_file(f), FileError);
  }
}
