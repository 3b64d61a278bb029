#pragma once
// Everything one run produces, handed to a ResultWriter. What is recorded (the metric registry)
// is separate from how it is written (sim/io).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/calendar/calendar.hpp"
#include "sim/model/model.hpp"
#include "sim/metrics/metric_registry.hpp"
#include "sim/network/community_graph.hpp"

namespace govsim {

struct Provenance {
  std::string scenario_path;     // as given on the command line
  std::string scenario_source;   // the file's text, exactly as read
  std::string scenario_resolved; // every parameter with its final value, as TOML
  uint64_t seed = 0;
  uint32_t run_index = 0;
  std::string model;
  std::string govsim_version;
  std::string git_commit;
  // Run-environment fields: they describe how this run was executed and legitimately differ
  // between otherwise identical runs (threads, wall time, command line, creation time).
  std::string command_line;
  uint32_t threads = 0;
  uint32_t mpi_ranks = 1;        // ranks one run was split over (docs/distributed_runs.md)
  double wall_time_s = 0;
  std::string created_utc;       // ISO 8601
  // A run continued from a checkpoint (govsim branch): the checkpoint file, its last day and the
  // changes made from the next day on ("key = value"). Empty for an ordinary run. Run
  // environment too: a branch without changes has the same results as the full run.
  std::string branch_checkpoint, branch_date;
  std::vector<std::string> branch_changes;
  // Dated events as applied, one line per changed value (see Simulation::event_log).
  std::vector<std::string> events_applied;
};

struct RunResult {
  Provenance provenance;
  Calendar calendar;
  std::vector<SeriesData> daily;    // rows = ticks
  std::vector<SeriesData> monthly;  // rows = calendar months
  std::vector<Model::Scalar> summary;
  std::optional<NetworkStats> social_network;  // of the resident social network, when built
  uint64_t state_bytes = 0;         // engine state (stores + networks), bytes
  uint32_t num_residents = 0;
};

}  // namespace govsim
