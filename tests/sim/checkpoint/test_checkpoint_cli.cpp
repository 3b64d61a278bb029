// The commands (issue 11, points 1, 2, 5 and 6): govsim run --checkpoint, govsim branch, and
// every way a checkpoint can be wrong refused in one line without output.
#include <filesystem>

#include "checkpoint_test_support.hpp"
#include "govsim/version.hpp"
#include "sim/io/hdf5_util.hpp"

using govsim::testing::q;

using namespace govsim;
using govsim::testing::run_govsim;
using govsim::testing::TempDir;

namespace {

const std::string kSmall = " --set population.residents=2000 --set network.community_size=200 -q";

std::string quickstart() { return q(testing::source_dir() / "scenarios/quickstart.toml"); }

bool one_error_line(const std::string& out) {
  return out.rfind("govsim: error: ", 0) == 0 && out.find('\n') == out.size() - 1;
}

// Replaces a root attribute of an HDF5 file (string or integer).
void set_root_attribute(const std::filesystem::path& file, const std::string& name, const std::string* text, int64_t number) {
  h5::silence_errors();
  h5::Handle f(H5Fopen(file.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose);
  REQUIRE(f.valid());
  REQUIRE(H5Adelete(f, name.c_str()) >= 0);
  if (text) h5::attr_string(f, name, *text);
  else h5::attr_int(f, name, number);
}

}  // namespace

TEST_CASE("govsim branch of a govsim run checkpoint gives a result govsim diff calls identical", "[checkpoint][cli]") {
  TempDir dir;
  auto r = run_govsim("run " + quickstart() + kSmall + " -o " + q(dir / "full.h5") + " --checkpoint " +
                      q(dir / "ck_%D.h5") + " --checkpoint-at 2020-02-09 --checkpoint-at 2020-06-30 --threads 1");
  REQUIRE(r.exit_code == 0);
  REQUIRE(std::filesystem::exists(dir / "ck_2020-02-09.h5"));
  REQUIRE(std::filesystem::exists(dir / "ck_2020-06-30.h5"));
  for (const char* ck : {"ck_2020-02-09.h5", "ck_2020-06-30.h5"}) {
    INFO(ck);
    r = run_govsim("branch " + q(dir / ck) + " -o " + q(dir / "b.h5") + " --threads 2 -q");
    REQUIRE(r.exit_code == 0);
    r = run_govsim("diff " + q(dir / "full.h5") + " " + q(dir / "b.h5"));
    CHECK(r.exit_code == 0);
    CHECK(r.output.find("identical") != std::string::npos);
  }
  // The provenance says it is a branch, from which file and day, with which changes.
  r = run_govsim("branch " + q(dir / "ck_2020-02-09.h5") + " -o " + q(dir / "c.h5") + " --set reference.social_weight=0.5 -q");
  REQUIRE(r.exit_code == 0);
  h5::Handle f(H5Fopen((dir / "c.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  h5::Handle prov(H5Gopen2(f, "provenance", H5P_DEFAULT), H5Gclose);
  CHECK(h5::read_attr_string(prov, "branch_date") == "2020-02-09");
  CHECK(h5::read_attr_string(prov, "branch_changes") == "reference.social_weight = 0.5\n");
  CHECK(h5::read_attr_string(prov, "branch_checkpoint").find("ck_2020-02-09.h5") != std::string::npos);
}

TEST_CASE("a run stopped after a periodic checkpoint is finished by govsim branch", "[checkpoint][cli]") {
  TempDir dir;
  auto r = run_govsim("run " + quickstart() + kSmall + " -o " + q(dir / "full.h5"));
  REQUIRE(r.exit_code == 0);
  r = run_govsim("run " + quickstart() + kSmall + " -o " + q(dir / "killed.h5") + " --checkpoint " + q(dir / "ck.h5") +
                 " --checkpoint-every 30 --stop-after-day 2020-03-15");
  CHECK(r.exit_code == 130);
  CHECK(!std::filesystem::exists(dir / "killed.h5"));
  r = run_govsim("branch " + q(dir / "ck.h5") + " -o " + q(dir / "killed.h5") + " -q");
  REQUIRE(r.exit_code == 0);
  CHECK(run_govsim("diff " + q(dir / "full.h5") + " " + q(dir / "killed.h5")).exit_code == 0);
}

TEST_CASE("damaged, foreign and other-version checkpoints are refused in one line", "[checkpoint][cli]") {
  TempDir dir;
  REQUIRE(run_govsim("run " + quickstart() + kSmall + " -o " + q(dir / "full.h5") + " --checkpoint " + q(dir / "ck.h5") +
                     " --checkpoint-at 2020-02-09")
              .exit_code == 0);
  const std::string good = testing::read_file(dir / "ck.h5");
  auto variant = [&](const std::string& name, const std::string& bytes) {
    testing::write_file(dir / name, bytes);
    return dir / name;
  };
  std::vector<std::pair<std::filesystem::path, std::string>> cases = {
      {dir / "missing.h5", "no such file"},
      {variant("text.h5", "not hdf5\n"), "not an HDF5 file"},
      {dir / "full.h5", "it is a result file"},
      {variant("truncated.h5", good.substr(0, good.size() / 2)), ""},
      {variant("empty.h5", ""), ""},
  };
  std::string flipped = good;  // damage in the middle of the state arrays
  for (size_t i = flipped.size() / 2; i < flipped.size() / 2 + 64; ++i) flipped[i] = char(~flipped[i]);
  cases.push_back({variant("flipped.h5", flipped), ""});
  const std::string other_commit = "0000000";
  const std::string other_model = "collab";
  cases.push_back({variant("version.h5", good), "format version 2"});
  set_root_attribute(dir / "version.h5", "format_version", nullptr, 2);
  cases.push_back({variant("commit.h5", good), "continues only in the govsim build that wrote it"});
  set_root_attribute(dir / "commit.h5", "git_commit", &other_commit, 0);
  cases.push_back({variant("model.h5", good), "model 'collab'"});
  set_root_attribute(dir / "model.h5", "model", &other_model, 0);

  for (const auto& [file, words] : cases) {
    INFO(file.filename().string());
    const auto r = run_govsim("branch " + q(file) + " -o " + q(dir / "out.h5"));
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK(one_error_line(r.output));
    CHECK(r.output.find(words) != std::string::npos);
    CHECK(!std::filesystem::exists(dir / "out.h5"));
  }
}

TEST_CASE("bad checkpoint options are refused before any work", "[checkpoint][cli]") {
  TempDir dir;
  const std::string run = "run " + quickstart() + kSmall + " -o " + q(dir / "r.h5");
  for (const char* opts : {" --checkpoint-at 2020-02-09", " --checkpoint x.h5", " --checkpoint x.h5 --checkpoint-at 2030-01-01",
                           " --checkpoint x.h5 --checkpoint-at 2020-02-31"}) {
    INFO(opts);
    const auto r = run_govsim(run + opts);
    CHECK(r.exit_code == 2);
    CHECK(one_error_line(r.output));
  }
  const auto same = run_govsim(run + " --checkpoint " + q(dir / "r.h5") + " --checkpoint-at 2020-02-09");
  CHECK(same.exit_code == 2);
  CHECK(!std::filesystem::exists(dir / "r.h5"));

  REQUIRE(run_govsim("run " + quickstart() + kSmall + " -o " + q(dir / "full.h5") + " --checkpoint " + q(dir / "ck.h5") +
                     " --checkpoint-at 2020-02-09")
              .exit_code == 0);
  const auto refused = run_govsim("branch " + q(dir / "ck.h5") + " -o " + q(dir / "b.h5") + " --set population.residents=5000");
  CHECK(refused.exit_code == 1);
  CHECK(one_error_line(refused.output));
  CHECK(refused.output.find("cannot change in a branch: it is read only when the world is built") != std::string::npos);
  CHECK(!std::filesystem::exists(dir / "b.h5"));
}
