# The CUDA engine's tests. The per-thread step and the searcher's host logic run on the CPU
# everywhere (no CUDA needed); the device test runs only where the CUDA engine is built and
# skips without a usable GPU.
foreach(test test_cuda_step test_cuda_searcher)
    add_vanikeys_test(${test} SOURCES ${CMAKE_CURRENT_LIST_DIR}/${test}.cpp
        LIBS vanikeys_engine LABELS engine cuda)
endforeach()

if(TARGET vanikeys_engine_cuda)
    add_vanikeys_test(test_cuda_device SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_cuda_device.cpp
        LIBS vanikeys_engine_cuda LABELS engine cuda gpu)
endif()

# The engine choice and selftest through the built vanikeys-cli.
add_vanikeys_test(test_cli_engines SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_cli_engines.cpp
    LIBS nlohmann_json::nlohmann_json LABELS engine cuda cli TIMEOUT 300)
target_compile_definitions(test_cli_engines PRIVATE VANIKEYS_CLI_PATH="$<TARGET_FILE:vanikeys-cli>")
add_dependencies(test_cli_engines vanikeys-cli)
