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
// total_chars; end_exact[q] == 1 implies end_score[q] == total_chars and end_words[q] ==
// word_count.
struct MatcherTables {
    KeyFormat format = KeyFormat::DidKey;
    MatchMode mode = MatchMode::Sequence;
    int alphabet_size = 0;  // symbols of the format's matcher alphabet (58, 58, 22, 32)
    int total_chars = 0;    // all pattern characters: the score's denominator
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

    // The hot-path form of `next` and `run_score` that match_symbols walks, derived from them:
    // rows of 2^step_shift >= alphabet_size entries, and
    //     step[(q << step_shift) + s] = ((next(q, s) << step_shift) << 8) | run_score[next(q, s)]
    // so a step is one load, one shift and a max, with no multiply on the dependency chain.
    int step_shift = 0;
    std::vector<std::uint32_t> step;
};

// Compiles a parsed pattern. Fails (code 2) only when the DFA would exceed kMaxMatcherStates.
Result<MatcherTables> compile_matcher(const Pattern& pattern);

// A non-owning, trivially copyable view of what match_symbols reads. It can be passed by value
// to a kernel once its pointers point to device memory (see pack_matcher).
struct MatcherView {
    MatchMode mode;
    int alphabet_size;
    int total_chars;
    int word_count;
    int position_count;  // prefix/suffix: entries of position_sets
    const SymbolSet* position_sets;
    int state_count;
    int step_shift;
    std::uint32_t start_offset;      // start_state << step_shift
    const std::uint32_t* step;       // MatcherTables::step
    const std::uint16_t* end_score;  // per state
    const std::uint8_t* end_words;
    const std::uint8_t* end_exact;
};

// A view of `tables`, valid while `tables` lives and is not modified.
MatcherView view_of(const MatcherTables& tables);

// Bytes pack_matcher needs for `tables`.
std::size_t packed_matcher_size(const MatcherTables& tables);

// Copies what match_symbols reads into one contiguous block, so that a device copy is a single
// memcpy. On input, `buffer` has packed_matcher_size(tables) bytes and is 8-byte aligned;
// `target_base` is the address those bytes will be read from (a device pointer after copying
// `buffer` there, or `buffer` itself for use on the host). On output, `buffer` holds the tables
// and the returned view points into `target_base`.
MatcherView pack_matcher(const MatcherTables& tables, void* buffer, const void* target_base);

struct MatchOutcome {
    std::uint16_t matched_chars;  // SPEC §3's matched pattern characters
    bool exact;                   // the free part matches the pattern
    std::uint8_t words_matched;   // whole words found (prefix/suffix: 1 when exact)
};

namespace matcher_detail {

// prefix: the longest common prefix of the pattern and the free part.
VANIKEYS_HD_HOT MatchOutcome match_prefix(const MatcherView& m, const std::uint8_t* symbols, int length) {
    const int limit = m.position_count < length ? m.position_count : length;
    int i = 0;
    while (i < limit && ((m.position_sets[i] >> symbols[i]) & 1u) != 0) ++i;
    const bool exact = i == m.position_count;
    return MatchOutcome{static_cast<std::uint16_t>(i), exact, static_cast<std::uint8_t>(exact)};
}

// suffix: the longest common suffix, aligned at the end of the actual free part.
VANIKEYS_HD_HOT MatchOutcome match_suffix(const MatcherView& m, const std::uint8_t* symbols, int length) {
    const int limit = m.position_count < length ? m.position_count : length;
    int i = 0;
    while (i < limit && ((m.position_sets[m.position_count - 1 - i] >> symbols[length - 1 - i]) & 1u) != 0)
        ++i;
    const bool exact = i == m.position_count;
    return MatchOutcome{static_cast<std::uint16_t>(i), exact, static_cast<std::uint8_t>(exact)};
}

// One DFA step: on input `offset` is (state << step_shift) and `best` the running maximum of
// run_score; on output both account for `symbol`.
VANIKEYS_HD_HOT void step_dfa(const std::uint32_t* step, std::uint32_t& offset, unsigned& best,
                              std::uint8_t symbol) {
    const std::uint32_t entry = step[offset + symbol];
    offset = entry >> 8;
    const unsigned credit = entry & 0xFFu;
    best = credit > best ? credit : best;
}

VANIKEYS_HD_HOT MatchOutcome finish_dfa(const MatcherView& m, std::uint32_t offset, unsigned best) {
    const std::uint32_t state = offset >> m.step_shift;
    const unsigned at_end = m.end_score[state];
    best = at_end > best ? at_end : best;
    return MatchOutcome{static_cast<std::uint16_t>(best), m.end_exact[state] != 0, m.end_words[state]};
}

// contains/sequence: walk the DFA (run_score of the start state is 0).
VANIKEYS_HD_HOT MatchOutcome match_dfa(const MatcherView& m, const std::uint8_t* symbols, int length) {
    std::uint32_t offset = m.start_offset;
    unsigned best = 0;
    for (int i = 0; i < length; ++i) step_dfa(m.step, offset, best, symbols[i]);
    return finish_dfa(m, offset, best);
}

}  // namespace matcher_detail

