# Tests of the secp256k1 core (engine/secp), one program per module, and a micro-benchmark
# (built, not registered with CTest: run build/tests/engine/bench_secp by hand).
foreach(module field scalar group ecmult_gen batch_add serialize toy_curve)
    add_vanikeys_test(test_${module} SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_${module}.cpp
        LIBS vanikeys_engine LABELS engine secp)
endforeach()
