add_vanikeys_test(test_worker_protocol SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_worker_protocol.cpp
    LIBS vanikeys_cloud LABELS cloud)
