# Plays the visualizer under a virtual display with --frame-times and checks what it reports:
# frames drawn, their times, and the days the simulation ran meanwhile. No time is asserted.
execute_process(COMMAND ${XVFB} -a -s "-screen 0 1280x800x24" ${VIZ} --frame-times 2 --speed 30
                        --set world.population=20000 --threads 1
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "peacesim-viz --frame-times failed (${rc}): ${out} ${err}")
endif()
if(NOT out MATCHES "([0-9]+) frames in 2.0 s; frame time median [0-9.]+ ms, 95th percentile [0-9.]+ ms, worst [0-9.]+ ms; ([0-9]+) days run")
  message(FATAL_ERROR "unexpected report: ${out}")
endif()
if(CMAKE_MATCH_1 LESS 5 OR CMAKE_MATCH_2 LESS 1)
  message(FATAL_ERROR "too few frames or no day run while playing: ${out}")
endif()
message(STATUS "${out}")
