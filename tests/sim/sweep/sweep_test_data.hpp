#pragma once
// A tiny base scenario and sweep files shared by the sweep tests: 500 residents, five months.
#include <string>

namespace govsim::testing {

inline const char* kSweepBase = R"([run]
model = "reference"
seed = 5
[calendar]
start = 2020-01-01
end = 2020-05-31
[population]
residents = 500
[network]
community_size = 100
[[crisis.phases]]
kind = "mid"
start = 2020-01-20
end = 2020-02-20
intensity = 1.0
)";

// 4 x 3 grid x 2 replicates = 24 runs; `extra` is appended inside [sweep].
inline std::string grid_sweep(const std::string& extra = "") {
  return "[sweep]\nscenario = \"base.toml\"\nseed = 11\ndesign = \"grid\"\nreplicates = 2\n" + extra +
         "\n[[sweep.parameters]]\nname = \"reference.social_weight\"\nmin = 0.0\nmax = 0.75\nlevels = 4\n"
         "\n[[sweep.parameters]]\nname = \"reference.crisis_sensitivity\"\nvalues = [0.2, 0.4, 0.8]\n";
}

}  // namespace govsim::testing
