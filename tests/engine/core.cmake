add_vanikeys_test(test_secret_key SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_secret_key.cpp
    LIBS vanikeys_engine LABELS engine)
add_vanikeys_test(test_humanize SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_humanize.cpp
    LIBS vanikeys_engine LABELS engine)
