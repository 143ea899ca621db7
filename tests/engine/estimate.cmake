add_vanikeys_test(test_free_part_model SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_free_part_model.cpp
    LIBS vanikeys_engine LABELS engine)
add_vanikeys_test(test_estimate SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_estimate.cpp
    LIBS vanikeys_engine LABELS engine)
add_vanikeys_test(test_rarity SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_rarity.cpp
    LIBS vanikeys_engine LABELS engine)
