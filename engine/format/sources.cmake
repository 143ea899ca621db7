target_sources(vanikeys_engine PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/address.cpp)
