#include "sim/distributed/region_exchange.hpp"

#include <stdexcept>
#include <vector>

#ifdef GOVSIM_HAVE_MPI
// The C API only: Open MPI and MPICH otherwise pull in their deprecated C++ bindings.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>
#endif

namespace govsim {
namespace {

void check_size(const RegionPartition& p, size_t values, size_t width) {
  if (p.split() && values != size_t(p.num_regions()) * width)
    throw std::logic_error("RegionExchange: a table of " + std::to_string(values) + " values is not " +
                           std::to_string(p.num_regions()) + " regions x " + std::to_string(width));
}

#ifdef GOVSIM_HAVE_MPI
template <class T>
void gather_rows(const RegionPartition& p, T* rows, size_t width, MPI_Datatype type) {
  std::vector<int> counts(p.ranks), displs(p.ranks);
  for (int k = 0; k < p.ranks; ++k) {
    const size_t first = size_t(p.first_region[k]) * width, end = size_t(p.first_region[k + 1]) * width;
    if (end > size_t(INT32_MAX)) throw std::logic_error("RegionExchange: table too large for one MPI call");
    displs[k] = int(first);
    counts[k] = int(end - first);
  }
  // In place: this rank's rows already sit at their place in `rows`.
  MPI_Allgatherv(MPI_IN_PLACE, 0, type, rows, counts.data(), displs.data(), type, MPI_COMM_WORLD);
}
#endif

}  // namespace

#ifdef GOVSIM_HAVE_MPI

bool region_exchange_has_mpi() { return true; }

void RegionExchange::allgather(std::span<double> rows, size_t width) const {
  check_size(*p_, rows.size(), width);
  if (p_->split()) gather_rows(*p_, rows.data(), width, MPI_DOUBLE);
}

void RegionExchange::allgather(std::span<int64_t> rows, size_t width) const {
  check_size(*p_, rows.size(), width);
  if (p_->split()) gather_rows(*p_, rows.data(), width, MPI_INT64_T);
}

bool RegionExchange::any(bool flag) const {
  if (!p_->split()) return flag;
  int local = flag ? 1 : 0, global = 0;
  MPI_Allreduce(&local, &global, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  return global != 0;
}

uint64_t RegionExchange::sum(uint64_t v) const {
  if (!p_->split()) return v;
  uint64_t total = 0;
  MPI_Allreduce(&v, &total, 1, MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD);
  return total;
}

#else  // one process: every rank is the only rank

bool region_exchange_has_mpi() { return false; }

namespace {
void one_rank(const RegionPartition& p, size_t values, size_t width) {
  check_size(p, values, width);
  if (p.split()) throw std::logic_error("RegionExchange: a partition over several ranks in a build without MPI");
}
}  // namespace

void RegionExchange::allgather(std::span<double> rows, size_t width) const { one_rank(*p_, rows.size(), width); }
void RegionExchange::allgather(std::span<int64_t> rows, size_t width) const { one_rank(*p_, rows.size(), width); }
bool RegionExchange::any(bool flag) const { return flag; }
uint64_t RegionExchange::sum(uint64_t v) const { return v; }

#endif

}  // namespace govsim
