#pragma once
// The hash that names a batch's plan (a sweep's runs, a calibration's generation): part files
// carry it so that a resumed batch never mixes in runs of another plan.
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace govsim::batch {

// Two independent 64-bit FNV-1a streams over the canonical plan text: 128 bits, enough to tell
// plans apart; not a security property.
struct Fnv128 {
  uint64_t a = 0xcbf29ce484222325ull, b = 0x84222325cbf29ce4ull;
  void add(std::string_view s) {
    for (unsigned char c : s) {
      a = (a ^ c) * 0x100000001b3ull;
      b = (b ^ (c + 0x5bu)) * 0x100000001b3ull;
    }
    a = (a ^ 0xff) * 0x100000001b3ull;  // separator, so ("ab","c") != ("a","bc")
    b = (b ^ 0xfe) * 0x100000001b3ull;
  }
  std::string hex() const {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%016" PRIx64 "%016" PRIx64, a, b);
    return buf;
  }
};

}  // namespace govsim::batch
