# Sanitizer builds (GOVSIM_SANITIZE, declared in the top-level CMakeLists.txt). Included there
# right after the govsim_core target; everything that links govsim_core (govsim, govsim_tests)
# inherits the flags and the default runtime options below. See docs/testing.md.
#
#   GOVSIM_SANITIZE=address,undefined   ASan + LSan + UBSan; any undefined behaviour aborts
#   GOVSIM_SANITIZE=thread              TSan; needs a TSan-instrumented TBB (build_tbb_tsan.sh)
if(NOT GOVSIM_SANITIZE)
  return()
endif()

string(REPLACE "," ";" _govsim_sanitizers "${GOVSIM_SANITIZE}")
foreach(_s IN LISTS _govsim_sanitizers)
  if(NOT _s MATCHES "^(address|undefined|thread)$")
    message(FATAL_ERROR "GOVSIM_SANITIZE: unknown sanitizer '${_s}' (use address,undefined or thread)")
  endif()
endforeach()
if("thread" IN_LIST _govsim_sanitizers AND "address" IN_LIST _govsim_sanitizers)
  message(FATAL_ERROR "GOVSIM_SANITIZE: thread and address cannot be combined")
endif()

# -g1: line tables, all the sanitizers' stack traces need (full -g doubles compile time).
set(_govsim_san_flags -fsanitize=${GOVSIM_SANITIZE} -fno-omit-frame-pointer -g1)
if("undefined" IN_LIST _govsim_sanitizers)
  list(APPEND _govsim_san_flags -fno-sanitize-recover=all)  # UB is an error, not a log line
endif()
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC's manual: -fsanitize=address "may cause false positives" of -Wmaybe-uninitialized; GCC 12
  # reports them inside libstdc++'s <regex> (std::function in _NFA), which every test using std::regex
  # includes. Off in sanitizer builds only; the Release build keeps the warning.
  list(APPEND _govsim_san_flags -Wno-maybe-uninitialized)
endif()
target_compile_options(govsim_core PUBLIC ${_govsim_san_flags})
target_link_options(govsim_core PUBLIC -fsanitize=${GOVSIM_SANITIZE})

if("thread" IN_LIST _govsim_sanitizers)
  # Debian's libtbb is not instrumented: TSan would report every TBB task hand-off as a race.
  get_target_property(_govsim_tbb TBB::tbb LOCATION)
  if(_govsim_tbb MATCHES "^/usr/lib")
    message(FATAL_ERROR "GOVSIM_SANITIZE=thread found the system libtbb (${_govsim_tbb}), which is not "
      "instrumented; build one with tests/sanitizers/build_tbb_tsan.sh and pass -DTBB_DIR=<prefix>/lib/cmake/TBB")
  endif()
  message(STATUS "govsim: ThreadSanitizer build against ${_govsim_tbb}")
endif()

# Default runtime options and the suppression files, compiled into every executable that links
# govsim_core (the sanitizer runtimes call these hooks at start-up), so that ctest, mpirun and a
# plain shell all use them. ASAN_OPTIONS, UBSAN_OPTIONS, LSAN_OPTIONS and TSAN_OPTIONS in the
# environment are read afterwards and override them.
set(GOVSIM_SANITIZER_DIR ${CMAKE_CURRENT_LIST_DIR})
configure_file(${CMAKE_CURRENT_LIST_DIR}/sanitizer_defaults.c.in
               ${CMAKE_BINARY_DIR}/generated/sanitizer_defaults.c @ONLY)
target_sources(govsim_core INTERFACE $<BUILD_INTERFACE:${CMAKE_BINARY_DIR}/generated/sanitizer_defaults.c>)
message(STATUS "govsim: sanitizers ${GOVSIM_SANITIZE}")
