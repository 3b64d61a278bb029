// Clean layers: no folder inside sim/ depends (through #include, directly or transitively) on a
// folder that depends back on it. A newcomer can read the engine bottom-up.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "test_support.hpp"

TEST_CASE("no two folders of sim/ depend on each other", "[project]") {
  namespace fs = std::filesystem;
  const fs::path sim = govsim::testing::source_dir() / "sim";
  std::map<std::string, std::set<std::string>> deps;
  const std::regex inc(R"re(#include "sim/([a-z_]+)/)re");
  for (const auto& e : fs::recursive_directory_iterator(sim)) {
    if (!e.is_regular_file()) continue;
    const std::string folder = fs::relative(e.path(), sim).begin()->string();
    std::ifstream in(e.path());
    for (std::string line; std::getline(in, line);) {
      std::smatch m;
      if (std::regex_search(line, m, inc) && m[1] != folder) deps[folder].insert(m[1]);
    }
  }
  // Transitive closure: a folder reaching itself is a cycle.
  for (const auto& [start, direct] : deps) {
    std::set<std::string> seen;
    std::vector<std::string> todo(direct.begin(), direct.end());
    while (!todo.empty()) {
      const std::string f = todo.back();
      todo.pop_back();
      if (!seen.insert(f).second) continue;
      for (const std::string& g : deps[f]) todo.push_back(g);
    }
    INFO("sim/" << start << " depends on a folder that depends back on it");
    CHECK(seen.count(start) == 0);
  }
}
