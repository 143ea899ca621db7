add_vanikeys_test(test_pattern SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_pattern.cpp
    LIBS vanikeys_engine LABELS engine)
