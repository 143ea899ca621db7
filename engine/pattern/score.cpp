#include "engine/pattern/score.h"

#include <algorithm>

namespace vanikeys {

namespace {

using Symbols = std::span<const std::uint8_t>;

bool in_class(SymbolSet set, std::uint8_t symbol) { return ((set >> symbol) & 1u) != 0; }

// The longest j such that word[0, j) matches symbols[start, start + j).
int common_prefix(const PatternWord& word, Symbols symbols, int start) {
    const int n = static_cast<int>(symbols.size());
    int j = 0;
    while (j < word.length() && start + j < n && in_class(word.classes[j], symbols[start + j])) ++j;
    return j;
}

bool whole_at(const PatternWord& word, Symbols symbols, int start) {
    return start >= 0 && common_prefix(word, symbols, start) == word.length();
}

// Where `word` is found when the previous word ended at `from`, or -1 (anchors per score.h).
int find_word(const PatternWord& word, Symbols symbols, int from) {
    const int n = static_cast<int>(symbols.size());
    const int end_aligned = n - word.length();
    if (word.anchored_start) {
        const bool fits = !word.anchored_end || end_aligned == 0;
        return fits && whole_at(word, symbols, 0) ? 0 : -1;
    }
    if (word.anchored_end)
        return end_aligned >= from && whole_at(word, symbols, end_aligned) ? end_aligned : -1;
    for (int start = from; start <= end_aligned; ++start)
        if (whole_at(word, symbols, start)) return start;
    return -1;
}

// The credit of a word that was not found, and the earliest start of a credited occurrence.
std::pair<int, int> partial_credit(const PatternWord& word, Symbols symbols, int from) {
    const int n = static_cast<int>(symbols.size());
    const int first = word.anchored_start ? 0 : from;
    const int last = word.anchored_start ? 0 : n - 1;
    int credit = 0;
    for (int start = first; start <= last; ++start)
        credit = std::max(credit, common_prefix(word, symbols, start));
    if (word.anchored_end) credit = std::min(credit, word.length() - 1);
    for (int start = first; credit > 0 && start <= last; ++start)
        if (common_prefix(word, symbols, start) >= credit) return {credit, start};
    return {0, -1};
}

void score_prefix(const PatternWord& word, Symbols symbols, ScoreResult& r) {
    r.matched_chars = common_prefix(word, symbols, 0);
    if (r.matched_chars > 0) r.matches.emplace_back(0, r.matched_chars);
    r.exact = r.matched_chars == word.length();
    r.words_matched = r.exact ? 1 : 0;
}

void score_suffix(const PatternWord& word, Symbols symbols, ScoreResult& r) {
    const int n = static_cast<int>(symbols.size());
    int j = 0;
    while (j < word.length() && j < n && in_class(word.classes[word.length() - 1 - j], symbols[n - 1 - j]))
        ++j;
    r.matched_chars = j;
    if (j > 0) r.matches.emplace_back(n - j, n);
    r.exact = j == word.length();
    r.words_matched = r.exact ? 1 : 0;
}

void score_sequence(const Pattern& pattern, Symbols symbols, ScoreResult& r) {
    int from = 0;
    for (const PatternWord& word : pattern.words) {
        const int start = find_word(word, symbols, from);
        if (start >= 0) {
            r.matched_chars += word.length();
            ++r.words_matched;
            r.matches.emplace_back(start, start + word.length());
            from = start + word.length();
            continue;
        }
        const auto [credit, credit_start] = partial_credit(word, symbols, from);
        r.matched_chars += credit;
        if (credit > 0) r.matches.emplace_back(credit_start, credit_start + credit);
        return;
    }
    r.exact = true;
}

}  // namespace

ScoreResult score_free_part(const Pattern& pattern, std::span<const std::uint8_t> symbols) {
    ScoreResult result;
    result.total_chars = pattern.char_count();
    if (pattern.words.empty()) return result;
    switch (pattern.options.mode) {
    case MatchMode::Prefix: score_prefix(pattern.words.front(), symbols, result); break;
    case MatchMode::Suffix: score_suffix(pattern.words.front(), symbols, result); break;
    case MatchMode::Contains:
    case MatchMode::Sequence: score_sequence(pattern, symbols, result); break;
    }
    return result;
}

}  // namespace vanikeys
