#pragma once
// ABC-SMC as population Monte Carlo (Beaumont, Cornuet, Marin & Robert 2009) with an adaptive
// tolerance schedule (Del Moral, Doucet & Jasra 2012: the next tolerance is a quantile of the
// previous generation's distances) and a Gaussian perturbation kernel with twice the weighted
// covariance of the previous population. docs/calibration.md describes it.
//
// Each generation simulates candidates in rounds of `particles` candidates; a round is one batch
// of runs through sim/batch (threads, part files, resume). Every random draw comes from a
// counter-based generator keyed by (generation, candidate, attempt), and every run's seed from
// its global run index, so the posterior does not depend on threads, interruptions or resumes.
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/calibrate/cal_spec.hpp"

namespace govsim::batch {
class MpiSession;
}

namespace govsim::calibrate {

struct Generation {
  double tolerance = 0;                       // distances <= this were accepted (inf: generation 0)
  std::vector<std::vector<double>> values;    // [particles][params], parameter values
  std::vector<double> weights;                // normalised
  std::vector<double> distances;
  std::vector<std::vector<double>> simulated; // [particles][replicates * targets], every target
  uint64_t candidates = 0;                    // simulated candidates (accepted or not)
  uint64_t simulations = 0;                   // runs so far, all generations, this one included
  double acceptance_rate = 0, ess = 0;
};

struct CalOptions {
  uint32_t threads = 1;            // concurrent runs
  bool resume = false, force = false, quiet = false;
  // Keep <output>.parts/ after writing the posterior, so that the calibration can later be
  // extended: the same file with a larger budget (or more generations) and --resume.
  bool keep_parts = false;
  std::string command_line;
  const std::atomic<bool>* cancel = nullptr;
  // Stops (throws Interrupted) after this many runs of this execution: an interruption at a
  // known point, for the resume test. 0 = no limit.
  uint64_t stop_after_runs = 0;
  // Under mpirun: the session whose ranks share the runs (every rank calls run_abc_smc). Null or
  // one rank: threads of this process only.
  const batch::MpiSession* mpi = nullptr;
};

struct CalOutcome {
  std::vector<Generation> generations;  // the last one is the posterior
  std::string stop_reason;
  uint64_t executed = 0, resumed = 0;   // runs done now / found finished
  double wall_time_s = 0;
  std::string plan_hash;
  int rank = 0, ranks = 1;              // MPI rank of this process and number of ranks
};

// Runs the calibration; parts live in `output`.parts until the caller writes the posterior and
// removes them. Throws InputError / FileError / UsageError; Interrupted (finished runs kept).
CalOutcome run_abc_smc(const CalSpec& spec, const std::string& output, const CalOptions& options);

// The resume key of a calibration: a hash of the resolved specification (not of the file's text:
// comments and whitespace do not change it).
std::string plan_hash(const CalSpec& spec);

// Effective sample size 1 / sum w^2 of normalised weights.
double effective_sample_size(const std::vector<double>& w);

}  // namespace govsim::calibrate
