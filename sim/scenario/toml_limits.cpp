#include "sim/scenario/toml_limits.hpp"

#include <cstdint>

#include "sim/core/errors.hpp"

namespace govsim {
namespace {

// Thrown inside the scanner when the text is not TOML it understands; the scan then falls back
// to a plain bracket count (toml::parse will report the syntax error itself).
struct Confused {};

class Scanner {
 public:
  Scanner(std::string_view text, const std::string& name) : s_(text), name_(name) {}

  void run() {
    try {
      document();
    } catch (const Confused&) {
      crude_bracket_depth();
    }
  }

 private:
  std::string_view s_;
  const std::string& name_;
  size_t pos_ = 0;
  uint32_t line_ = 1, col_ = 1;

  bool at_end() const { return pos_ >= s_.size(); }
  char peek(size_t k = 0) const { return pos_ + k < s_.size() ? s_[pos_ + k] : '\0'; }
  void advance() {
    if (s_[pos_] == '\n')
      ++line_, col_ = 1;
    else
      ++col_;
    ++pos_;
  }
  bool starts(std::string_view w) const { return s_.substr(pos_, w.size()) == w; }

  [[noreturn]] void too_deep(uint32_t line, uint32_t col) const {
    throw InputError({name_, line, col}, "",
                     "nested deeper than " + std::to_string(kMaxTomlDepth) +
                         " levels (table headers, dotted keys, arrays and inline tables together); "
                         "govsim refuses such a file");
  }
  void check_depth(size_t depth, uint32_t line, uint32_t col) const {
    if (depth > kMaxTomlDepth) too_deep(line, col);
  }

  void skip_blank() {  // spaces and tabs
    while (!at_end() && (peek() == ' ' || peek() == '\t')) advance();
  }
  void skip_comment() {
    if (peek() == '#')
      while (!at_end() && peek() != '\n') advance();
  }
  void skip_blank_lines() {  // spaces, tabs, newlines, comments
    for (;;) {
      skip_blank();
      if (peek() == '#')
        skip_comment();
      else if (peek() == '\n' || peek() == '\r')
        advance();
      else
        return;
    }
  }

  // A quoted string starting at pos_ (basic, literal, or their multi-line forms); returns its
  // length in characters as written.
  size_t string() {
    const size_t start = pos_;
    const char q = peek();
    const bool multi = peek(1) == q && peek(2) == q;
    const std::string_view close =
        multi ? std::string_view(q == '"' ? "\"\"\"" : "'''") : std::string_view(&s_[pos_], 1);
    for (size_t k = 0; k < (multi ? 3u : 1u); ++k) advance();
    for (;;) {
      if (at_end()) throw Confused{};
      if (!multi && peek() == '\n') throw Confused{};
      if (q == '"' && peek() == '\\') {
        advance();
        if (!at_end()) advance();
        continue;
      }
      if (starts(close)) {
        for (size_t k = 0; k < close.size(); ++k) advance();
        if (multi)  // up to two more quotes may belong to the content
          for (int k = 0; k < 2 && peek() == q; ++k) advance();
        return pos_ - start;
      }
      advance();
    }
  }

  static bool bare_key_char(char c) {
    return c != ' ' && c != '\t' && c != '.' && c != '=' && c != ']' && c != '[' && c != '\n' &&
           c != '\r' && c != '#' && c != '"' && c != '\'' && c != ',' && c != '{' && c != '}';
  }

  // A (possibly dotted) key; returns the number of parts. Refuses a key longer than the limit.
  size_t key() {
    const uint32_t line = line_, col = col_;
    const size_t start = pos_;
    size_t parts = 0;
    for (;;) {
      skip_blank();
      if (peek() == '"' || peek() == '\'') {
        string();
      } else {
        const size_t b = pos_;
        while (!at_end() && bare_key_char(peek())) {
          advance();
          if (pos_ - start > kMaxTomlKeyLength) break;
        }
        if (pos_ == b) throw Confused{};
      }
      if (pos_ - start > kMaxTomlKeyLength)
        throw InputError({name_, line, col}, "",
                         "key longer than " + std::to_string(kMaxTomlKeyLength) +
                             " characters; govsim refuses it");
      ++parts;
      skip_blank();
      if (peek() != '.') return parts;
      advance();
    }
  }

  void value(size_t depth) {
    skip_blank();
    const char c = peek();
    if (c == '"' || c == '\'') {
      string();
    } else if (c == '[') {
      check_depth(depth + 1, line_, col_);
      advance();
      for (;;) {
        skip_blank_lines();
        if (peek() == ']') break;
        value(depth + 1);
        skip_blank_lines();
        if (peek() == ',')
          advance();
        else if (peek() == ']')
          break;
        else
          throw Confused{};
      }
      advance();
    } else if (c == '{') {
      check_depth(depth + 1, line_, col_);
      advance();
      for (;;) {
        skip_blank();
        if (peek() == '}') break;
        const uint32_t line = line_, col = col_;
        const size_t parts = key();
        check_depth(depth + 1 + parts, line, col);
        if (peek() != '=') throw Confused{};
        advance();
        value(depth + 1 + parts);
        skip_blank();
        if (peek() == ',')
          advance();
        else if (peek() == '}')
          break;
        else
          throw Confused{};
      }
      advance();
    } else {
      const size_t b = pos_;
      while (!at_end() && peek() != ',' && peek() != ']' && peek() != '}' && peek() != '\n' &&
             peek() != '#' && peek() != '[' && peek() != '{')
        advance();
      if (pos_ == b) throw Confused{};
    }
  }

  void document() {
    size_t header_depth = 0;
    for (;;) {
      skip_blank_lines();
      if (at_end()) return;
      const uint32_t line = line_, col = col_;
      if (peek() == '[') {
        advance();
        if (peek() == '[') advance();
        header_depth = key();
        check_depth(header_depth, line, col);
        if (peek() != ']') throw Confused{};
        advance();
        if (peek() == ']') advance();
      } else {
        const size_t parts = key();
        check_depth(header_depth + parts, line, col);
        if (peek() != '=') throw Confused{};
        advance();
        value(header_depth + parts);
      }
      skip_blank();
      skip_comment();
      if (!at_end() && peek() != '\n' && peek() != '\r') throw Confused{};
    }
  }

  // Fallback for text the scanner does not follow: the deepest run of unclosed brackets and
  // braces (strings and comments not excluded), which bounds toml::parse's recursion from above.
  void crude_bracket_depth() {
    size_t depth = 0;
    while (!at_end()) {
      const char c = peek();
      if (c == '[' || c == '{') {
        if (++depth > kMaxTomlDepth) too_deep(line_, col_);
      } else if ((c == ']' || c == '}') && depth > 0) {
        --depth;
      }
      advance();
    }
  }
};

}  // namespace

void check_toml_limits(std::string_view text, const std::string& name) {
  Scanner(text, name).run();
}

}  // namespace govsim
