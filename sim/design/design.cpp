#include "sim/design/design.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "sim/rng/counter_rng.hpp"
#include "sim/design/sobol.hpp"

namespace govsim::design {
namespace {

// Streams of the design's own random numbers (separate from every run's seed).
constexpr uint64_t kDesignSeedIndex = 0x6465736967ull;  // "desig"
enum Stream : uint32_t { kLhsPermute = 1, kLhsJitter = 2, kMorrisBase = 3, kMorrisOrder = 4, kMorrisSign = 5 };

CounterRng design_rng(const DesignSpec& spec) { return CounterRng(derive_seed(spec.seed, kDesignSeedIndex), 0); }

double from_range(const VariedParam& p, double u) {
  if (p.log_scale) return std::exp(std::log(p.lower) + u * (std::log(p.upper) - std::log(p.lower)));
  return p.lower + u * (p.upper - p.lower);
}

// A random permutation of 0..n-1 (Fisher-Yates), a pure function of (rng, tick, stream).
std::vector<uint32_t> permutation(const CounterRng& rng, uint32_t n, uint32_t tick, uint32_t stream) {
  std::vector<uint32_t> perm(n);
  std::iota(perm.begin(), perm.end(), 0u);
  for (uint32_t i = n; i > 1; --i) {
    const uint32_t j = CounterRng::below(rng.draw4(tick, i, stream)[0], i);
    std::swap(perm[i - 1], perm[j]);
  }
  return perm;
}

std::vector<double> levels_of(const VariedParam& p) {
  if (!p.values.empty()) return p.values;
  std::vector<double> out;
  // lower + k * (upper - lower) / (L - 1), not lower + (k / (L - 1)) * (upper - lower): the
  // former gives the round numbers users write (0.2, not 0.19999999999999998).
  for (uint32_t k = 0; k < p.levels; ++k) {
    double v = p.log_scale ? std::exp(std::log(p.lower) + k * (std::log(p.upper) - std::log(p.lower)) / (p.levels - 1))
                           : p.lower + k * (p.upper - p.lower) / (p.levels - 1);
    if (k == p.levels - 1) v = p.upper;
    out.push_back(p.type == ParamType::Int ? std::clamp(std::round(v), p.lower, p.upper) : v);
  }
  return out;
}

Design grid(const DesignSpec& spec) {
  Design d;
  std::vector<std::vector<double>> levels;
  for (const VariedParam& p : spec.params) levels.push_back(levels_of(p));
  const uint64_t n = grid_size(spec, UINT64_MAX);
  for (uint64_t i = 0; i < n; ++i) {
    DesignPoint pt;
    pt.values.resize(levels.size());
    uint64_t rest = i;
    for (size_t j = levels.size(); j-- > 0;) {  // last parameter varies fastest
      pt.values[j] = levels[j][rest % levels[j].size()];
      rest /= levels[j].size();
    }
    d.points.push_back(std::move(pt));
  }
  d.base_samples = n;
  return d;
}

Design lhs(const DesignSpec& spec) {
  Design d;
  const uint32_t n = spec.samples;
  const CounterRng rng = design_rng(spec);
  d.points.resize(n);
  for (uint32_t j = 0; j < spec.params.size(); ++j) {
    const std::vector<uint32_t> stratum = permutation(rng, n, j, kLhsPermute);
    for (uint32_t i = 0; i < n; ++i) {
      const double u = (stratum[i] + rng.uniform(j, i, kLhsJitter)) / n;
      d.points[i].values.push_back(sample_value(spec.params[j], u));
    }
  }
  d.base_samples = n;
  return d;
}

Design saltelli(const DesignSpec& spec) {
  Design d;
  const uint32_t P = uint32_t(spec.params.size());
  const uint64_t n = spec.samples;
  const std::vector<double> sob = sobol_points(2 * P, n + 1);  // row 0 is the origin: skipped
  for (uint64_t i = 0; i < n; ++i) {
    const double* a = &sob[(i + 1) * 2 * P];
    const double* b = a + P;
    auto point = [&](int32_t matrix) {
      DesignPoint pt;
      pt.saltelli_matrix = matrix;
      pt.saltelli_sample = int64_t(i);
      for (uint32_t j = 0; j < P; ++j) {
        const bool from_b = matrix == -2 || int32_t(j) == matrix;
        pt.values.push_back(sample_value(spec.params[j], from_b ? b[j] : a[j]));
      }
      d.points.push_back(std::move(pt));
    };
    point(-1);
    point(-2);
    for (uint32_t j = 0; j < P; ++j) point(int32_t(j));
  }
  d.base_samples = n;
  return d;
}

Design morris(const DesignSpec& spec) {
  Design d;
  const uint32_t P = uint32_t(spec.params.size());
  const uint32_t p = spec.morris_levels;
  const double delta = double(p) / (2.0 * (p - 1));
  const CounterRng rng = design_rng(spec);
  for (uint32_t t = 0; t < spec.samples; ++t) {
    // Base levels are drawn from the lower p/2 levels so that x + Delta stays on the grid; a
    // random sign then decides whether the trajectory starts low and steps up, or the reverse.
    std::vector<double> x(P);
    std::vector<int> sign(P);
    for (uint32_t j = 0; j < P; ++j) {
      const auto w = rng.draw4(t, j, kMorrisBase);
      const double base = CounterRng::below(w[0], p / 2) / double(p - 1);
      sign[j] = (w[1] & 1u) ? 1 : -1;
      x[j] = sign[j] > 0 ? base : base + delta;
    }
    const std::vector<uint32_t> order = permutation(rng, P, t, kMorrisOrder);
    for (uint32_t step = 0; step <= P; ++step) {
      if (step > 0) {
        const uint32_t j = order[step - 1];
        x[j] += sign[j] * delta;
      }
      DesignPoint pt;
      pt.morris_trajectory = t;
      pt.morris_step = int32_t(step);
      pt.morris_changed = step ? int32_t(order[step - 1]) : -1;
      for (uint32_t j = 0; j < P; ++j) pt.values.push_back(level_value(spec.params[j], std::clamp(x[j], 0.0, 1.0)));
      d.points.push_back(std::move(pt));
    }
  }
  d.base_samples = spec.samples;
  return d;
}

Design list(const DesignSpec& spec) {
  Design d;
  for (const auto& row : spec.points) d.points.push_back(DesignPoint{row});
  d.base_samples = spec.points.size();
  return d;
}

}  // namespace

double sample_value(const VariedParam& p, double u) {
  if (!p.values.empty()) {
    const size_t n = p.values.size();
    return p.values[std::min(n - 1, size_t(u * n))];
  }
  if (p.type == ParamType::Int) {
    if (p.log_scale) return std::clamp(std::floor(from_range(p, u) + 0.5), p.lower, p.upper);
    return std::min(p.upper, std::floor(p.lower + u * (p.upper - p.lower + 1)));
  }
  return from_range(p, u);
}

double level_value(const VariedParam& p, double u) {
  if (!p.values.empty()) return p.values[size_t(std::lround(u * double(p.values.size() - 1)))];
  if (u >= 1.0) return p.upper;  // exact endpoint, whatever the rounding of the formula
  const double v = from_range(p, u);
  return p.type == ParamType::Int ? std::clamp(std::round(v), p.lower, p.upper) : v;
}

uint64_t grid_size(const DesignSpec& spec, uint64_t limit) {
  uint64_t n = 1;
  for (const VariedParam& p : spec.params) {
    const uint64_t k = p.values.empty() ? p.levels : p.values.size();
    if (n > limit / k) return 0;
    n *= k;
  }
  return n;
}

uint64_t design_size(const DesignSpec& spec) {
  const uint64_t P = spec.params.size();
  switch (spec.design) {
    case DesignKind::Grid: {
      const uint64_t n = grid_size(spec, UINT64_MAX);
      return n == 0 ? UINT64_MAX : n;
    }
    case DesignKind::Lhs: return spec.samples;
    case DesignKind::Saltelli: return uint64_t(spec.samples) * (P + 2);
    case DesignKind::Morris: return uint64_t(spec.samples) * (P + 1);
    case DesignKind::List: return spec.points.size();
  }
  return 0;
}

Design make_design(const DesignSpec& spec) {
  Design d;
  switch (spec.design) {
    case DesignKind::Grid: d = grid(spec); break;
    case DesignKind::Lhs: d = lhs(spec); break;
    case DesignKind::Saltelli: d = saltelli(spec); break;
    case DesignKind::Morris: d = morris(spec); break;
    case DesignKind::List: d = list(spec); break;
  }
  d.kind = spec.design;
  return d;
}

}  // namespace govsim::design
