target_sources(vanikeys_engine PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/libsecp.cpp
    ${CMAKE_CURRENT_LIST_DIR}/key_verifier.cpp)
