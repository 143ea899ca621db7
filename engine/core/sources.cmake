target_sources(vanikeys_engine PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/os_random.cpp
    ${CMAKE_CURRENT_LIST_DIR}/humanize.cpp)
