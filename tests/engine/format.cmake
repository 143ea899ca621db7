add_vanikeys_test(test_address SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_address.cpp
    LIBS vanikeys_engine LABELS engine)
