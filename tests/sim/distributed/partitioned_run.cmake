# ctest script (registered only when MPI was found): one health-code run split over 1, 2 and 4 MPI
# ranks by region must give the plain one-process result, byte for byte in every series (govsim
# diff: everything but run-environment provenance), in exactly one file; a model that cannot be
# split and a bad --set are refused cleanly with no output; a different seed is caught (the
# comparison can fail).
#   cmake -DGOVSIM=... -DMPIEXEC=... -DSCENARIO=... -DWORK_DIR=... -P partitioned_run.cmake
set(SCALE "population.scale=0.0001")
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
set(ENV{ASAN_OPTIONS} "fast_unwind_on_malloc=0:$ENV{ASAN_OPTIONS}")
set(MPI ${MPIEXEC} --allow-run-as-root --oversubscribe)

execute_process(COMMAND ${GOVSIM} run ${SCENARIO} --set ${SCALE} -o ${WORK_DIR}/plain.h5 -q --threads 1
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "plain run failed (${rc})")
endif()

foreach(K 1 2 4)
  file(MAKE_DIRECTORY ${WORK_DIR}/k${K})
  execute_process(COMMAND ${MPI} -n ${K} ${GOVSIM} run ${SCENARIO} --set ${SCALE} -o out.h5 --threads 1
                  WORKING_DIRECTORY ${WORK_DIR}/k${K}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "mpirun -n ${K} run failed (${rc}): ${out}${err}")
  endif()
  if(K GREATER 1 AND NOT out MATCHES "x ${K} MPI ranks")
    message(FATAL_ERROR "the run was not split over ${K} ranks: ${out}")
  endif()
  file(GLOB written RELATIVE ${WORK_DIR}/k${K} ${WORK_DIR}/k${K}/*)
  if(NOT written STREQUAL "out.h5")
    message(FATAL_ERROR "mpirun -n ${K}: expected exactly one file out.h5, found: ${written}")
  endif()
  execute_process(COMMAND ${GOVSIM} diff ${WORK_DIR}/plain.h5 ${WORK_DIR}/k${K}/out.h5 RESULT_VARIABLE rc
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "mpirun -n ${K} and the plain run differ: ${out}${err}")
  endif()
  message("mpirun -n ${K}: identical to the plain run")
endforeach()

# Negative control: another seed on 2 ranks must differ from the plain run.
execute_process(COMMAND ${MPI} -n 2 ${GOVSIM} run ${SCENARIO} --set ${SCALE} --seed 7 -o ${WORK_DIR}/seed7.h5 -q
                        --threads 1 RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "mpirun -n 2 --seed 7 failed (${rc})")
endif()
execute_process(COMMAND ${GOVSIM} diff ${WORK_DIR}/plain.h5 ${WORK_DIR}/seed7.h5 RESULT_VARIABLE rc
                OUTPUT_QUIET ERROR_QUIET)
if(rc EQUAL 0)
  message(FATAL_ERROR "negative control: govsim diff found no difference between two seeds")
endif()

# A model that cannot be split is refused, with a reason and no file.
file(MAKE_DIRECTORY ${WORK_DIR}/refused)
execute_process(COMMAND ${MPI} -n 2 ${GOVSIM} run ${QUICKSTART} -o q.h5 --threads 1
                WORKING_DIRECTORY ${WORK_DIR}/refused
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "does not support partitioning by region" OR err MATCHES "internal error")
  message(FATAL_ERROR "a model without region partitioning was not refused cleanly (${rc}): ${out}${err}")
endif()
# A bad --set: the loader's message, no internal error, no file.
execute_process(COMMAND ${MPI} -n 2 ${GOVSIM} run ${SCENARIO} --set population.scale=abc -o bad.h5 --threads 1
                WORKING_DIRECTORY ${WORK_DIR}/refused
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "population.scale" OR err MATCHES "internal error")
  message(FATAL_ERROR "a bad --set was not refused cleanly (${rc}): ${out}${err}")
endif()
file(GLOB left ${WORK_DIR}/refused/*)
if(left)
  message(FATAL_ERROR "refused runs left files: ${left}")
endif()
message("refusals: clean, no files")
