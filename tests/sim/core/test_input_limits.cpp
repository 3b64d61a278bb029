// Issue 10 (fault injection), the parts that need no binary: the one closest-match rule with
// bounded work, the TOML pre-scan limits, --set argument parsing, the O(n log n) phase overlap check.
#include <catch2/catch.hpp>

#include <toml++/toml.h>

#include <random>
#include <string>

#include "sim/core/closest_match.hpp"
#include "sim/core/errors.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/set_argument.hpp"
#include "sim/scenario/toml_limits.hpp"

using namespace govsim;

namespace {

size_t plain_edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string error_of(const std::string& text, const std::vector<std::string>& sets = {}) {
  try {
    (void)parse_scenario(text, "s.toml", sets);
  } catch (const GovsimError& e) {
    return e.what();
  }
  return "";
}

const char* kMinimal = "[calendar]\nstart = 2020-01-01\nend = 2020-12-31\n[population]\nresidents = 1000\n";

}  // namespace

TEST_CASE("closest_match: one threshold rule, bounded distance equals the plain one", "[closest_match]") {
  CHECK(closest_match("residnets", {"residents", "officials", "firms"}) == "residents");
  CHECK(closest_match("gird", {"grid", "lhs", "saltelli", "morris", "list"}) == "grid");
  CHECK(closest_match("swep", {"sweep"}) == "sweep");
  CHECK(closest_match("zzzzzz", {"grid", "lhs"}).empty());  // nothing plausible
  CHECK(closest_match("grid", {"grid", "gird"}).empty());    // the word itself is valid
  CHECK(closest_match_threshold("abc") == 2);
  CHECK(closest_match_threshold(std::string(30, 'a')) == 10);
  std::mt19937 rng(7);
  for (int t = 0; t < 2000; ++t) {
    auto word = [&] {
      std::string s(rng() % 12, 'a');
      for (char& c : s) c = char('a' + rng() % 3);
      return s;
    };
    const std::string a = word(), b = word();
    const size_t d = plain_edit_distance(a, b);
    for (size_t limit : {0u, 1u, 2u, 4u, 20u}) {
      INFO(a << " / " << b << " limit " << limit);
      CHECK(bounded_edit_distance(a, b, limit) == (d <= limit ? d : limit + 1));
    }
  }
}

TEST_CASE("closest_match: a 10 MB word costs no search at all", "[closest_match]") {
  const std::string huge(10 * 1024 * 1024, 'x');
  std::vector<std::string> candidates(1000, std::string(40, 'x'));
  // Work is bounded by the word-length cap: a quadratic search here would take hours.
  CHECK(closest_match(huge, candidates).empty());
  // Just under the cap, the band keeps it to O(candidates x length x threshold).
  const std::string long_word(kMaxMatchedWord, 'y');
  CHECK(closest_match(long_word, candidates).empty());
}

TEST_CASE("TOML pre-scan: nesting deeper than the limit is refused before parsing", "[toml_limits]") {
  const size_t deep = 100000;
  std::string header = "[";
  for (size_t i = 0; i < deep; ++i) header += (i ? ".a" : "a");
  header += "]\nx = 1\n";
  std::string dotted;
  for (size_t i = 0; i < deep; ++i) dotted += (i ? ".a" : "a");
  dotted += " = 1\n";
  const std::string arrays = "x = " + std::string(deep, '[') + std::string(deep, ']') + "\n";
  std::string inline_tables = "x = ";
  for (size_t i = 0; i < deep; ++i) inline_tables += "{a=";
  inline_tables += "1" + std::string(deep, '}') + "\n";
  const std::string garbage_then_deep = "x = = 1\ny = " + std::string(deep, '[') + "\n";
  for (const std::string* text : std::vector<const std::string*>{&header, &dotted, &arrays, &inline_tables, &garbage_then_deep}) {
    const std::string m = error_of(*text);
    INFO(m.substr(0, 300));
    // Short, positioned, naming the limit (and not a crash: these segfaulted toml++ before).
    CHECK((m.find("nested deeper than 64 levels") != std::string::npos ||
           m.find("key longer than 256 characters") != std::string::npos));
    CHECK(m.rfind("s.toml:", 0) == 0);
    CHECK(m.size() < 400);
  }
  CHECK(error_of(arrays).rfind("s.toml:1:", 0) == 0);
  // 64 levels are fine (the key x and 63 arrays); 65 are not.
  const std::string ok = "x = " + std::string(63, '[') + std::string(63, ']') + "\n";
  CHECK_NOTHROW(check_toml_limits(ok, "ok.toml"));
  const std::string over = "x = " + std::string(64, '[') + std::string(64, ']') + "\n";
  CHECK_THROWS_AS(check_toml_limits(over, "over.toml"), InputError);
}

