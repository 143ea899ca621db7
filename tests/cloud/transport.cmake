add_vanikeys_test(test_url_policy SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_url_policy.cpp
    LIBS vanikeys_cloud LABELS cloud)
add_vanikeys_test(test_retrying_transport SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_retrying_transport.cpp
    LIBS vanikeys_cloud LABELS cloud)
