# base58, bech32 and hex: host string functions here; the hot-path digit/symbol forms are
# header-only (host and device).
target_sources(vanikeys_engine PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/base58.cpp
    ${CMAKE_CURRENT_LIST_DIR}/bech32.cpp
    ${CMAKE_CURRENT_LIST_DIR}/hex.cpp)
