# Runs the visualizer under a virtual display for 30 days, writes a screenshot, checks it.
file(REMOVE ${OUT})
execute_process(COMMAND ${XVFB} -a -s "-screen 0 1280x800x24" ${VIZ} --screenshot ${OUT} --days 30
                        --set world.population=200000
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 240)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "peacesim-viz --screenshot failed (${rc}): ${out} ${err}")
endif()
execute_process(COMMAND ${CHECK} ${OUT} 1024 700 64 RESULT_VARIABLE rc OUTPUT_VARIABLE out)
message(STATUS "${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "screenshot check failed: ${out}")
endif()
