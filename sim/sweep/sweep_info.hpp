#pragma once
// `govsim info` on a sweep file: design, parameters, runs, columns, provenance.
#include <string>

namespace govsim::sweep {

// True for an HDF5 file with format = "govsim-sweep"; false for anything else (which
// describe_result_file then explains).
bool is_sweep_file(const std::string& path);

// A multi-line summary. Throws FileError for a damaged file.
std::string describe_sweep_file(const std::string& path);

}  // namespace govsim::sweep
