# The pricing catalog, cost model, rate book, objectives, and the `vanikeys-cli cost` command.
if(NOT TARGET vanikeys_cloud)
    return()
endif()
add_vanikeys_test(test_pricing_catalog SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_pricing_catalog.cpp
    LIBS vanikeys_cloud LABELS cloud)
add_vanikeys_test(test_cost_model SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_cost_model.cpp
    LIBS vanikeys_cloud LABELS cloud)
add_vanikeys_test(test_rate_book SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_rate_book.cpp
    LIBS vanikeys_cloud LABELS cloud)
add_vanikeys_test(test_objective SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_objective.cpp
    LIBS vanikeys_cloud LABELS cloud)
if(TARGET vanikeys-cli)
    add_vanikeys_test(test_cli_cost SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_cli_cost.cpp
        LIBS nlohmann_json::nlohmann_json LABELS cloud cli)
    target_compile_definitions(test_cli_cost PRIVATE VANIKEYS_CLI_PATH="$<TARGET_FILE:vanikeys-cli>")
    add_dependencies(test_cli_cost vanikeys-cli)
    if(EXISTS ${PROJECT_SOURCE_DIR}/engine/estimate/estimate.h)
        target_compile_definitions(test_cli_cost PRIVATE VANIKEYS_CLI_HAS_ESTIMATE)
    endif()
endif()
