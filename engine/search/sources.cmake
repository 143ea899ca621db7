target_sources(vanikeys_engine PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/key_derivation.cpp
    ${CMAKE_CURRENT_LIST_DIR}/walk_table.cpp
    ${CMAKE_CURRENT_LIST_DIR}/search_coordinator.cpp
    ${CMAKE_CURRENT_LIST_DIR}/coordinated_searcher.cpp
    ${CMAKE_CURRENT_LIST_DIR}/cpu_pipeline.cpp
    ${CMAKE_CURRENT_LIST_DIR}/cpu_searcher.cpp)
# engine_factory.cpp belongs to vanikeys_search_engines (engine/CMakeLists.txt).
