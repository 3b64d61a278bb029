// Catch2 v2 entry point (the only file that defines CATCH_CONFIG_MAIN).
#define CATCH_CONFIG_MAIN
// Catch2's implementation uses std::regex; with -fsanitize=address GCC 12 reports a false
// -Wmaybe-uninitialized inside libstdc++'s <regex> (std::function moved in _NFA::_M_insert_subexpr_*),
// which the warnings-as-errors sanitizer build (tests/sanitizers/) would turn into an error.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <catch2/catch.hpp>
#pragma GCC diagnostic pop
