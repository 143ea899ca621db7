list(APPEND VANIKEYS_CLOUD_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/worker_protocol.cpp
    ${CMAKE_CURRENT_LIST_DIR}/partial_check.cpp)