// Scores one free part. On input, `symbols` holds `length` symbol indices, each below
// m.alphabet_size (for eth: letters as 10-15 or 16-21 by EIP-55 case; lowercase is enough
// when needs_eth_case is false); `length` is the actual free-part length (p2pkh varies, and
// suffix mode aligns at its end). On output, the SPEC §3 counts, equal to score_free_part's.
VANIKEYS_HD MatchOutcome match_symbols(const MatcherView& m, const std::uint8_t* symbols, int length) {
#if defined(VANIKEYS_VERIFY)
    for (int i = 0; i < length; ++i) VANIKEYS_VERIFY_CHECK(symbols[i] < m.alphabet_size);
#endif
    switch (m.mode) {
    case MatchMode::Prefix: return matcher_detail::match_prefix(m, symbols, length);
    case MatchMode::Suffix: return matcher_detail::match_suffix(m, symbols, length);
    default: return matcher_detail::match_dfa(m, symbols, length);
    }
}

// Scores four free parts, out[k] = match_symbols(m, symbols[k], lengths[k]). The four DFA
// walks are interleaved: a walk is a chain of dependent loads, and four independent chains
// keep a CPU core busy (about 3x the throughput of four single calls; see test_matcher).
// Meant for CPU searchers; a GPU thread gets the same from the other threads of its warp.
VANIKEYS_HD void match_symbols_x4(const MatcherView& m, const std::uint8_t* const symbols[4],
                                  const int lengths[4], MatchOutcome out[4]) {
    if (m.mode == MatchMode::Prefix || m.mode == MatchMode::Suffix) {
        for (int k = 0; k < 4; ++k) out[k] = match_symbols(m, symbols[k], lengths[k]);
        return;
    }
    int common = lengths[0];
    for (int k = 1; k < 4; ++k) common = lengths[k] < common ? lengths[k] : common;
    std::uint32_t o0 = m.start_offset, o1 = o0, o2 = o0, o3 = o0;
    unsigned b0 = 0, b1 = 0, b2 = 0, b3 = 0;
    for (int i = 0; i < common; ++i) {
        matcher_detail::step_dfa(m.step, o0, b0, symbols[0][i]);
        matcher_detail::step_dfa(m.step, o1, b1, symbols[1][i]);
        matcher_detail::step_dfa(m.step, o2, b2, symbols[2][i]);
        matcher_detail::step_dfa(m.step, o3, b3, symbols[3][i]);
    }
    std::uint32_t offsets[4] = {o0, o1, o2, o3};
    unsigned bests[4] = {b0, b1, b2, b3};
    for (int k = 0; k < 4; ++k) {  // p2pkh: the longer free parts finish alone
        for (int i = common; i < lengths[k]; ++i)
            matcher_detail::step_dfa(m.step, offsets[k], bests[k], symbols[k][i]);
        out[k] = matcher_detail::finish_dfa(m, offsets[k], bests[k]);
    }
}

}  // namespace vanikeys
