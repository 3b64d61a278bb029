// Default options of the sanitizer runtimes for govsim's sanitizer builds (GOVSIM_SANITIZE; see
// sanitizers.cmake and docs/testing.md). The runtimes call these functions before main(); options
// in ASAN_OPTIONS, UBSAN_OPTIONS, LSAN_OPTIONS or TSAN_OPTIONS are applied after them.
#ifndef GOVSIM_SANITIZER_DIR
#error "compiled only by tests/sanitizers/sanitizers.cmake"
#endif

#if defined(__SANITIZE_ADDRESS__)
const char *__asan_default_options(void) {
  return "detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:"
         "strict_init_order=1:abort_on_error=0";
}
// Leaks inside Open MPI's initialisation, named in the file; see the comments there.
const char *__lsan_default_options(void) {
  return "suppressions=" GOVSIM_SANITIZER_DIR "/lsan.supp:print_suppressions=0";
}
#endif

// GCC has no macro for UBSan; the hook is unused when UBSan is not linked.
const char *__ubsan_default_options(void) { return "print_stacktrace=1:halt_on_error=1"; }

#if defined(__SANITIZE_THREAD__)
// A report makes the process exit with status 66 at the end, so a real race fails its test.
const char *__tsan_default_options(void) {
  return "suppressions=" GOVSIM_SANITIZER_DIR "/tsan.supp:second_deadlock_stack=1:"
         "history_size=4:print_suppressions=0";
}
#endif
