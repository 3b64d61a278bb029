// Eight agents' draws at once (sim/rng/counter_rng_batch.hpp): the SIMD path must give exactly the
// words of eight scalar draw4 calls, for any seed, run, tick, stream and agent (wrapping included).
#include <catch2/catch.hpp>

#include <cstdint>

#include "sim/rng/counter_rng_batch.hpp"

using namespace govsim;

TEST_CASE("draw4x8 gives the words of eight draw4 calls, bit for bit", "[rng]") {
  const uint64_t seeds[] = {0, 1, 20200123, 0xFFFFFFFFFFFFFFFFull, 0x123456789ABCDEF0ull};
  const uint32_t agents[] = {0, 1, 7, 4096, 0xFFFFFFFCu, 0xFFFFFFF8u, 123456789u};
  for (uint64_t seed : seeds) {
    for (uint32_t run : {0u, 3u, 0xFFFFFFFFu}) {
      const CounterRng rng(seed, run);
      for (uint32_t tick : {0u, 1u, 76u, 65535u}) {
        for (uint32_t stream : {0u, 1311u, 0xFFFFFFFFu}) {
          for (uint32_t a0 : agents) {
            for (bool simd : {true, false}) {
              Draw8 out{};
              draw4x8(rng, tick, a0, stream, out, simd);
              for (uint32_t l = 0; l < 8; ++l) {
                const auto d = rng.draw4(tick, a0 + l, stream);
                for (int x = 0; x < 4; ++x) REQUIRE(out.words[x][l] == d[x]);
              }
            }
          }
        }
      }
    }
  }
}

TEST_CASE("draw4x8 differs between neighbouring agents and batches", "[rng]") {
  const CounterRng rng(42, 0);
  Draw8 a{}, b{};
  draw4x8(rng, 5, 0, 1311, a);
  draw4x8(rng, 5, 8, 1311, b);
  for (uint32_t l = 0; l < 7; ++l) CHECK(a.words[0][l] != a.words[0][l + 1]);
  CHECK(a.words[0][0] != b.words[0][0]);
}
