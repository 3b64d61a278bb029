#include "sim/batch/mpi_work.hpp"

#include "sim/core/errors.hpp"

#include <chrono>
#include <cstdio>
#include <exception>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

#ifdef GOVSIM_HAVE_MPI
// The C API only: Open MPI and MPICH otherwise pull in their deprecated C++ bindings.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>
#endif

namespace govsim::batch {
namespace {

// Set by mpirun/mpiexec (Open MPI, MPICH, Intel MPI) or srun (PMI/PMIx).
bool launched_by_mpi() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "PMI_RANK", "MPI_LOCALNRANKS"})
    if (std::getenv(v)) return true;
  return false;
}

}  // namespace

void MpiSession::check_on_root(const std::function<void()>& check) const {
  std::exception_ptr error;
  if (rank_ == 0) {
    try {
      check();
    } catch (...) {
      error = std::current_exception();
    }
  }
  if (size_ == 1) {
    if (error) std::rethrow_exception(error);
    return;
  }
  report_on_root(error);
}

void MpiSession::report_on_root(std::exception_ptr error) const {
  int status = 0;
  if (rank_ == 0 && error) {
    status = 1;
    try {
      std::rethrow_exception(error);
    } catch (const QuietFailure&) {
    } catch (const std::exception& e) {
      std::fprintf(stderr, "govsim: error: %s\n", e.what());
      std::fflush(stderr);
    }
  }
  broadcast(status);  // nobody leaves before rank 0 has printed
  if (status) throw QuietFailure();
}

#ifdef GOVSIM_HAVE_MPI

namespace {
constexpr int kRequest = 1, kReply = 2, kDone = 3;
std::mutex g_mpi_mutex;  // worker threads of one rank take turns (MPI_THREAD_SERIALIZED)
}  // namespace

bool mpi_available() { return true; }

MpiSession::MpiSession() {
  if (!launched_by_mpi()) return;
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided);
  initialised_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiSession::~MpiSession() {
  if (initialised_) MPI_Finalize();
}

void MpiSession::broadcast(int& v) const {
  if (size_ > 1) MPI_Bcast(&v, 1, MPI_INT, 0, MPI_COMM_WORLD);
}

void MpiSession::barrier() const {
  if (size_ > 1) MPI_Barrier(MPI_COMM_WORLD);
}

bool MpiSession::request_run(uint64_t& index) const {
  std::lock_guard lock(g_mpi_mutex);
  int dummy = 0;
  MPI_Send(&dummy, 1, MPI_INT, 0, kRequest, MPI_COMM_WORLD);
  long long reply = -1;
  MPI_Recv(&reply, 1, MPI_LONG_LONG, 0, kReply, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  if (reply < 0) return false;
  index = uint64_t(reply);
  return true;
}

void MpiSession::send_done() const {
  std::lock_guard lock(g_mpi_mutex);
  int dummy = 0;
  MPI_Send(&dummy, 1, MPI_INT, 0, kDone, MPI_COMM_WORLD);
}

void MpiSession::serve(const std::function<bool(uint64_t&)>& next, const std::function<void()>& finished) const {
  int remaining = size_ - 1;
  std::vector<bool> busy(size_, false);  // a rank holds a run it has not reported yet
  while (remaining > 0) {
    int flag = 0;
    MPI_Status st;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
    if (!flag) {
      // Polling rather than a blocking receive leaves the core to rank 0's own worker threads.
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      continue;
    }
    int dummy = 0;
    MPI_Recv(&dummy, 1, MPI_INT, st.MPI_SOURCE, st.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (busy[st.MPI_SOURCE]) finished();
    busy[st.MPI_SOURCE] = false;
    if (st.MPI_TAG == kDone) {
      --remaining;
      continue;
    }
    uint64_t index = 0;
    const long long reply = next(index) ? (long long)index : -1;
    busy[st.MPI_SOURCE] = reply >= 0;
    MPI_Send(&reply, 1, MPI_LONG_LONG, st.MPI_SOURCE, kReply, MPI_COMM_WORLD);
  }
}

void MpiSession::abort(int code) const {
  if (initialised_) MPI_Abort(MPI_COMM_WORLD, code);
  std::exit(code);
}

#else  // one process, no MPI

bool mpi_available() { return false; }
MpiSession::MpiSession() {
  (void)launched_by_mpi;
  (void)initialised_;
}
MpiSession::~MpiSession() = default;
void MpiSession::broadcast(int&) const {}
void MpiSession::barrier() const {}
bool MpiSession::request_run(uint64_t&) const { return false; }
void MpiSession::send_done() const {}
void MpiSession::serve(const std::function<bool(uint64_t&)>&, const std::function<void()>&) const {}
void MpiSession::abort(int code) const { std::exit(code); }

#endif

}  // namespace govsim::batch
