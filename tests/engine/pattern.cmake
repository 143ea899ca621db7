add_vanikeys_test(test_pattern SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_pattern.cpp
    LIBS vanikeys_engine LABELS engine)
add_vanikeys_test(test_score SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_score.cpp
    LIBS vanikeys_engine LABELS engine)
add_vanikeys_test(test_matcher SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_matcher.cpp
    LIBS vanikeys_engine LABELS engine)
