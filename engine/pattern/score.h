// The reference scorer of SPEC §3: how much of a pattern one free part matches, written to be
// read (host only). The compiled matcher must agree with it on every input; the UI uses its
// `matches` to highlight the credited characters.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "engine/pattern/pattern.h"

namespace vanikeys {

struct ScoreResult {
    int matched_chars = 0;  // pattern characters credited
    int total_chars = 0;    // all pattern characters
    int words_matched = 0;  // whole words found
    bool exact = false;     // the free part matches the pattern
    // [start, end) ranges in the FREE PART (the caller adds the fixed lead's length): every
    // whole word found, then the credited partial occurrence of the first word not found.
    std::vector<std::pair<int, int>> matches;

    // matched_chars / total_chars, in [0, 1]; 1 exactly when `exact`.
    [[nodiscard]] double score() const {
        return total_chars == 0 ? 0.0 : static_cast<double>(matched_chars) / total_chars;
    }
};

// Scores a free part against a parsed pattern. On input `symbols` are symbol indices of the
// pattern's format (any length; for p2pkh the actual one).
//  - prefix: the longest common prefix; suffix: the longest common suffix (aligned at the end
//    of `symbols`); a whole word is 1 word matched.
//  - contains/sequence: the words in order, each at its earliest-ending occurrence that starts
//    at or after the end of the previous one; at the first word not found, its credit is the
//    length of its longest prefix occurring there (starting at or after that point, possibly
//    cut off by the end of the free part), and the walk stops.
//  Anchors (sequence mode), our decisions where SPEC §3 is silent:
//  - '^WORD' counts as found only at position 0; otherwise its credit is its common prefix
//    with the start of the free part (like prefix mode).
//  - 'WORD$' counts as found only when it ends exactly at the end of the free part (starting
//    after the previous word); otherwise its credit is its longest prefix occurring after the
//    previous word, capped at its length - 1 (so a whole occurrence elsewhere is not "found").
//  - '^WORD$' needs both: the free part is the word; otherwise its common prefix with the start,
//    capped at its length - 1.
// `matches` then lists each found word and, for the first word not found with credit > 0, the
// earliest occurrence of its credited prefix.
ScoreResult score_free_part(const Pattern& pattern, std::span<const std::uint8_t> symbols);

}  // namespace vanikeys
