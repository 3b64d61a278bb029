#pragma once
#include <string>

namespace govsim {

// Current time as ISO 8601 UTC ("2020-01-23T08:00:00Z"), for provenance.
std::string utc_now();

}  // namespace govsim
