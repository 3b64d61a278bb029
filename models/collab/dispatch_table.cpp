#include "models/collab/dispatch_table.hpp"

#include <algorithm>
#include <cmath>

namespace govsim::collab {

DispatchTable::DispatchTable(int categories, double zipf_exponent, int table_categories)
    : table_categories_(std::min(table_categories, categories)) {
  cdf_.resize(static_cast<size_t>(std::max(categories, 1)));
  double total = 0;
  for (size_t k = 0; k < cdf_.size(); ++k) cdf_[k] = total += std::pow(double(k + 1), -zipf_exponent);
  for (double& c : cdf_) c /= total;
  cdf_.back() = 1.0;
}

int DispatchTable::category(double u) const {
  return static_cast<int>(std::upper_bound(cdf_.begin(), cdf_.end(), u) - cdf_.begin());
}

double DispatchTable::expected_listed_share() const {
  return table_categories_ > 0 ? cdf_[static_cast<size_t>(table_categories_ - 1)] : 0.0;
}

}  // namespace govsim::collab
