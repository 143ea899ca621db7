# The app's tests. They run under QT_QPA_PLATFORM=offscreen (add_vanikeys_test sets it).
add_vanikeys_test(test_results_store SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_results_store.cpp
    LIBS vanikeys_ui LABELS ui TIMEOUT 120)
target_compile_definitions(test_results_store PRIVATE VANIKEYS_APP_BINARY="$<TARGET_FILE:vanikeys>")
add_dependencies(test_results_store vanikeys)
add_vanikeys_test(test_grind_checkpoint SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_grind_checkpoint.cpp
    LIBS vanikeys_ui LABELS ui TIMEOUT 120)
add_vanikeys_test(test_main_window SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_main_window.cpp
    LIBS vanikeys_ui LABELS ui TIMEOUT 180)

# The cloud in the app, against the RunPod and Modal emulators (tests/cloud/emulators) running
# the real `vanikeys-cli worker`; the Python comes from the .venv that ./test.sh makes.
if(TARGET vanikeys-cli AND VANIKEYS_WITH_CLOUD)
    set(VANIKEYS_UI_PYTHON "${PROJECT_SOURCE_DIR}/.venv/bin/python")
    add_vanikeys_test(test_cloud_app SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_cloud_app.cpp
        LIBS vanikeys_ui LABELS ui cloud TIMEOUT 180)
    add_dependencies(test_cloud_app vanikeys-cli)
    set_property(TEST test_cloud_app APPEND PROPERTY ENVIRONMENT
        "VANIKEYS_PYTHON=${VANIKEYS_UI_PYTHON}" "VANIKEYS_CLI=$<TARGET_FILE:vanikeys-cli>")
endif()
add_vanikeys_test(test_cloud_settings SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_cloud_settings.cpp
    LIBS vanikeys_ui LABELS ui TIMEOUT 120)
