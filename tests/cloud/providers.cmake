add_vanikeys_test(test_runpod_adapter SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_runpod_adapter.cpp
    LIBS vanikeys_cloud LABELS cloud)
add_vanikeys_test(test_modal_adapter SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_modal_adapter.cpp
    LIBS vanikeys_cloud LABELS cloud)
