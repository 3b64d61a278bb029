// docs/examples/walkthrough.md: every ```sh command, in order, runs and succeeds (in a scratch
// directory that links to the scenarios and analysis folders and to the built binary).
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "test_support.hpp"

namespace fs = std::filesystem;

TEST_CASE("the docs/examples walk-through runs in ten commands", "[docs][walkthrough][python]") {
  if (!govsim::testing::have_python_stack()) {
    WARN("skipped: /usr/bin/python3 lacks h5py/numpy/scipy/matplotlib");
    return;
  }
  const fs::path src = govsim::testing::source_dir();
  std::istringstream in(govsim::testing::read_file(src / "docs/examples/walkthrough.md"));
  std::vector<std::string> commands;
  std::string line;
  bool in_block = false;
  while (std::getline(in, line)) {
    if (line.rfind("```", 0) == 0) {
      in_block = line == "```sh";
      continue;
    }
    if (in_block && !line.empty()) commands.push_back(line);
  }
  REQUIRE(commands.size() == 10);

  govsim::testing::TempDir dir;
  fs::create_directories(dir / "build");
  fs::create_symlink(govsim::testing::govsim_binary(), dir / "build" / "govsim");
  for (const char* d : {"scenarios", "analysis", "paper_repro"}) fs::create_directory_symlink(src / d, dir / d);
  for (const auto& c : commands) {
    const auto r = govsim::testing::run_command("cd '" + dir.path().string() + "' && " + c + " 2>&1");
    INFO(c << "\n" << r.output);
    REQUIRE(r.exit_code == 0);
  }
  for (const char* f : {"town.h5", "town_rate_active.png", "town.csv", "quickstart__reference.social_weight=0.1.h5",
                        "grid.h5", "grid_post.png", "grid_rate_active.png", "town.html"})
    CHECK(fs::exists(dir / f));
}
