// The compiled matcher: a Pattern turned into flat tables that score a free part (an array of
// symbol indices) with one table lookup per symbol, the same code on the CPU and the GPU.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/core/hd.h"
#include "engine/core/result.h"
#include "engine/format/format_info.h"
#include "engine/pattern/pattern.h"

namespace vanikeys {

// Most states a compiled DFA may have (after minimisation); patterns that need more are
// rejected by compile_matcher (state ids are 16-bit and the tables should stay cache-sized).
inline constexpr int kMaxMatcherStates = 4096;

// The host-side owner of a compiled pattern, built by compile_matcher().
//
// prefix/suffix use `position_sets` (one SymbolSet per pattern character) and no DFA.
//
// contains/sequence use a DFA over the format's symbols that implements SPEC §3 exactly:
// the score of a free part s_0..s_{n-1} is
//     max(run_score[q_0], ..., run_score[q_n], end_score[q_n])
// where q_0 = start_state and q_{i+1} = next[q_i * alphabet_size + s_i]; the walk has
// matched exactly when end_exact[q_n] is 1, and end_words[q_n] whole words were found.
// A state stands for (the word being sought, the set of that word's prefix lengths that end
// at the current position without overlapping the previous word): a subset construction over
// the words' character classes (bit-parallel Shift-And), so `?` and overlapping look-alike
// classes are handled exactly; a completed word moves to the next word's start (earliest
// ending occurrence, which is optimal for words in order). The DFA is minimised with the four
// per-state tables as outputs, and states are numbered breadth-first from start_state = 0.
// Invariants: run_score[start_state] == 0; end_score[q] >= run_score[q]; every score <=
// total_chars; end_exact[q] == 1 implies end_score[q] == total_chars.
struct MatcherTables {
    KeyFormat format = KeyFormat::DidKey;
    MatchMode mode = MatchMode::Sequence;
    int alphabet_size = 0;    // symbols of the format's matcher alphabet (58, 58, 22, 32)
    int total_chars = 0;      // all pattern characters: the score's denominator
    int word_count = 0;
    int free_length_max = 0;  // the longest free part of the format
    // eth only: some class tells a letter's upper case (symbols 16-21) from its lower case
    // (10-15), so the searcher must compute the EIP-55 case (one more Keccak). When false, the
    // outcome is the same whether letters are given as 10-15 or as 16-21.
    bool needs_eth_case = false;

    std::vector<SymbolSet> position_sets;  // prefix/suffix: one per pattern character

    int state_count = 0;
    int start_state = 0;
    std::vector<std::uint16_t> next;       // [state * alphabet_size + symbol] -> state
    std::vector<std::uint16_t> run_score;  // chars credited once the walk passes through state
    std::vector<std::uint16_t> end_score;  // chars matched if the free part ends in state
    std::vector<std::uint8_t> end_words;   // whole words matched if the free part ends in state
    std::vector<std::uint8_t> end_exact;   // 1 if ending in state is an exact match
};

// Compiles a parsed pattern. Fails (code 2) only when the DFA would exceed kMaxMatcherStates.
Result<MatcherTables> compile_matcher(const Pattern& pattern);

// A non-owning, trivially copyable view of MatcherTables: what match_symbols reads. It can be
// passed by value to a kernel once its pointers point to device memory (see pack_matcher).
struct MatcherView {
    MatchMode mode;
    int alphabet_size;
    int total_chars;
    int word_count;
    int position_count;               // prefix/suffix: entries of position_sets
    const SymbolSet* position_sets;
    int state_count;
    int start_state;
    const std::uint16_t* next;
    const std::uint16_t* run_score;
    const std::uint16_t* end_score;
    const std::uint8_t* end_words;
    const std::uint8_t* end_exact;
};

// A view of `tables`, valid while `tables` lives and is not modified.
MatcherView view_of(const MatcherTables& tables);

// Bytes pack_matcher needs for `tables`.
std::size_t packed_matcher_size(const MatcherTables& tables);

// Copies every table into one contiguous block so that a device copy is a single memcpy.
// On input, `buffer` has packed_matcher_size(tables) bytes and is 8-byte aligned;
// `target_base` is the address where those bytes will be read from (a device pointer after
// copying `buffer` there, or `buffer` itself for use on the host). On output, `buffer` holds
// the tables and the returned view points into `target_base`.
MatcherView pack_matcher(const MatcherTables& tables, void* buffer, const void* target_base);

struct MatchOutcome {
    std::uint16_t matched_chars;  // SPEC §3's matched pattern characters
    bool exact;                   // the free part matches the pattern
    std::uint8_t words_matched;   // whole words found (prefix/suffix: 1 when exact)
};

namespace matcher_detail {

// prefix: the longest common prefix of the pattern and the free part.
VANIKEYS_HD_HOT MatchOutcome match_prefix(const MatcherView& m, const std::uint8_t* symbols,
                                          int length) {
    const int limit = m.position_count < length ? m.position_count : length;
    int i = 0;
    while (i < limit && ((m.position_sets[i] >> symbols[i]) & 1u) != 0) ++i;
    const bool exact = i == m.position_count;
    return MatchOutcome{static_cast<std::uint16_t>(i), exact, static_cast<std::uint8_t>(exact)};
}

// suffix: the longest common suffix, aligned at the end of the actual free part.
VANIKEYS_HD_HOT MatchOutcome match_suffix(const MatcherView& m, const std::uint8_t* symbols,
                                          int length) {
    const int limit = m.position_count < length ? m.position_count : length;
    int i = 0;
    while (i < limit &&
           ((m.position_sets[m.position_count - 1 - i] >> symbols[length - 1 - i]) & 1u) != 0)
        ++i;
    const bool exact = i == m.position_count;
    return MatchOutcome{static_cast<std::uint16_t>(i), exact, static_cast<std::uint8_t>(exact)};
}

// contains/sequence: walk the DFA, one lookup per symbol plus the running maximum.
VANIKEYS_HD_HOT MatchOutcome match_dfa(const MatcherView& m, const std::uint8_t* symbols,
                                       int length) {
    const std::uint16_t* next = m.next;
    const std::uint16_t* run_score = m.run_score;
    const unsigned alphabet = static_cast<unsigned>(m.alphabet_size);
    unsigned state = static_cast<unsigned>(m.start_state);
    unsigned best = run_score[state];
    for (int i = 0; i < length; ++i) {
        state = next[state * alphabet + symbols[i]];
        const unsigned credit = run_score[state];
        best = credit > best ? credit : best;
    }
    const unsigned at_end = m.end_score[state];
    best = at_end > best ? at_end : best;
    return MatchOutcome{static_cast<std::uint16_t>(best), m.end_exact[state] != 0,
                        m.end_words[state]};
}

} // namespace matcher_detail

// Scores one free part. On input, `symbols` holds `length` symbol indices, each below
// m.alphabet_size (for eth: letters as 10-15 or 16-21 by EIP-55 case; lowercase is enough
// when needs_eth_case is false); `length` is the actual free-part length (p2pkh varies, and
// suffix mode aligns at its end). On output, the SPEC §3 counts, equal to score_free_part's.
VANIKEYS_HD MatchOutcome match_symbols(const MatcherView& m, const std::uint8_t* symbols,
                                       int length) {
    switch (m.mode) {
    case MatchMode::Prefix: return matcher_detail::match_prefix(m, symbols, length);
    case MatchMode::Suffix: return matcher_detail::match_suffix(m, symbols, length);
    default: return matcher_detail::match_dfa(m, symbols, length);
    }
}

} // namespace vanikeys
