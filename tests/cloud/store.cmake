add_vanikeys_test(test_job_store SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_job_store.cpp
    LIBS vanikeys_cloud LABELS cloud)
