#pragma once
// Small helpers shared by tests: paths to the source tree and the govsim binary, temp dirs,
// and running the CLI as a subprocess.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace govsim::testing {

inline std::filesystem::path source_dir() { return GOVSIM_SOURCE_DIR; }
inline std::filesystem::path govsim_binary() { return GOVSIM_BINARY; }

// A fresh directory under the system temp dir, removed when the object goes out of scope.
class TempDir {
 public:
  TempDir() {
    std::string templ = (std::filesystem::temp_directory_path() / "govsim-test-XXXXXX").string();
    path_ = ::mkdtemp(templ.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline void write_file(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs a shell command, capturing its output (the command redirects stderr if it wants it).
inline CommandResult run_command(const std::string& cmd) {
  CommandResult r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
  const int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// A path in single quotes, for a shell command line (built piecewise: GCC 12 warns falsely,
// -Wrestrict, on "'" + std::string).
inline std::string q(const std::filesystem::path& p) {
  std::string s(1, '\'');
  s += p.string();
  s += '\'';
  return s;
}

// Runs the govsim binary with `args` (a shell-quoted string), capturing stdout and stderr.
inline CommandResult run_govsim(const std::string& args) {
  std::string command = "'";  // not "'" + string&&: GCC 12 -O3 warns falsely (-Wrestrict, PR 105651)
  command += govsim_binary().string();
  command += "' " + args + " 2>&1";
  return run_command(command);
}

// Whether Debian's /usr/bin/python3 has the packages the analysis and paper_repro scripts use.
inline bool have_python_stack() {
  return std::system("/usr/bin/python3 -c 'import h5py, numpy, scipy, matplotlib' >/dev/null 2>&1") == 0;
}

// Runs /usr/bin/python3 on a script of the source tree with (shell-quoted) arguments.
inline CommandResult run_python(const std::string& script, const std::string& args = "") {
  return run_command("/usr/bin/python3 '" + (source_dir() / script).string() + "' " + args + " 2>&1");
}

// Compares `now` with the committed reference file line by line (a failure names the first
// differing line); with GOVSIM_UPDATE_REFERENCE set, rewrites the file first. Use inside a
// TEST_CASE (it uses Catch2 assertions).
inline void check_against_reference(const std::filesystem::path& path, const std::string& now) {
  if (std::getenv("GOVSIM_UPDATE_REFERENCE")) {
    write_file(path, now);
    WARN("reference rewritten: " << path);
  }
  const std::string ref = read_file(path);
  REQUIRE_FALSE(ref.empty());
  std::istringstream a(ref), b(now);
  std::string la, lb;
  int line = 0;
  while (std::getline(a, la) && std::getline(b, lb)) {
    ++line;
    INFO("line " << line);
    REQUIRE(la == lb);
  }
  CHECK(ref.size() == now.size());
}

}  // namespace govsim::testing
