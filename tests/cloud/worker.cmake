# Tests that run the cloud packaging and emulators (Python, from the .venv that ./test.sh makes).
# The worker they run is VANIKEYS_CLI below. Today: the test-only fake worker. Once
# `vanikeys-cli worker` exists, switch to the real binary with this one line:
#   set(VANIKEYS_TEST_WORKER "$<TARGET_FILE:vanikeys-cli>")
set(VANIKEYS_PYTHON "${PROJECT_SOURCE_DIR}/.venv/bin/python" CACHE FILEPATH "Python with the cloud test packages")
set(VANIKEYS_TEST_WORKER "${VANIKEYS_PYTHON} ${PROJECT_SOURCE_DIR}/tests/cloud/emulators/fake_worker.py")
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
