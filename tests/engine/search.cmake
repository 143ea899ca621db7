foreach(test test_group_walk test_cpu_pipeline test_cpu_searcher)
    add_vanikeys_test(${test} SOURCES ${CMAKE_CURRENT_LIST_DIR}/${test}.cpp
        LIBS vanikeys_engine LABELS engine search)
endforeach()
