#include "sim/core/closest_match.hpp"

#include <algorithm>

namespace govsim {

size_t closest_match_threshold(std::string_view word) {
  return std::max<size_t>(2, word.size() / 3);
}

size_t bounded_edit_distance(std::string_view a, std::string_view b, size_t limit) {
  const size_t over = limit + 1;
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return over;
  // Row i of the DP, only for columns j with |i - j| <= limit; cells outside the band count as
  // `over`.
  std::vector<size_t> prev(b.size() + 1, over), cur(b.size() + 1, over);
  for (size_t j = 0; j <= std::min(b.size(), limit); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    const size_t lo = i > limit ? i - limit : 0;
    const size_t hi = std::min(b.size(), i + limit);
    std::fill(cur.begin(), cur.end(), over);
    size_t row_min = over;
    if (lo == 0) cur[0] = i, row_min = i;
    for (size_t j = std::max<size_t>(lo, 1); j <= hi; ++j) {
      const size_t v =
          std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1] ? 1 : 0)});
      cur[j] = std::min(v, over);
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return over;  // every path already costs more than the limit
    std::swap(prev, cur);
  }
  return std::min(prev[b.size()], over);
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  if (word.empty() || word.size() > kMaxMatchedWord) return "";
  const size_t limit = closest_match_threshold(word);
  std::string best;
  size_t best_d = limit + 1;
  for (const std::string& c : candidates) {
    if (c == word) return "";
    if (c.size() > kMaxMatchedWord) continue;
    const size_t d = bounded_edit_distance(word, c, std::min(limit, best_d - 1));
    if (d < best_d) best_d = d, best = c;
  }
  return best_d <= limit ? best : std::string();
}

}  // namespace govsim
