#pragma once
// The one "did you mean ...?" rule: given a word and candidates, the closest candidate by edit
// distance if it is plausibly what was meant, else "". Work is bounded whatever the input: a
// word longer than kMaxMatchedWord is never matched (nobody mistypes a 10 MB key), a candidate
// whose length alone rules it out is skipped, and the distance is computed in a band that stops
// as soon as the threshold is exceeded, so one call costs O(candidates x word length x threshold).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace govsim {

inline constexpr size_t kMaxMatchedWord = 256;

// The largest edit distance still taken as a typo of `word`: max(2, |word| / 3).
size_t closest_match_threshold(std::string_view word);

// Levenshtein distance if it is <= limit, else limit + 1 (bounded work: O(|a| x limit)).
size_t bounded_edit_distance(std::string_view a, std::string_view b, size_t limit);

// The candidate closest to `word` within the threshold (the first one on ties), or "" if none is,
// if `word` is itself a candidate, or if `word` is longer than kMaxMatchedWord.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace govsim
