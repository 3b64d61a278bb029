#pragma once
// Firm sizes and the resumption order (docs/zhejiang_model.md, "Enterprise resumption"): how a
// sector's workers spread over its firms, which firms resume first when a colour permits only part
// of a county's jobs, and which industrial firms are "above designated size".
#include <cstdint>

namespace govsim::zhejiang {

struct ZjWorld;

// Which of a sector's n > 0 firms a worker joins, from a uniform u in [0, 1). Even: uniform over
// the firms. Zipf (rank-size exponent 1, Axtell 2001): firm k (0-based) gets a share
// ln((k+2)/(k+1)) / ln(n+1) of the workers, about 1/(k+1) normalised; k = floor((n+1)^u) - 1 is the
// exact inverse of that distribution, so no table is needed.
uint32_t firm_index(uint32_t n, double u, bool zipf);

// Fills z.firm_priority (per county, the share of the county's workers employed by the firms that
// come before f when firms are ordered largest first, ties broken by the permanent rank draw, so a
// permission of 0.3 lets the largest firms holding 30 % of the jobs resume) and z.firm_designated
// (industrial firms of zhejiang.firms.designated_size workers or more). Needs the workers' CSR.
void rank_firms(ZjWorld& z);

}  // namespace govsim::zhejiang
