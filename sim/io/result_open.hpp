#pragma once
// Opening a result file for reading with one-line errors for every way it can be wrong.
#include <string>

#include "sim/io/hdf5_util.hpp"

namespace govsim {

// Throws FileError: missing, directory, unreadable, not HDF5, corrupt, not a govsim result.
h5::Handle open_result_file(const std::string& path);

// The checks every govsim reader makes before looking inside an HDF5 file (missing, directory,
// FIFO or device, unreadable, not HDF5, corrupt), read-only. `what` names the kind of file
// ("result file", "checkpoint") in the messages.
h5::Handle open_hdf5_file(const std::string& path, const std::string& what);

}  // namespace govsim
