# SHA-256, RIPEMD-160 and Keccak-256: the portable code is header-only (host and device);
# these are the host batch entry points and their per-ISA variants (target attributes,
# chosen at run time).
target_sources(vanikeys_engine PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/hash_batch.cpp
    ${CMAKE_CURRENT_LIST_DIR}/hash_lanes_avx2.cpp
    ${CMAKE_CURRENT_LIST_DIR}/hash_lanes_avx512.cpp
    ${CMAKE_CURRENT_LIST_DIR}/sha256_shani.cpp)
