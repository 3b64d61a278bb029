#pragma once
// The MPI side of a sweep, kept to a handful of calls so the rest of the sweep code never sees
// MPI. Built without MPI (GOVSIM_HAVE_MPI undefined), a session is always one rank.
//
// Protocol (dynamic load balancing): a worker rank asks rank 0 for a run index (kRequest) and
// gets one back, or "none left"; when it stops it says so (kDone). Rank 0 serves requests from
// its main thread while its own worker threads take runs from the same queue.
#include <cstdint>
#include <exception>
#include <functional>

namespace govsim::batch {

class MpiSession {
 public:
  // Initialises MPI only when this process was started by an MPI launcher (mpirun, srun);
  // started directly, the binary runs as one process without touching MPI.
  MpiSession();
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }

  // Rank 0's value of `v` on every rank.
  void broadcast(int& v) const;
  void barrier() const;
  // Runs `check` on rank 0 only (checks of output paths and the like); if it throws, rank 0
  // rethrows its error and every other rank throws QuietFailure, so only rank 0 reports it.
  // Under several ranks rank 0 prints the message before the ranks meet (then throws
  // QuietFailure too): a rank that exits first would otherwise let mpirun kill rank 0 before
  // it printed.
  void check_on_root(const std::function<void()>& check) const;
  // Every rank found (or not) the same input error; rank 0 prints it ("govsim: error: ...")
  // before the ranks meet, then every rank throws QuietFailure. No-op when `error` is null on
  // rank 0.
  void report_on_root(std::exception_ptr error) const;
  // Worker ranks: the next run index from rank 0; false when none are left. Thread-safe.
  bool request_run(uint64_t& index) const;
  void send_done() const;
  // Rank 0: answers requests with `next` until every other rank has sent kDone. A rank asks
  // again (or says kDone) only after writing its previous run, so `finished` is called then.
  void serve(const std::function<bool(uint64_t&)>& next, const std::function<void()>& finished) const;
  [[noreturn]] void abort(int code) const;

 private:
  int rank_ = 0, size_ = 1;
  bool initialised_ = false;
};

// True when govsim was built with MPI.
bool mpi_available();

}  // namespace govsim::batch
