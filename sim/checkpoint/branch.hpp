#pragma once
// From a checkpoint to the scenario a branch continues (govsim branch): the checkpointed run's own
// scenario, read back exactly as it was read then, plus one dated event on the day after the
// checkpoint holding the --set changes. A branch with changes therefore is, by construction, the
// full run with that [[events]] entry added; keys that only shape the world (population sizes,
// the network) cannot be events and are refused.
#include <string>
#include <vector>

#include "sim/checkpoint/checkpoint_file.hpp"
#include "sim/scenario/scenario.hpp"

namespace govsim {

struct Branch {
  Scenario scenario;                 // with the branch event added, if any
  std::vector<std::string> changes;  // "key = value", for the provenance
};

// Throws FileError (the checkpoint's scenario no longer loads as it did) or InputError (a --set
// that is malformed, out of range, or not changeable during a run).
//
// `events_file` (optional): a TOML file of [[events]] tables only, read as if appended to the
// scenario file (so the branch equals the full run of the scenario with those events added);
// every event must be dated after the checkpoint's day. Its errors name the events file's lines.
Branch branch_from(const CheckpointFile& checkpoint, const std::vector<std::string>& sets,
                   const std::string& events_file = "");
// The same from a checkpoint's header alone (a sweep of futures builds each run's scenario this
// way; `checkpoint_path` names the file in messages and event labels).
Branch branch_from(const CheckpointHeader& header, const std::string& checkpoint_path,
                   const std::vector<std::string>& sets, const std::string& events_file = "");

// The header the engine's state goes with (sim/cli/cmd_run.cpp).
CheckpointHeader checkpoint_header(const Scenario& scenario, const std::vector<std::string>& overrides,
                                   const std::string& model, const std::string& date, int32_t days_done,
                                   const std::string& command_line);

}  // namespace govsim
