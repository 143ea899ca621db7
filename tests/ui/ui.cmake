# The app's tests. They run under QT_QPA_PLATFORM=offscreen (add_vanikeys_test sets it).
add_vanikeys_test(test_results_store SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_results_store.cpp
    LIBS vanikeys_ui LABELS ui TIMEOUT 120)
target_compile_definitions(test_results_store PRIVATE VANIKEYS_APP_BINARY="$<TARGET_FILE:vanikeys>")
add_dependencies(test_results_store vanikeys)
add_vanikeys_test(test_grind_checkpoint SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_grind_checkpoint.cpp
    LIBS vanikeys_ui LABELS ui TIMEOUT 120)
add_vanikeys_test(test_main_window SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_main_window.cpp
    LIBS vanikeys_ui LABELS ui TIMEOUT 180)
