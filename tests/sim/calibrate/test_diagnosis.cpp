// `govsim info`'s verdict on a finished calibration: converged only when its criterion stopped
// it, and a last generation resting on a few particles is flagged so that its intervals and
// contractions are not read as results.
#include <catch2/catch.hpp>

#include "sim/calibrate/summary.hpp"

using govsim::calibrate::diagnose;
using govsim::calibrate::kFewParticlesEss;

TEST_CASE("a calibration stopped by its budget is not converged, one stopped by min_acceptance is", "[calibrate]") {
  const auto budget = diagnose("max_simulations reached during generation 4 (the posterior is generation 3)", 40, 50);
  CHECK_FALSE(budget.converged);
  CHECK_THAT(budget.text, Catch::StartsWith("NOT CONVERGED"));
  CHECK_FALSE(diagnose("max_generations reached", 40, 50).converged);
  const auto criterion = diagnose("acceptance rate below min_acceptance", 40, 50);
  CHECK(criterion.converged);
  CHECK_THAT(criterion.text, Catch::StartsWith("CONVERGED"));
  CHECK(diagnose("tolerance reached min_tolerance", 40, 50).converged);
  CHECK(diagnose("synthetic likelihood at full weight (tempering exponent 1)", 40, 50).converged);
  CHECK_FALSE(diagnose("max_simulations reached (last generation at full weight)", 40, 50).converged);
}

TEST_CASE("a last generation whose ESS is under a fifth of the particles is flagged, at the boundary too",
          "[calibrate]") {
  const auto degenerate = diagnose("acceptance rate below min_acceptance", 1.3, 50);  // session 28's Zhejiang run
  CHECK(degenerate.few_particles);
  CHECK_THAT(degenerate.text, Catch::Contains("FEW EFFECTIVE PARTICLES: ESS 1.3 of 50"));
  CHECK(diagnose("acceptance rate below min_acceptance", kFewParticlesEss * 50 - 1e-9, 50).few_particles);
  CHECK_FALSE(diagnose("acceptance rate below min_acceptance", kFewParticlesEss * 50, 50).few_particles);
  CHECK_FALSE(diagnose("acceptance rate below min_acceptance", 29.7, 50).few_particles);
}
