// The README's two commands are the project's contract with a new user; CI must run the test
// command exactly as written there, and the run command must name a scenario that exists.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "test_support.hpp"

namespace {

// The first ```sh block after the marker comment.
std::string command_after(const std::string& readme, const std::string& marker) {
  const size_t m = readme.find(marker);
  REQUIRE(m != std::string::npos);
  const size_t open = readme.find("```sh\n", m);
  REQUIRE(open != std::string::npos);
  const size_t begin = open + 6;
  const size_t end = readme.find("\n```", begin);
  REQUIRE(end != std::string::npos);
  return readme.substr(begin, end - begin);
}

}  // namespace

TEST_CASE("CI runs the README's test command verbatim", "[project]") {
  using govsim::testing::read_file;
  using govsim::testing::source_dir;
  const std::string readme = read_file(source_dir() / "README.md");
  const std::string test_cmd = command_after(readme, "<!-- readme:test-command -->");
  CHECK(test_cmd.find("ctest") != std::string::npos);
  CHECK(test_cmd.find("apt-get update") != std::string::npos);
  const std::string ci = read_file(source_dir() / ".ci/run");
  CHECK(ci.find("\n" + test_cmd + "\n") != std::string::npos);
}

TEST_CASE("the README's run command names scenarios that exist", "[project]") {
  using govsim::testing::read_file;
  using govsim::testing::source_dir;
  const std::string readme = read_file(source_dir() / "README.md");
  const std::string run_cmd = command_after(readme, "<!-- readme:run-command -->");
  const size_t s = run_cmd.find("scenarios/");
  REQUIRE(s != std::string::npos);
  const std::string path = run_cmd.substr(s, run_cmd.find(' ', s) - s);
  CHECK(std::filesystem::exists(source_dir() / path));
}
