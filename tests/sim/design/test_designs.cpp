// Design generators: Sobol points against published values, grid coverage, one LHS sample per
// stratum, Saltelli matrix structure, Morris trajectories.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>

#include "sim/design/design.hpp"
#include "sim/design/sobol.hpp"

using namespace govsim;
using namespace govsim::design;

namespace {

VariedParam range(const std::string& name, double lo, double hi, uint32_t levels = 0,
                  ParamType type = ParamType::Float) {
  VariedParam p;
  p.name = name, p.lower = lo, p.upper = hi, p.levels = levels, p.type = type;
  return p;
}

DesignSpec spec_with(DesignKind kind, std::vector<VariedParam> params, uint32_t samples = 0) {
  DesignSpec s;
  s.design = kind;
  s.params = std::move(params);
  s.samples = samples;
  s.seed = 42;
  return s;
}

}  // namespace

TEST_CASE("Sobol points match the published Joe-Kuo sequence", "[sweep][design]") {
  // First points of the unscrambled sequence (Joe & Kuo 2008; identical to scipy.stats.qmc.Sobol
  // with scramble=False, checked for 64 dimensions x 1024 points when the table was generated).
  const std::vector<double> p = sobol_points(3, 8);
  const double expect[8][3] = {{0, 0, 0},          {0.5, 0.5, 0.5},     {0.75, 0.25, 0.25},
                               {0.25, 0.75, 0.75}, {0.375, 0.375, 0.625}, {0.875, 0.875, 0.125},
                               {0.625, 0.125, 0.875}, {0.125, 0.625, 0.375}};
  for (int i = 0; i < 8; ++i)
    for (int j = 0; j < 3; ++j) CHECK(p[i * 3 + j] == expect[i][j]);
  CHECK(sobol_max_dimensions() >= 40);
  CHECK_THROWS(sobol_points(sobol_max_dimensions() + 1, 4));
}

TEST_CASE("every Sobol dimension puts one of the first 2^k points in each dyadic interval", "[sweep][design]") {
  const uint32_t dims = sobol_max_dimensions();
  const uint32_t n = 256;  // a (0, 8, 1)-net in each one-dimensional projection
  const std::vector<double> p = sobol_points(dims, n);
  for (uint32_t j = 0; j < dims; ++j) {
    std::set<uint32_t> cells;
    for (uint32_t i = 0; i < n; ++i) cells.insert(uint32_t(p[i * dims + j] * n));
    INFO("dimension " << j + 1);
    CHECK(cells.size() == n);
  }
}

TEST_CASE("a grid covers every combination of levels exactly once", "[sweep][design]") {
  VariedParam b = range("b", 0, 0);
  b.values = {1, 2, 3};
  const Design d = make_design(spec_with(DesignKind::Grid, {range("a", 0, 1, 5), b}));
  REQUIRE(d.points.size() == 15);
  std::set<std::pair<double, double>> seen;
  for (const auto& pt : d.points) seen.insert({pt.values[0], pt.values[1]});
  CHECK(seen.size() == 15);
  CHECK(d.points.front().values == std::vector<double>{0, 1});
  CHECK(d.points.back().values == std::vector<double>{1, 3});  // endpoints exact
  CHECK(d.points[1].values == std::vector<double>{0, 2});      // last parameter varies fastest
}

TEST_CASE("Latin hypercube: one sample per stratum in every dimension", "[sweep][design]") {
  const uint32_t n = 50;
  const Design d = make_design(spec_with(DesignKind::Lhs, {range("a", 0, 1), range("b", 10, 20), range("c", 0, 1)}, n));
  REQUIRE(d.points.size() == n);
  for (size_t j = 0; j < 3; ++j) {
    const double lo = j == 1 ? 10 : 0, hi = j == 1 ? 20 : 1;
    std::set<int> strata;
    for (const auto& pt : d.points) strata.insert(int((pt.values[j] - lo) / (hi - lo) * n));
    CHECK(strata.size() == n);
  }
  // Deterministic in the spec; a different seed gives a different design.
  CHECK(make_design(spec_with(DesignKind::Lhs, {range("a", 0, 1)}, n)).points[3].values ==
        make_design(spec_with(DesignKind::Lhs, {range("a", 0, 1)}, n)).points[3].values);
  DesignSpec other = spec_with(DesignKind::Lhs, {range("a", 0, 1)}, n);
  other.seed = 43;
  CHECK(make_design(other).points[3].values != make_design(spec_with(DesignKind::Lhs, {range("a", 0, 1)}, n)).points[3].values);
}

