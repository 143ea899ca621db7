list(APPEND VANIKEYS_CLOUD_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/cloud_provider.cpp
    ${CMAKE_CURRENT_LIST_DIR}/provider_support.cpp
    ${CMAKE_CURRENT_LIST_DIR}/runpod_adapter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/modal_adapter.cpp)
