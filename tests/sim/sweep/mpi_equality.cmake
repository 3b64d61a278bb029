# ctest script (registered only when MPI was found): a sweep run by `mpirun -n 2` must give the
# same result file as one process, apart from run-environment provenance.
#   cmake -DGOVSIM=... -DMPIEXEC=... -DSWEEP=... -DWORK_DIR=... -P mpi_equality.cmake
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
execute_process(COMMAND ${GOVSIM} sweep ${SWEEP} -o ${WORK_DIR}/single.h5 -q --threads 1
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "single-process sweep failed (${rc})")
endif()
# In the ASan build (tests/sanitizers/), Open MPI's leaks are suppressed by function name; its
# libraries have no frame pointers, so the ranks need the slow unwinder to see those names.
# Ignored by binaries built without AddressSanitizer.
set(ENV{ASAN_OPTIONS} "fast_unwind_on_malloc=0:$ENV{ASAN_OPTIONS}")
execute_process(COMMAND ${MPIEXEC} --allow-run-as-root --oversubscribe -n 2
                        ${GOVSIM} sweep ${SWEEP} -o ${WORK_DIR}/mpi.h5 --threads 1
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "mpirun sweep failed (${rc}): ${err}")
endif()
if(NOT out MATCHES "on 2 rank\\(s\\)")
  message(FATAL_ERROR "the sweep did not run on 2 MPI ranks: ${out}")
endif()
execute_process(COMMAND ${GOVSIM} diff ${WORK_DIR}/single.h5 ${WORK_DIR}/mpi.h5 RESULT_VARIABLE rc
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "mpirun -n 2 and one process differ")
endif()
