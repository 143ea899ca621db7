// Odds of contains/sequence patterns: the free part, modelled symbol by symbol (a
// FreePartChain), is run through the matcher's automaton as a Markov chain on its states.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/core/result.h"
#include "engine/estimate/free_part_model.h"

namespace vanikeys {

// The parts of a compiled matcher's DFA that the odds need (matcher.h's MatcherTables, or a
// hand-made automaton in tests). next[state * alphabet_size + symbol] is the next state; a free
// part that ends in `state` matches exactly when end_exact[state] != 0 and contains
// end_words[state] whole words.
struct AutomatonView {
    int alphabet_size = 0;
    int state_count = 0;
    int start_state = 0;
    int word_count = 0;
    std::span<const std::uint16_t> next;
    std::span<const std::uint8_t> end_words;
    std::span<const std::uint8_t> end_exact;
    // For the score law only (may be empty otherwise): matcher.h's run_score and end_score.
    std::span<const std::uint16_t> run_score;
    std::span<const std::uint16_t> end_score;
};

struct AutomatonOdds {
    double match = 0;                    // P(the free part matches exactly)
    std::vector<double> at_least_words;  // [k - 1]: P(at least k whole words), k = 1..word_count
};

// Runs the chain: the exact law of the heads, each fed through the automaton, then one step per
// remaining symbol with that position's law; the state law at the end gives the odds.
// Fails (code 3, an internal inconsistency) when the automaton's tables are malformed or a
// symbol that occurs lies outside its alphabet.
// Cost: about (longest free part) x state_count x alphabet_size multiply-adds.
Result<AutomatonOdds> automaton_odds(const FreePartChain& chain, const AutomatonView& automaton);

// The law of the score (SPEC §3's matched characters): [s] = P(a free part scores at least s),
// s = 0..total_chars. The chain runs on (state, best run_score so far) pairs, so it costs
// (total_chars + 1) times automaton_odds. Needs run_score and end_score.
Result<std::vector<double>> automaton_score_tail(const FreePartChain& chain, const AutomatonView& automaton,
                                                 int total_chars);

} // namespace vanikeys
