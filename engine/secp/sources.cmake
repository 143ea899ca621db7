# engine/secp is header-only (the same code is compiled for the host and the GPU); its headers
# are listed so that IDEs show them with the engine target.
target_sources(vanikeys_engine PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/batch_add.h
    ${CMAKE_CURRENT_LIST_DIR}/batch_inverse.h
    ${CMAKE_CURRENT_LIST_DIR}/carry32.h
    ${CMAKE_CURRENT_LIST_DIR}/curve_constants.h
    ${CMAKE_CURRENT_LIST_DIR}/ecmult_gen.h
    ${CMAKE_CURRENT_LIST_DIR}/endomorphism.h
    ${CMAKE_CURRENT_LIST_DIR}/field.h
    ${CMAKE_CURRENT_LIST_DIR}/field_4x64.h
    ${CMAKE_CURRENT_LIST_DIR}/field_8x32.h
    ${CMAKE_CURRENT_LIST_DIR}/field_pow.h
    ${CMAKE_CURRENT_LIST_DIR}/group.h
    ${CMAKE_CURRENT_LIST_DIR}/scalar.h
    ${CMAKE_CURRENT_LIST_DIR}/selftest.h
    ${CMAKE_CURRENT_LIST_DIR}/serialize.h)
