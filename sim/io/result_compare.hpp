#pragma once
// Compares two result files object by object: every dataset's bytes and every attribute.
#include <string>
#include <vector>

namespace govsim {

// Human-readable differences (empty = identical). With `ignore_run_environment`, the attributes
// in kRunEnvironmentAttributes (threads, wall time, command line, creation time) are skipped.
std::vector<std::string> compare_result_files(const std::string& a, const std::string& b,
                                              bool ignore_run_environment);

}  // namespace govsim
