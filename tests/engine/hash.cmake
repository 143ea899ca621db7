# Hash tests (registered with CTest) and the hash micro-benchmark (built, not registered).
foreach(test test_sha256 test_ripemd160 test_keccak256 test_hash_batch)
    add_vanikeys_test(${test} SOURCES ${CMAKE_CURRENT_LIST_DIR}/${test}.cpp
        LIBS vanikeys_engine LABELS engine)
endforeach()

# OpenSSL's RIPEMD-160 is the independent reference for random messages where it exists.
if(PKG_CONFIG_FOUND)
    pkg_check_modules(VANIKEYS_TEST_LIBCRYPTO QUIET IMPORTED_TARGET libcrypto)
endif()
if(VANIKEYS_TEST_LIBCRYPTO_FOUND)
    target_link_libraries(test_ripemd160 PRIVATE PkgConfig::VANIKEYS_TEST_LIBCRYPTO)
    target_compile_definitions(test_ripemd160 PRIVATE VANIKEYS_TEST_HAVE_LIBCRYPTO)
endif()

# The same hashes and encodings in a CUDA kernel against the CPU; skips without a device.
if(VANIKEYS_CUDA_ENABLED)
    add_vanikeys_test(test_hash_gpu SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_hash_gpu.cpp
        ${CMAKE_CURRENT_LIST_DIR}/test_hash_gpu_kernels.cu
        LIBS vanikeys_engine CUDA::cudart LABELS engine gpu)
endif()

add_executable(bench_hash ${CMAKE_CURRENT_LIST_DIR}/bench_hash.cpp)
target_link_libraries(bench_hash PRIVATE vanikeys_engine vanikeys_flags)
