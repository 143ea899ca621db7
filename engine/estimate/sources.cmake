target_sources(vanikeys_engine PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/automaton_odds.cpp
    ${CMAKE_CURRENT_LIST_DIR}/estimate.cpp
    ${CMAKE_CURRENT_LIST_DIR}/free_part_model.cpp
    ${CMAKE_CURRENT_LIST_DIR}/rarity.cpp)
