list(APPEND VANIKEYS_CLOUD_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/cloud_error.cpp
    ${CMAKE_CURRENT_LIST_DIR}/http_transport.cpp
    ${CMAKE_CURRENT_LIST_DIR}/url_policy.cpp
    ${CMAKE_CURRENT_LIST_DIR}/curl_transport.cpp
    ${CMAKE_CURRENT_LIST_DIR}/retrying_transport.cpp
    ${CMAKE_CURRENT_LIST_DIR}/fake_transport.cpp)
