# The pricing catalog and cost model. resources/pricing.json is compiled in as the built-in
# catalog: CMake reads it into a generated .cpp and re-runs when it changes.
set(VANIKEYS_PRICING_JSON_FILE ${PROJECT_SOURCE_DIR}/resources/pricing.json)
file(READ ${VANIKEYS_PRICING_JSON_FILE} VANIKEYS_PRICING_JSON)
if(VANIKEYS_PRICING_JSON MATCHES "\\)vanikeys_pricing\"")
    message(FATAL_ERROR "resources/pricing.json contains the raw-string delimiter )vanikeys_pricing\"")
endif()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${VANIKEYS_PRICING_JSON_FILE})
configure_file(${CMAKE_CURRENT_LIST_DIR}/builtin_pricing_catalog.cpp.in
               ${CMAKE_CURRENT_BINARY_DIR}/cost/builtin_pricing_catalog.cpp @ONLY)

list(APPEND VANIKEYS_CLOUD_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/pricing_catalog.cpp
    ${CMAKE_CURRENT_BINARY_DIR}/cost/builtin_pricing_catalog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/rate_book.cpp
    ${CMAKE_CURRENT_LIST_DIR}/cost_model.cpp
    ${CMAKE_CURRENT_LIST_DIR}/objective.cpp
    ${CMAKE_CURRENT_LIST_DIR}/cost_report.cpp)
