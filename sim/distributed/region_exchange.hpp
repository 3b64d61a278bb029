#pragma once
// The daily exchange of per-region quantities in a run split over MPI ranks by region
// (docs/distributed_runs.md). A table has one row of `width` values per region, in region order;
// each rank fills the rows of the regions it owns, and `allgather` gives every rank every row
// (MPI_Allgatherv in region order, so every rank ends with the same bytes). With one rank, or
// built without MPI, it does nothing: the rank owns every row already.
//
// Only region_exchange.cpp includes mpi.h. MPI itself is started by batch::MpiSession (the `run`
// command); this class only uses MPI_COMM_WORLD while the session lives.
#include <cstdint>
#include <span>

#include "sim/distributed/partition.hpp"

namespace govsim {

class RegionExchange {
 public:
  explicit RegionExchange(const RegionPartition& p) : p_(&p) {}
  // rows: num_regions x width, row-major.
  void allgather(std::span<double> rows, size_t width) const;
  void allgather(std::span<int64_t> rows, size_t width) const;
  // True on every rank when `flag` is true on any rank (a cancelled run stops on the same day everywhere).
  bool any(bool flag) const;
  // Sum of `v` over ranks, on every rank (integers: exact in any order).
  uint64_t sum(uint64_t v) const;

 private:
  const RegionPartition* p_;
};

// True when govsim was built with MPI (region_exchange.cpp is then compiled with GOVSIM_HAVE_MPI).
bool region_exchange_has_mpi();

}  // namespace govsim
