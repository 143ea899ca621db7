# The cloud client: verifying returned keys, settings, quotes from the cost model, job groups,
# the session that drives providers and stores, and the cloud search engine.
list(APPEND VANIKEYS_CLOUD_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/hit_verifier.cpp
    ${CMAKE_CURRENT_LIST_DIR}/cloud_settings.cpp
    ${CMAKE_CURRENT_LIST_DIR}/cost_quotes.cpp
    ${CMAKE_CURRENT_LIST_DIR}/cloud_group.cpp
    ${CMAKE_CURRENT_LIST_DIR}/cloud_session.cpp
    ${CMAKE_CURRENT_LIST_DIR}/cloud_search_engine.cpp)
