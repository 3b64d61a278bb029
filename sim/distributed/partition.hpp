#pragma once
// Which regions each MPI rank owns in a run split over ranks by region (docs/distributed_runs.md).
//
// Rule: regions keep their table order and are cut into K contiguous blocks, one per rank. Cut k
// (k = 1..K-1) is put after the region whose cumulative simulated residents come closest to k/K of
// the total (ties: the earlier cut), with at least one region per rank. The rule is a pure function
// of the region sizes and K, so every rank computes the same partition without talking.
//
// A rank simulates only the residents of its regions; they keep their global ids (the ids they have
// in a one-process run), so random draws keyed by id do not depend on K.
#include <cstdint>
#include <string>
#include <vector>

namespace govsim {

// This process's place among the ranks of one run.
struct RankPlace {
  int rank = 0, ranks = 1;
};

struct RegionPartition {
  int rank = 0, ranks = 1;
  std::vector<uint32_t> first_region{0, 0};  // ranks + 1 entries: rank k owns [first_region[k], first_region[k + 1])
  std::vector<uint64_t> region_offset{0};    // regions + 1 entries: global ids of region r are [offset[r], offset[r + 1])

  uint32_t num_regions() const { return region_offset.empty() ? 0 : uint32_t(region_offset.size() - 1); }
  uint32_t begin() const { return first_region[rank]; }  // first region this rank owns
  uint32_t end() const { return first_region[rank + 1]; }
  bool owns(uint32_t region) const { return region >= begin() && region < end(); }
  bool split() const { return ranks > 1; }
  uint64_t region_size(uint32_t r) const { return region_offset[r + 1] - region_offset[r]; }
  uint64_t total_residents() const { return region_offset.empty() ? 0 : region_offset.back(); }
  // Global id of this rank's first resident, and how many it simulates.
  uint64_t resident_base() const { return region_offset[begin()]; }
  uint64_t local_residents() const { return region_offset[end()] - region_offset[begin()]; }
  uint64_t residents_of_rank(int k) const { return region_offset[first_region[k + 1]] - region_offset[first_region[k]]; }
};

// The partition of regions of `sizes` residents over `ranks` ranks, seen from `rank`. Throws
// UsageError when there are more ranks than regions.
RegionPartition partition_regions(const std::vector<uint32_t>& sizes, int ranks, int rank);

// One line per rank: "rank k: regions a-b (n regions), m residents".
std::string describe(const RegionPartition& p);

}  // namespace govsim
