add_vanikeys_test(test_router SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_router.cpp
    LIBS vanikeys_cloud LABELS cloud)
add_vanikeys_test(test_fan_out SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_fan_out.cpp
    LIBS vanikeys_cloud LABELS cloud)
