# Tests of the secp256k1 core (engine/secp), one program per module, and a micro-benchmark
# (built, not registered with CTest: run build/tests/engine/bench_secp by hand).
foreach(module field scalar group ecmult_gen batch_add serialize toy_curve)
    add_vanikeys_test(test_${module} SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_${module}.cpp
        LIBS vanikeys_engine LABELS engine secp)
endforeach()
# The field test again with Fe64's portable carry bodies (what nvcc and non-x86 hosts compile).
# The field is header-only; not linking the engine keeps both variants out of one program.
add_vanikeys_test(test_field_portable SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_field.cpp LABELS engine secp)
target_include_directories(test_field_portable PRIVATE ${PROJECT_SOURCE_DIR})
target_compile_definitions(test_field_portable PRIVATE VANIKEYS_FE64_PORTABLE_CARRIES)

add_executable(bench_secp ${CMAKE_CURRENT_LIST_DIR}/bench_secp.cpp)
target_link_libraries(bench_secp PRIVATE vanikeys_engine vanikeys_flags)
