#pragma once
// Whether this process will run more simulations after the current one: true inside a batch
// (sweep, calibration, futures from a checkpoint; sim/batch/runner.cpp opens a scope around its
// runs), false for a single `govsim run`. A model may keep costly set-up for the runs that follow
// (the Zhejiang model keeps a fixed population, models/zhejiang/population_cache.hpp) only when
// this says some will, so a single run does not pay the time and memory of a copy nobody reads.
// Nothing a run computes may depend on it: it decides what is kept, never what is simulated.

namespace govsim {

bool more_runs_follow();

// While one of these is alive (on any thread), more_runs_follow() is true. Scopes nest.
class MoreRunsFollow {
 public:
  MoreRunsFollow();
  ~MoreRunsFollow();
  MoreRunsFollow(const MoreRunsFollow&) = delete;
  MoreRunsFollow& operator=(const MoreRunsFollow&) = delete;
};

}  // namespace govsim
