# Tests that run the cloud packaging and emulators (Python, from the .venv that ./test.sh makes).
# The worker they run is VANIKEYS_CLI below: the real `vanikeys-cli worker`. The emulators run
# the test-only fake worker only for jobs a test gives a misbehaviour (lying, crashing, stalling).
set(VANIKEYS_PYTHON "${PROJECT_SOURCE_DIR}/.venv/bin/python" CACHE FILEPATH "Python with the cloud test packages")
set(VANIKEYS_TEST_WORKER "$<TARGET_FILE:vanikeys-cli>")
set(VANIKEYS_CLOUD_TEST_ENV "VANIKEYS_PYTHON=${VANIKEYS_PYTHON}" "VANIKEYS_CLI=${VANIKEYS_TEST_WORKER}")

add_vanikeys_test(test_cloud_emulators SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_cloud_emulators.cpp
    LIBS vanikeys_cloud LABELS cloud TIMEOUT 300)
target_link_libraries(test_cloud_emulators PRIVATE Qt6::Core)
set_property(TEST test_cloud_emulators APPEND PROPERTY ENVIRONMENT ${VANIKEYS_CLOUD_TEST_ENV})

if(EXISTS "${VANIKEYS_PYTHON}")
    add_test(NAME test_cloud_python
        COMMAND ${VANIKEYS_PYTHON} -m pytest -q -p no:cacheprovider ${CMAKE_CURRENT_LIST_DIR}/emulators)
    set_tests_properties(test_cloud_python PROPERTIES LABELS cloud TIMEOUT 300
        ENVIRONMENT "${VANIKEYS_CLOUD_TEST_ENV}")
else()
    add_test(NAME test_cloud_python COMMAND sh -c "echo 'skipped: ${VANIKEYS_PYTHON} is missing; ./test.sh creates it'; exit 77")
    set_tests_properties(test_cloud_python PROPERTIES LABELS cloud SKIP_RETURN_CODE 77)
endif()

# The CLI as a user runs it: the worker command, and the cloud commands against the emulators.
if(TARGET vanikeys-cli)
    add_vanikeys_test(test_cli_worker SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_cli_worker.cpp
        LIBS vanikeys_cloud LABELS cloud cli)
    target_compile_definitions(test_cli_worker PRIVATE VANIKEYS_CLI_PATH="$<TARGET_FILE:vanikeys-cli>")
    add_dependencies(test_cli_worker vanikeys-cli)

    add_vanikeys_test(test_cli_cloud SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_cli_cloud.cpp
        LIBS vanikeys_cloud LABELS cloud cli TIMEOUT 300)
    target_compile_definitions(test_cli_cloud PRIVATE VANIKEYS_CLI_PATH="$<TARGET_FILE:vanikeys-cli>")
    add_dependencies(test_cli_cloud vanikeys-cli)
    set_property(TEST test_cli_cloud APPEND PROPERTY ENVIRONMENT ${VANIKEYS_CLOUD_TEST_ENV})
endif()
