// The partition rule of a run split over MPI ranks by region (docs/distributed_runs.md).
#include <catch2/catch.hpp>

#include "sim/core/errors.hpp"
#include "sim/distributed/partition.hpp"

using namespace govsim;

TEST_CASE("partition: contiguous blocks in region order, cut nearest k/K of the residents", "[distributed]") {
  const std::vector<uint32_t> sizes = {10, 10, 10, 10, 60, 5, 5, 40, 50};  // 200 residents
  const RegionPartition p = partition_regions(sizes, 2, 1);
  // Prefixes 10, 20, 30, 40, 100, ...: the cut at 100 = 1/2 of 200 falls after region 4.
  REQUIRE(p.first_region == std::vector<uint32_t>{0, 5, 9});
  CHECK(p.begin() == 5);
  CHECK(p.end() == 9);
  CHECK(p.resident_base() == 100);
  CHECK(p.local_residents() == 100);
  CHECK(p.owns(7));
  CHECK_FALSE(p.owns(4));
  // Four ranks: ideal cuts at 50, 100, 150 -> after prefixes 40 (|40-50| = 10 < |100-50|), 100, 150.
  const RegionPartition q = partition_regions(sizes, 4, 0);
  CHECK(q.first_region == std::vector<uint32_t>{0, 4, 5, 8, 9});
  uint64_t total = 0;
  for (int k = 0; k < 4; ++k) total += q.residents_of_rank(k);
  CHECK(total == 200);
  // Every rank computes the same cuts.
  for (int k = 0; k < 4; ++k) CHECK(partition_regions(sizes, 4, k).first_region == q.first_region);
}

TEST_CASE("partition: every rank gets a region, even when one region holds most residents", "[distributed]") {
  const RegionPartition p = partition_regions({1000, 1, 1}, 3, 0);
  CHECK(p.first_region == std::vector<uint32_t>{0, 1, 2, 3});
  CHECK(partition_regions({5}, 1, 0).first_region == std::vector<uint32_t>{0, 1});
  CHECK_THROWS_AS(partition_regions({1, 2}, 3, 0), UsageError);
}
