#!/usr/bin/env bash
# CI's sanitizer and warnings-as-errors builds (called by .ci/run after the README's test command;
# docs/testing.md). Each build has its own directory next to `build/`:
#
#   build-asan  GOVSIM_SANITIZE=address,undefined and GOVSIM_WERROR=ON: the project's own code must
#               compile without warnings, then the ctest suite runs under ASan + LSan + UBSan
#               (-fno-sanitize-recover=all: any undefined behaviour fails the test).
#   build-tsan  GOVSIM_SANITIZE=thread against a TSan-instrumented oneTBB (build_tbb_tsan.sh,
#               cached in ~/.cache/govsim-ci), then the ctest suite under TSan.
#
#   tests/sanitizers/run_sanitizers.sh            # both
#   tests/sanitizers/run_sanitizers.sh asan       # or: tsan
#
# Suppressions (by name, with reasons): lsan.supp and tsan.supp here; they are compiled into the
# binaries as default options (sanitizer_defaults.c.in), so plain `ctest` and `mpirun` use them.
# A few very slow tests are excluded under the sanitizers; see SLOW_TESTS below.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=tests/sanitizers
jobs=${GOVSIM_CI_JOBS:-2}

# Excluded under the sanitizers only (they still run in the Release suite): runs at a scale far
# beyond what the other tests need to exercise the same code, which would take most of CI's time
# under instrumentation (ASan ~2-3x, TSan ~5-15x slower). A ctest -E regular expression:
#  - "jiaxing 1/10 scale: ..." (tests/models/jiaxing/test_jiaxing_tenth_scale.cpp): three runs of
#    450 000 residents over 16 months; a statistical check of the calibration, whose numbers the
#    sanitizers cannot change (results are deterministic). The same model code runs in the other
#    [jiaxing] tests at small scale, with 1, 2 and 4 threads.
SLOW_TESTS=${GOVSIM_SANITIZER_EXCLUDE:-'^jiaxing 1/10 scale: '}

step() {  # step NAME COMMAND...: run and report the wall time
  local name=$1; shift
  local t0=$SECONDS
  echo "==> $name" >&2
  "$@"
  echo "==> $name: $((SECONDS - t0)) s" >&2
}

# Compiler flags of the instrumented builds: -O1 (what the ASan and TSan documentation recommend:
# fast enough, exact stack traces) with line tables only (-g1, from sanitizers.cmake), not
# RelWithDebInfo's -O2 -g, which took twice as long to compile and pushed CI past its budget.
# Compiler output is cached by ccache under ~/.cache/govsim-ci/ccache (paths relative to the
# checkout, so a fresh clone reuses it); without ccache the builds simply take longer.
sanitizer_build_flags=(-DCMAKE_BUILD_TYPE=None "-DCMAKE_CXX_FLAGS=-O1 -DNDEBUG" "-DCMAKE_C_FLAGS=-O1 -DNDEBUG")
if command -v ccache >/dev/null 2>&1; then
  export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/govsim-ci/ccache} CCACHE_BASEDIR=$PWD CCACHE_NOHASHDIR=1
  mkdir -p "$CCACHE_DIR"
  ccache --max-size=5G >/dev/null
  sanitizer_build_flags+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi

configure_and_build() {  # DIR CMAKE-ARGS...
  local dir=$1; shift
  cmake -S . -B "$dir" "${sanitizer_build_flags[@]}" "$@" >/dev/null
  cmake --build "$dir" -j"$jobs"
}

run_suite() {  # DIR
  ctest --test-dir "$1" --output-on-failure -j"$jobs" -E "$SLOW_TESTS"
}

asan() {
  step "ASan+UBSan build (warnings as errors)" configure_and_build build-asan \
    -DGOVSIM_SANITIZE=address,undefined -DGOVSIM_WERROR=ON
  step "ASan+UBSan tests" run_suite build-asan
}

tsan() {
  local prefix
  prefix=$(step "instrumented oneTBB (cached after the first run)" "$here/build_tbb_tsan.sh" | tail -n1)
  step "TSan build" configure_and_build build-tsan -DGOVSIM_SANITIZE=thread \
    -DTBB_DIR="$prefix/lib/cmake/TBB"
  step "TSan tests" run_suite build-tsan
}

case "${1:-all}" in
  asan) asan ;;
  tsan) tsan ;;
  all) asan; tsan ;;
  *) echo "usage: $0 [asan|tsan|all]" >&2; exit 2 ;;
esac
