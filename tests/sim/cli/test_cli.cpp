// The govsim binary as a user meets it: exit codes, one-line errors with positions, no partial
// output, and every subcommand's help.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "test_support.hpp"

using govsim::testing::q;

namespace fs = std::filesystem;
using govsim::testing::run_govsim;
using govsim::testing::TempDir;
using govsim::testing::write_file;

namespace {

const char* kSmall = R"([run]
model = "reference"
seed = 5
[calendar]
start = 2020-01-01
end = 2020-02-29
[population]
residents = 3000
[[crisis.phases]]
kind = "mid"
start = 2020-01-20
end = 2020-02-10
intensity = 1.0
)";


// No file of any kind (result or temporary) left in the directory besides the inputs.
size_t count_h5_like(const fs::path& dir) {
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().string().find(".h5") != std::string::npos) ++n;
  return n;
}

}  // namespace

TEST_CASE("help is complete for every subcommand", "[cli]") {
  const auto top = run_govsim("--help");
  CHECK(top.exit_code == 0);
  for (const char* sub : {"run", "branch", "validate", "params", "info", "bench", "diff"}) {
    CHECK(top.output.find(sub) != std::string::npos);
    const auto h = run_govsim(std::string(sub) + " --help");
    INFO(sub << ": " << h.output);
    CHECK(h.exit_code == 0);
    CHECK(h.output.find("--help") != std::string::npos);
  }
  CHECK(run_govsim("").exit_code != 0);             // a subcommand is required
  CHECK(run_govsim("frobnicate").exit_code != 0);   // unknown subcommand
}

TEST_CASE("run writes a result that info can read", "[cli]") {
  TempDir dir;
  write_file(dir / "s.toml", kSmall);
  const auto r = run_govsim("run " + q(dir / "s.toml") + " -o " + q(dir / "out.h5") + " --threads 2");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  REQUIRE(fs::exists(dir / "out.h5"));
  const auto info = run_govsim("info " + q(dir / "out.h5"));
  INFO(info.output);
  CHECK(info.exit_code == 0);
  CHECK(info.output.find("rate_active") != std::string::npos);
  CHECK(info.output.find("2020-01-01") != std::string::npos);
}

TEST_CASE("bad scenarios fail with a positioned message and leave no output", "[cli]") {
  TempDir dir;
  struct Case {
    const char* name;
    std::string text;
    std::string expect;  // substring of the error
  };
  const std::string base = kSmall;
  const std::vector<Case> cases = {
      {"typo", base + "[output]\nmonthy = true\n", "did you mean 'output.monthly'"},
      {"syntax", base + "[output\n", "s.toml:"},
      {"type", "[calendar]\nstart = 2020-01-01\nend = 2020-02-01\n[population]\nresidents = \"many\"\n",
       "population.residents"},
      {"range", "[calendar]\nstart = 2020-01-01\nend = 2020-02-01\n[population]\nresidents = 0\n",
       "population.residents"},
      {"date", "[calendar]\nstart = \"2020-02-30\"\nend = 2020-03-01\n", "2020-02-30"},
      {"order", "[calendar]\nstart = 2020-03-01\nend = 2020-02-01\n", "calendar"},
  };
  for (const Case& c : cases) {
    write_file(dir / "s.toml", c.text);
    const auto r = run_govsim("run " + q(dir / "s.toml") + " -o " + q(dir / "out.h5"));
    INFO(c.name << ": " << r.output);
    CHECK(r.exit_code == 1);
    CHECK(r.output.find(c.expect) != std::string::npos);
    CHECK(r.output.find("s.toml") != std::string::npos);
    CHECK(count_h5_like(dir.path()) == 0);
    // validate agrees with run
    CHECK(run_govsim("validate " + q(dir / "s.toml")).exit_code == 1);
  }
}

