# The CUDA engine's tests. The per-thread step and the searcher's host logic run on the CPU
# everywhere (no CUDA needed); the device test runs only where the CUDA engine is built and
# skips without a usable GPU.
foreach(test test_cuda_step test_cuda_searcher)
    add_vanikeys_test(${test} SOURCES ${CMAKE_CURRENT_LIST_DIR}/${test}.cpp
        LIBS vanikeys_engine LABELS engine cuda)
endforeach()
