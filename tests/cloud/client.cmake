# The cloud client: verifying returned keys, and the session and cloud search engine over an
# in-process provider.
if(NOT TARGET vanikeys_cloud)
    return()
endif()
add_vanikeys_test(test_hit_verifier SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_hit_verifier.cpp
    LIBS vanikeys_cloud LABELS cloud)
add_vanikeys_test(test_cloud_session SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_cloud_session.cpp
    LIBS vanikeys_cloud LABELS cloud)