TEST_CASE("TOML pre-scan: a 10 MB key is refused at once, with its position", "[toml_limits]") {
  const std::string key(10 * 1024 * 1024, 'k');
  const std::string m = error_of(std::string(kMinimal) + "[population]\n" + key + " = 1\n");
  CHECK(m.find("key longer than 256 characters") != std::string::npos);
  CHECK(m.rfind("s.toml:", 0) == 0);
  CHECK(m.size() < 400);
  const std::string quoted = error_of("\"" + key + "\" = 1\n");
  CHECK(quoted.find("key longer than 256 characters") != std::string::npos);
}

TEST_CASE("TOML pre-scan: ordinary TOML of every kind passes untouched", "[toml_limits]") {
  const std::string text = R"(# comment [[[[
title = "a [ string ] with { braces"   # and a comment ]]]
lit = 'C:\path\[x]'
multi = """
line one [
line two \""" still
"""
multi_lit = '''
[not.a.header]
'''
dt = 1979-05-27 07:32:00Z
arr = [ 1, 2,
  [3, 4], # nested
  { a = 1, "b.c" = [5] },
]
"quoted key" = 1
a . b . c = true
[table . "sub"]
x = -1e-310
[[aot]]
y = +inf
)";
  CHECK_NOTHROW(check_toml_limits(text, "t.toml"));
  CHECK_NOTHROW(toml::parse(text));  // really TOML
}

TEST_CASE("option --set: [] keys refused, lengths capped, floats parsed as the file parses them", "[set_argument]") {
  CHECK(parse_set_argument("population.residents=5").key == "population.residents");
  CHECK(parse_set_argument("a.b=x=y").value == "x=y");
  CHECK_THROWS_WITH(parse_set_argument("crisis.phases[].intensity=0"),
                    Catch::Contains("cannot be set with --set") && Catch::Contains("scenario file"));
  CHECK_THROWS_AS(parse_set_argument("=5"), InputError);
  CHECK_THROWS_AS(parse_set_argument("novalue"), InputError);
  CHECK_THROWS_WITH(parse_set_argument("a=" + std::string(70000, '1')), Catch::Contains("value longer than"));
  CHECK_THROWS_WITH(parse_set_argument(std::string(300, 'k') + "=1"), Catch::Contains("key longer than"));
  // The label of a long argument is short.
  CHECK(set_argument_label(std::string(70000, 'x')).size() < 150);

  CHECK(parse_set_float("1e-310") == Approx(1e-310).margin(0));
  CHECK(*parse_set_float("1e-310") > 0);  // subnormal, as in the file
  CHECK(parse_set_float("0.5") == 0.5);
  CHECK(parse_set_float("5") == 5.0);
  CHECK(parse_set_float("1_000.5") == 1000.5);
  CHECK_FALSE(parse_set_float("abc"));
  CHECK_FALSE(parse_set_float("inf"));
  CHECK_FALSE(parse_set_float("nan"));
  CHECK_FALSE(parse_set_float(""));
  CHECK_FALSE(parse_set_float("1\ny = 2"));
  CHECK_FALSE(parse_set_float("1 # c"));
  CHECK_FALSE(parse_set_float("\"1\""));
  // Through the loader: the file and --set agree on a subnormal.
  CHECK(error_of(kMinimal, {"reference.social_weight=1e-310"}).empty());
  CHECK(error_of(std::string(kMinimal) + "[reference]\nsocial_weight = 1e-310\n").empty());
  CHECK(error_of(kMinimal, {"crisis.phases[].intensity=0"}).find("scenario file") != std::string::npos);
}

TEST_CASE("20,000 crisis phases validate fast (sorted overlap check), overlaps still found", "[checks]") {
  std::string text = "[calendar]\nstart = 1950-01-01\nend = 2049-12-31\n[population]\nresidents = 1000\n";
  // 20,000 one-day phases, declared in reverse date order: a quadratic check does 2e8 comparisons.
  const int n = 20000;
  std::vector<std::string> days;
  Date d = *Date::parse("1950-01-02");
  for (int i = 0; i < n; ++i, d = d + 1) days.push_back(d.str());
  for (int i = n - 1; i >= 0; --i)
    text += "[[crisis.phases]]\nkind = \"mid\"\nstart = " + days[i] + "\nend = " + days[i] + "\nintensity = 1.0\n";
  CHECK(error_of(text).empty());
  // One overlap, between the first and the last declared: found and named.
  const std::string overlapping = text + "[[crisis.phases]]\nkind = \"mid\"\nstart = " + days[n - 1] + "\nend = " +
                                  days[n - 1] + "\nintensity = 1.0\n";
  const std::string m = error_of(overlapping);
  CHECK(m.find("phase #20001 overlaps phase #1 ") != std::string::npos);
}
