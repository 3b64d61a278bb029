# ctest script (registered only when MPI was found): a calibration run by `mpirun -n 2` must give
# the same posterior file as one process, byte for byte outside /provenance.
#   cmake -DGOVSIM=... -DMPIEXEC=... -DCAL=... -DPYTHON=... -DCOMPARE=... -DWORK_DIR=... -P mpi_equality.cmake
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
execute_process(COMMAND ${GOVSIM} calibrate ${CAL} -o ${WORK_DIR}/single.h5 -q --threads 1
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "single-process calibration failed (${rc})")
endif()
# As in tests/sim/sweep/mpi_equality.cmake (ASan: Open MPI's leaks are suppressed by function name).
set(ENV{ASAN_OPTIONS} "fast_unwind_on_malloc=0:$ENV{ASAN_OPTIONS}")
execute_process(COMMAND ${MPIEXEC} --allow-run-as-root --oversubscribe -n 2
                        ${GOVSIM} calibrate ${CAL} -o ${WORK_DIR}/mpi.h5 --threads 1
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "mpirun calibration failed (${rc}): ${err}")
endif()
if(NOT out MATCHES "on 2 rank\\(s\\)")
  message(FATAL_ERROR "the calibration did not run on 2 MPI ranks: ${out}")
endif()
execute_process(COMMAND ${PYTHON} ${COMPARE} ${WORK_DIR}/single.h5 ${WORK_DIR}/mpi.h5 RESULT_VARIABLE rc
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "mpirun -n 2 and one process give different posteriors")
endif()
