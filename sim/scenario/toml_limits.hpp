#pragma once
// Limits checked on TOML text before toml::parse sees it. toml++ recurses once per level of
// nesting (and so does everything that walks the parsed tree), so a file nested 100,000 levels
// deep would overflow the stack; a 10 MB key would make every "did you mean" search crawl. A cheap,
// linear pre-scan refuses both with file:line:col and the limit, before any parsing.
#include <cstddef>
#include <string>
#include <string_view>

namespace govsim {

// Levels of nesting: table-header and dotted-key parts, arrays and inline tables, added up.
inline constexpr size_t kMaxTomlDepth = 64;
// Characters of one key as written (a dotted key or table header counts whole).
inline constexpr size_t kMaxTomlKeyLength = 256;

// Throws InputError ("name:line:col: ...") if `text` nests deeper than kMaxTomlDepth or holds a
// key longer than kMaxTomlKeyLength. Syntax errors are left to toml::parse: the scan never
// refuses what it does not understand, except when it cannot rule out deep nesting.
void check_toml_limits(std::string_view text, const std::string& name);

}  // namespace govsim