TEST_CASE("Saltelli: N(P+2) points, AB_j is A with column j from B", "[sweep][design]") {
  const uint32_t N = 16, P = 4;
  std::vector<VariedParam> ps;
  for (uint32_t j = 0; j < P; ++j) ps.push_back(range("p" + std::to_string(j), 0, 1));
  const Design d = make_design(spec_with(DesignKind::Saltelli, ps, N));
  REQUIRE(d.points.size() == N * (P + 2));
  CHECK(d.base_samples == N);
  for (uint32_t i = 0; i < N; ++i) {
    const auto& A = d.points[i * (P + 2)];
    const auto& B = d.points[i * (P + 2) + 1];
    CHECK(A.saltelli_matrix == -1);
    CHECK(B.saltelli_matrix == -2);
    CHECK(A.saltelli_sample == i);
    for (uint32_t j = 0; j < P; ++j) {
      const auto& AB = d.points[i * (P + 2) + 2 + j];
      CHECK(AB.saltelli_matrix == int32_t(j));
      CHECK(AB.saltelli_sample == i);
      for (uint32_t k = 0; k < P; ++k) CHECK(AB.values[k] == (k == j ? B.values[k] : A.values[k]));
    }
  }
  // A and B are the two halves of the 2P-dimensional Sobol point i+1 (the origin is skipped).
  const std::vector<double> s = sobol_points(2 * P, 2);
  for (uint32_t j = 0; j < P; ++j) {
    CHECK(d.points[0].values[j] == s[2 * P + j]);
    CHECK(d.points[1].values[j] == s[2 * P + P + j]);
  }
}

TEST_CASE("Morris: trajectories of P+1 points, one parameter moved by Delta per step", "[sweep][design]") {
  const uint32_t R = 10, P = 3;
  DesignSpec s = spec_with(DesignKind::Morris, {range("a", 0, 1), range("b", 0, 1), range("c", 0, 1)}, R);
  s.morris_levels = 4;
  const Design d = make_design(s);
  REQUIRE(d.points.size() == R * (P + 1));
  const double delta = 4.0 / 6.0;
  for (uint32_t t = 0; t < R; ++t) {
    std::set<int32_t> changed;
    for (uint32_t k = 1; k <= P; ++k) {
      const auto& prev = d.points[t * (P + 1) + k - 1];
      const auto& cur = d.points[t * (P + 1) + k];
      CHECK(cur.morris_trajectory == t);
      CHECK(cur.morris_step == int32_t(k));
      changed.insert(cur.morris_changed);
      for (uint32_t j = 0; j < P; ++j) {
        if (int32_t(j) == cur.morris_changed) CHECK(std::abs(std::abs(cur.values[j] - prev.values[j]) - delta) < 1e-12);
        else CHECK(cur.values[j] == prev.values[j]);
        CHECK(cur.values[j] >= 0.0);
        CHECK(cur.values[j] <= 1.0);
      }
    }
    CHECK(changed.size() == P);  // each parameter moved exactly once
    CHECK(d.points[t * (P + 1)].morris_changed == -1);
  }
}

TEST_CASE("values from unit coordinates: log scale, integers, explicit values", "[sweep][design]") {
  VariedParam lg = range("x", 1, 100);
  lg.log_scale = true;
  CHECK(sample_value(lg, 0.5) == Approx(10.0));
  CHECK(level_value(lg, 1.0) == 100.0);
  const VariedParam in = range("n", 1, 4, 0, ParamType::Int);
  std::set<double> ints;
  for (double u = 0; u < 1; u += 0.01) ints.insert(sample_value(in, u));
  CHECK(ints == std::set<double>{1, 2, 3, 4});  // every integer reachable, none outside
  VariedParam v = range("v", 0, 0);
  v.values = {3, 7};
  CHECK(sample_value(v, 0.49) == 3);
  CHECK(sample_value(v, 0.51) == 7);
}
