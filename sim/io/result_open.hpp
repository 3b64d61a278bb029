#pragma once
// Opening a result file for reading with one-line errors for every way it can be wrong.
#include <string>

#include "sim/io/hdf5_util.hpp"

namespace govsim {

// Throws FileError: missing, directory, unreadable, not HDF5, corrupt, not a govsim result.
h5::Handle open_result_file(const std::string& path);

}  // namespace govsim