TEST_CASE("overrides (set, seed) are checked like the file", "[cli]") {
  TempDir dir;
  write_file(dir / "s.toml", kSmall);
  const std::string s = q(dir / "s.toml");
  CHECK(run_govsim("validate " + s + " --set population.residents=2000").exit_code == 0);
  auto r = run_govsim("validate " + s + " --set population.residnets=2000");
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("population.residents") != std::string::npos);
  r = run_govsim("validate " + s + " --set population.residents=abc");
  CHECK(r.exit_code == 1);
  r = run_govsim("validate " + s + " --set population.residents");
  CHECK(r.exit_code != 0);
  CHECK(run_govsim("validate " + s + " --seed 17").exit_code == 0);
  CHECK(run_govsim("validate " + s + " --seed minus-one").exit_code != 0);
  CHECK(run_govsim("run " + s + " --threads 0 -o " + q(dir / "x.h5")).exit_code == 2);  // misuse
  CHECK_FALSE(fs::exists(dir / "x.h5"));
}

TEST_CASE("missing, directory and non-result files get one-line errors", "[cli]") {
  TempDir dir;
  write_file(dir / "notes.txt", "hello\n");
  for (const std::string& arg : {q(dir / "absent.h5"), q(dir.path()), q(dir / "notes.txt")}) {
    const auto r = run_govsim("info " + arg);
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("govsim: error:") != std::string::npos);
    CHECK(std::count(r.output.begin(), r.output.end(), '\n') == 1);
  }
  for (const std::string& arg : {q(dir / "absent.toml"), q(dir.path())}) {
    const auto r = run_govsim("run " + arg + " -o " + q(dir / "o.h5"));
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK(std::count(r.output.begin(), r.output.end(), '\n') == 1);
  }
}

TEST_CASE("params lists every parameter and writes markdown", "[cli]") {
  const auto text = run_govsim("params");
  CHECK(text.exit_code == 0);
  for (const char* key : {"population.residents", "calendar.start", "crisis.phases[].intensity",
                          "network.long_range_ties", "reference.social_weight"})
    CHECK(text.output.find(key) != std::string::npos);
  const auto md = run_govsim("params --markdown");
  CHECK(md.exit_code == 0);
  CHECK(md.output.find("| ") != std::string::npos);
}

TEST_CASE("the committed parameter reference is up to date", "[cli][docs]") {
  // docs/parameters.md is generated by `govsim params --markdown`; regenerate it when this fails.
  const auto md = run_govsim("params --markdown");
  REQUIRE(md.exit_code == 0);
  CHECK(govsim::testing::read_file(govsim::testing::source_dir() / "docs/parameters.md") == md.output);
}

TEST_CASE("the committed output dictionary is up to date", "[cli][docs]") {
  // docs/outputs.md is generated by `govsim outputs --markdown`; regenerate it when this fails.
  const auto md = run_govsim("outputs --markdown");
  REQUIRE(md.exit_code == 0);
  CHECK(govsim::testing::read_file(govsim::testing::source_dir() / "docs/outputs.md") == md.output);
}

TEST_CASE("govsim outputs lists every model's series with its kind", "[cli][docs]") {
  const auto text = run_govsim("outputs");
  REQUIRE(text.exit_code == 0);
  for (const char* s : {"model reference", "model jiaxing", "model collab", "component epidemic", "new_registrations",
                        "bookings_served", "rate_active_monthly", "cum_detected", "crisis_intensity"})
    CHECK(text.output.find(s) != std::string::npos);
  // The kind comes from the declaration, not from the name: bookings_served is a flow.
  const size_t at = text.output.find("bookings_served");
  REQUIRE(at != std::string::npos);
  CHECK(text.output.substr(at, text.output.find('\n', at) - at).find(" new ") != std::string::npos);
}

TEST_CASE("diff tells identical runs from different ones", "[cli]") {
  TempDir dir;
  write_file(dir / "s.toml", kSmall);
  const std::string s = q(dir / "s.toml");
  REQUIRE(run_govsim("run " + s + " -q --threads 1 -o " + q(dir / "a.h5")).exit_code == 0);
  REQUIRE(run_govsim("run " + s + " -q --threads 2 -o " + q(dir / "b.h5")).exit_code == 0);
  REQUIRE(run_govsim("run " + s + " -q --seed 6 -o " + q(dir / "c.h5")).exit_code == 0);
  CHECK(run_govsim("diff " + q(dir / "a.h5") + " " + q(dir / "b.h5")).exit_code == 0);
  CHECK(run_govsim("diff " + q(dir / "a.h5") + " " + q(dir / "c.h5")).exit_code == 1);
}
