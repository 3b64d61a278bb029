#pragma once
// Small calibrations of the reference model for the calibration tests: the 500-resident base
// scenario of the sweep tests, three parameters, mean engagement in three months as targets.
#include <string>

#include "sim/sweep/sweep_test_data.hpp"

namespace govsim::testing {

// The parameter values the synthetic targets are simulated with (the recovery test's truth).
inline constexpr double kTrueCrisisSensitivity = 0.5;
inline constexpr double kTrueBaseEngagement = 0.05;

// A calibration file (base scenario "base.toml" beside it). `feb`, `may`, `mar`: the synthetic
// observed values; `head_extra` is appended inside [calibration].
inline std::string calibration_text(double feb, double may, double mar, const std::string& head_extra = "",
                                    uint32_t generations = 4) {
  return "[calibration]\nscenario = \"base.toml\"\nseed = 3\nparticles = 30\nreplicates = 1\n" + head_extra +
         "\n[calibration.stop]\nmax_generations = " + std::to_string(generations) +
         "\nmax_simulations = 3000\n"
         "\n[[calibration.parameters]]\nname = \"reference.crisis_sensitivity\"\nprior = \"uniform\"\n"
         "\n[[calibration.parameters]]\nname = \"reference.base_engagement\"\nprior = \"uniform\"\nlower = 0.0\nupper = 0.3\n"
         // Moves only the activity of residents aged 65+, which no target measures: not identifiable.
         "\n[[calibration.parameters]]\nname = \"reference.elderly_activity_factor\"\nprior = \"uniform\"\n"
         "\n[[calibration.target]]\nid = \"engagement_feb\"\nuse = \"fit\"\nseries = \"mean_engagement\"\nmonth = \"2020-02\"\n"
         "value = " + std::to_string(feb) + "\nerror = 0.01\n"
         "\n[[calibration.target]]\nid = \"engagement_may\"\nuse = \"fit\"\nseries = \"mean_engagement\"\nmonth = \"2020-05\"\n"
         "value = " + std::to_string(may) + "\nerror = 0.005\n"
         "\n[[calibration.target]]\nid = \"engagement_mar\"\nuse = \"holdout\"\nseries = \"mean_engagement\"\nmonth = \"2020-03\"\n"
         "value = " + std::to_string(mar) + "\nerror = 0.01\n";
}

}  // namespace govsim::testing
