#pragma once
// Reading result files back: a human summary for `govsim info`, and typed access for tests.
#include <string>
#include <vector>

namespace govsim {

// A multi-line, human-readable summary of a govsim result file: provenance, calendar, every
// series with unit and shape, summary scalars. Throws FileError for a missing file, a directory,
// an unreadable file, a file that is not HDF5, or an HDF5 file that is not a govsim result.
std::string describe_result_file(const std::string& path);

// Reads one dataset of doubles (e.g. "/series/daily/n_active") flattened row-major, and its
// shape. Throws FileError if the file or dataset is missing or not numeric.
std::vector<double> read_double_dataset(const std::string& path, const std::string& dataset,
                                        std::vector<size_t>* shape = nullptr);

// Reads a string attribute of an object ("/provenance", "scenario_resolved").
std::string read_string_attribute(const std::string& path, const std::string& object,
                                  const std::string& attribute);

}  // namespace govsim
