#!/usr/bin/env bash
# Builds oneTBB instrumented with ThreadSanitizer, from Debian 12's own source package (onetbb
# 2021.8.0, the version of the libtbb-dev the project builds against), into a cache directory, and
# prints that directory. A second run finds the installed library and only prints the directory.
#
# Why: TSan sees only memory accesses made by instrumented code. With Debian's uninstrumented
# libtbb every hand-off of a task between TBB worker threads looks like an unsynchronised access
# (over 5,400 false reports, and tests time out). Rebuilt with -fsanitize=thread, TBB's own
# synchronisation is visible to TSan and the project's tests report no race unless there is one.
#
# The source comes from Debian's archive (deb.debian.org, falling back to snapshot.debian.org once
# the version leaves the pool); the .dsc is checked against a pinned SHA-256 and dpkg-source then
# checks the tarballs against the .dsc and applies Debian's patches. Only the tbb library is
# built (no tests, examples, tbbmalloc or tbbbind), with the same compiler as the project (g++).
#
#   tests/sanitizers/build_tbb_tsan.sh            # prints e.g. /root/.cache/govsim-ci/tbb-tsan-2021.8.0-2+deb12u1
#   GOVSIM_TBB_TSAN_PREFIX=/some/dir tests/sanitizers/build_tbb_tsan.sh
# Needs: curl, dpkg-dev (dpkg-source), cmake, g++ (its libtsan2). All progress goes to stderr.
set -euo pipefail

version=2021.8.0-2+deb12u1
dsc=onetbb_${version}.dsc
dsc_sha256=f01de0ed79cb49b48beb2cdb6e1b3c5f625ca65f07d7959bebfbbd89a2e941ad
prefix=${GOVSIM_TBB_TSAN_PREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/govsim-ci/tbb-tsan-${version}}
stamp=$prefix/.govsim-tbb-tsan-complete

if [[ -f $stamp && -f $prefix/lib/cmake/TBB/TBBConfig.cmake ]]; then
  echo "$prefix"
  exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/govsim-tbb-tsan.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

fetch() {  # fetch FILE: from the pool, else from the snapshot archive
  local f=$1
  curl -sSfL --retry 3 -O "https://deb.debian.org/debian/pool/main/o/onetbb/$f" 2>/dev/null ||
    curl -sSfL --retry 3 -O "https://snapshot.debian.org/archive/debian/20250520T000000Z/pool/main/o/onetbb/$f"
}
echo "build_tbb_tsan: fetching Debian source package onetbb $version" >&2
fetch "$dsc"
echo "$dsc_sha256  $dsc" | sha256sum -c --quiet - >&2
for f in $(awk '/^Checksums-Sha256:/{s=1;next} /^[^ ]/{s=0} s{print $3}' "$dsc"); do fetch "$f"; done
dpkg-source -x "$dsc" src >/dev/null 2>&1   # checks the tarballs against the (pinned) .dsc, applies the patches

echo "build_tbb_tsan: building libtbb with -fsanitize=thread into $prefix" >&2
log=$work/build.log
quiet() {  # run quietly; on failure show the end of the log
  "$@" >>"$log" 2>&1 || { tail -n 60 "$log" >&2; echo "build_tbb_tsan: failed: $*" >&2; exit 1; }
}
quiet cmake -S src -B build -G "Unix Makefiles" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_INSTALL_LIBDIR=lib \
  -DCMAKE_CXX_COMPILER=g++ \
  -DTBB_SANITIZE=thread -DTBB_TEST=OFF -DTBB_EXAMPLES=OFF -DTBB_STRICT=OFF \
  -DTBBMALLOC_BUILD=OFF -DTBB_DISABLE_HWLOC_AUTOMATIC_SEARCH=ON -DTBB_ENABLE_IPO=OFF
# GCC warns that TSan does not model std::atomic_thread_fence (-Wtsan); TBB's fences sit next to
# atomic operations that TSan does see, and the project's tests run race-free against it.
quiet cmake --build build -j"${GOVSIM_CI_JOBS:-2}"
rm -rf "$prefix"
quiet cmake --install build
touch "$stamp"
echo "$prefix"
