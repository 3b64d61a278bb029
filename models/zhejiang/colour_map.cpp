#include "models/zhejiang/colour_map.hpp"

#include <algorithm>
#include <cmath>

namespace govsim::zhejiang {

bool case_free(const Indicators& x, const ScoreRule& r, bool dynamic) {
  return x.cumulative <= 0 || (dynamic && r.clear_days > 0 && x.days_without_new >= r.clear_days);
}

double risk_score(const Indicators& x, const ScoreRule& r, bool dynamic) {
  if (case_free(x, r, dynamic)) return 0.0;
  double s = r.w_cum * std::log1p(x.cumulative) + r.w_local * x.local_share + r.w_cluster * std::log1p(x.clusters);
  if (dynamic) s += r.w_new * std::log1p(x.new_week);
  if (x.days_without_new >= 3) s -= r.w_quiet3;
  if (x.days_without_new >= 7) s -= r.w_quiet7;
  return std::max(0.0, s);
}

Colour colour_of(double score, bool is_case_free, const ScoreRule& r) {
  if (is_case_free) return kGreen;
  if (score >= r.t_red) return kRed;
  if (score >= r.t_orange) return kOrange;
  if (score >= r.t_yellow) return kYellow;
  return kBlue;
}

Colour assessed_colour(Colour current, Colour scored, int max_downgrade) {
  if (max_downgrade <= 0 || scored <= current) return scored;  // red = 0 ... green = 4: a fall raises the index
  return Colour(std::min<int>(scored, int(current) + max_downgrade));
}

}  // namespace govsim::zhejiang
