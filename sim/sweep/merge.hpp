#pragma once
// `govsim merge`: shard files of one sweep -> one complete sweep file.
#include <string>
#include <vector>

#include "sim/sweep/sweep_writer.hpp"

namespace govsim::sweep {

// Checks that every input is a sweep file of the same sweep (same sweep_hash and govsim build),
// that no run appears twice and that every run of the design is present (the error lists the
// missing ones), rebuilds the plan from the sweep and base scenario texts stored in the inputs,
// and writes `output` atomically. Throws FileError / InputError.
void merge_sweep_files(const std::vector<std::string>& inputs, const std::string& output, SweepEnvironment env);

// Compact list of run indices: "0-4, 9, 12-13".
std::string format_ranges(const std::vector<uint64_t>& indices, size_t max_items = 20);

}  // namespace govsim::sweep
