#include "sim/engine/memory_estimate.hpp"

#include <unistd.h>

#include <cstdio>

#include "sim/core/errors.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/regions/region_table.hpp"

namespace govsim {

MemoryEstimate estimate_memory(const ParamSet& p) {
  MemoryEstimate m;
  if (const auto t = load_region_table(p)) {
    for (uint32_t n : scaled_region_sizes(*t, p.get_double("population.scale"))) m.residents += n;
  } else if (p.has("population.residents")) {
    m.residents = static_cast<uint64_t>(p.get_int("population.residents"));
  }
  for (const AgentKindSpec& a : find_model(p.get_string("run.model")).world.agents)
    if (a.kind != "residents") m.other_agents += static_cast<uint64_t>(p.get_int("population." + a.kind));
  // Stored ties per resident (both directions): household, lattice, long-range. While the network
  // is built each tie is held as an 8-byte pair, then as a 4-byte CSR entry.
  double ties = 0;
  if (p.has("network.household_mean_size"))
    ties = p.get_double("network.household_mean_size") - 1.0 + double(p.get_int("network.neighbour_ties")) +
           p.get_double("network.long_range_ties");
  const double per_resident = 64.0 /* model state, buffers */ + 12.0 * ties + 12.0 /* CSR rows, layout */;
  m.bytes = uint64_t(per_resident * double(m.residents) + 64.0 * double(m.other_agents)) + (64u << 20);
  return m;
}

uint64_t physical_memory_bytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES), size = ::sysconf(_SC_PAGE_SIZE);
  return pages > 0 && size > 0 ? uint64_t(pages) * uint64_t(size) : 0;
}

std::string format_bytes(uint64_t b) {
  char buf[64];
  if (b >= (uint64_t(1) << 30)) std::snprintf(buf, sizeof buf, "%.1f GiB", double(b) / double(uint64_t(1) << 30));
  else std::snprintf(buf, sizeof buf, "%.0f MiB", double(b) / double(1u << 20));
  return buf;
}

void check_memory_fits(const ParamSet& p) {
  const MemoryEstimate m = estimate_memory(p);
  const uint64_t have = physical_memory_bytes();
  if (have == 0 || m.bytes <= have) return;
  const std::string key = p.has("regions.table") && !p.get_string("regions.table").empty() ? "population.scale"
                                                                                           : "population.residents";
  throw InputError(p.has(key) ? p.at(key).loc : SourceLoc{}, key,
                   "this run needs about " + format_bytes(m.bytes) + " (" + std::to_string(m.residents) +
                       " residents, " + std::to_string(m.other_agents) + " other agents) but this machine has " +
                       format_bytes(have) + "; run fewer residents or a smaller population.scale");
}

}  // namespace govsim
