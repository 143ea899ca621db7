target_sources(vanikeys_engine PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/char_class.cpp
    ${CMAKE_CURRENT_LIST_DIR}/free_part_support.cpp
    ${CMAKE_CURRENT_LIST_DIR}/matcher.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pattern.cpp
    ${CMAKE_CURRENT_LIST_DIR}/score.cpp)
