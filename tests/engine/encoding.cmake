# Encoding tests (registered with CTest) and the encoding micro-benchmark (built, not registered).
foreach(test test_base58 test_bech32 test_hex)
    add_vanikeys_test(${test} SOURCES ${CMAKE_CURRENT_LIST_DIR}/${test}.cpp
        LIBS vanikeys_engine LABELS engine)
endforeach()

add_executable(bench_encoding ${CMAKE_CURRENT_LIST_DIR}/bench_encoding.cpp)
target_link_libraries(bench_encoding PRIVATE vanikeys_engine vanikeys_flags)
