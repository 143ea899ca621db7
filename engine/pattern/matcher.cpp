#include "engine/pattern/matcher.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <map>
#include <unordered_map>
#include <utility>

namespace vanikeys {

namespace {

// Most states the subset construction may visit before minimisation; bounds compile time and
// memory for pathological patterns (the minimised DFA must still fit kMaxMatcherStates).
constexpr int kMaxRawStates = 1 << 16;

// One word as a bit-parallel (Shift-And) automaton: bit j of a state mask means "the word's
// prefix of length j ends at the current position"; class_bits[s] has bit j set when the
// word's character j may be symbol s, so reading s maps mask m to ((m | 1) & class_bits[s]) << 1.
struct WordAutomaton {
    int length = 0;
    int base = 0;  // characters of the words before this one
    bool anchored_start = false;
    bool anchored_end = false;
    std::vector<std::uint64_t> class_bits;  // per symbol
};

// A state of the subset construction: the word sought (word_count = all found) and its mask.
using RawState = std::pair<int, std::uint64_t>;

struct RawStateHash {
    std::size_t operator()(const RawState& s) const noexcept {
        return std::hash<std::uint64_t>{}(s.second * 0x9E3779B97F4A7C15ull +
                                          static_cast<std::uint64_t>(s.first));
    }
};

struct Labels {
    std::uint16_t run_score;
    std::uint16_t end_score;
    std::uint8_t end_words;
    std::uint8_t end_exact;
    auto operator<=>(const Labels&) const = default;
};

class DfaBuilder {
public:
    explicit DfaBuilder(const Pattern& pattern)
        : alphabet_(static_cast<int>(format_info(pattern.format).symbols.size())),
          total_(pattern.char_count()) {
        int base = 0;
        for (const PatternWord& word : pattern.words) {
            WordAutomaton w;
            w.length = word.length();
            w.base = base;
            w.anchored_start = word.anchored_start;
            w.anchored_end = word.anchored_end;
            w.class_bits.assign(static_cast<std::size_t>(alphabet_), 0);
            for (int j = 0; j < w.length; ++j)
                for (int s = 0; s < alphabet_; ++s)
                    if ((word.classes[j] >> s) & 1u) w.class_bits[s] |= std::uint64_t{1} << j;
            words_.push_back(std::move(w));
            base += word.length();
        }
    }

    // Explores every state reachable from the start; false if there are more than kMaxRawStates.
    bool explore() {
        const WordAutomaton& first = words_.front();
        intern(RawState{0, first.anchored_start ? 1u : 0u});
        for (std::size_t i = 0; i < states_.size(); ++i) {
            for (int s = 0; s < alphabet_; ++s) {
                const int target = intern(step(states_[i], s));
                if (target < 0) return false;
                next_.push_back(target);
            }
        }
        return true;
    }

    [[nodiscard]] int alphabet() const { return alphabet_; }
    [[nodiscard]] int state_count() const { return static_cast<int>(states_.size()); }
    [[nodiscard]] const std::vector<int>& next() const { return next_; }
    [[nodiscard]] Labels labels(int state) const { return labels_of(states_[state]); }

private:
    [[nodiscard]] RawState step(const RawState& state, int symbol) const {
        const int word_count = static_cast<int>(words_.size());
        if (state.first == word_count) return state;
        const WordAutomaton& w = words_[state.first];
        const std::uint64_t from = state.second | (w.anchored_start ? 0u : 1u);
        const std::uint64_t to = (from & w.class_bits[symbol]) << 1;
        const bool complete = ((to >> w.length) & 1u) != 0;
        // A '$' word keeps looking: only a completion at the very end counts (end_exact).
        if (complete && !w.anchored_end) return RawState{state.first + 1, 0};
        return RawState{state.first, to};
    }

    [[nodiscard]] Labels labels_of(const RawState& state) const {
        const int word_count = static_cast<int>(words_.size());
        if (state.first == word_count)
            return Labels{static_cast<std::uint16_t>(total_), static_cast<std::uint16_t>(total_),
                          static_cast<std::uint8_t>(word_count), 1};
        const WordAutomaton& w = words_[state.first];
        const int longest = state.second == 0 ? 0 : 63 - std::countl_zero(state.second);
        const int credit = w.anchored_end ? std::min(longest, w.length - 1) : longest;
        const bool complete_at_end = w.anchored_end && longest == w.length;
        const int run = w.base + credit;
        const int end = complete_at_end ? w.base + w.length : run;
        return Labels{static_cast<std::uint16_t>(run), static_cast<std::uint16_t>(end),
                      static_cast<std::uint8_t>(state.first + (complete_at_end ? 1 : 0)),
                      static_cast<std::uint8_t>(complete_at_end && state.first == word_count - 1)};
    }

    // The id of `state`, adding it if new; -1 past kMaxRawStates.
    int intern(const RawState& state) {
        const auto [it, added] = ids_.try_emplace(state, static_cast<int>(states_.size()));
        if (added) {
            if (static_cast<int>(states_.size()) >= kMaxRawStates) return -1;
            states_.push_back(state);
        }
        return it->second;
    }

    int alphabet_;
    int total_;
    std::vector<WordAutomaton> words_;
    std::vector<RawState> states_;
    std::unordered_map<RawState, int, RawStateHash> ids_;
    std::vector<int> next_;  // [state * alphabet + symbol]
};

// Moore's partition refinement: states with equal labels whose successors are equivalent
// behave identically (same label sequence on every input, hence the same score). Returns
// each state's block; block ids are dense.
std::vector<int> equivalence_blocks(const DfaBuilder& dfa, int& block_count) {
    const int n = dfa.state_count();
    const int alphabet = dfa.alphabet();
    std::vector<int> block(static_cast<std::size_t>(n));
    {
        std::map<Labels, int> ids;
        for (int q = 0; q < n; ++q)
            block[q] = ids.try_emplace(dfa.labels(q), static_cast<int>(ids.size())).first->second;
        block_count = static_cast<int>(ids.size());
    }
    for (;;) {
        std::map<std::vector<int>, int> ids;
        std::vector<int> refined(static_cast<std::size_t>(n));
        std::vector<int> signature(static_cast<std::size_t>(alphabet) + 1);
        for (int q = 0; q < n; ++q) {
            signature[0] = block[q];
            for (int s = 0; s < alphabet; ++s) signature[s + 1] = block[dfa.next()[q * alphabet + s]];
            refined[q] = ids.try_emplace(signature, static_cast<int>(ids.size())).first->second;
        }
        const int count = static_cast<int>(ids.size());
        block.swap(refined);
        if (count == block_count) return block;
        block_count = count;
    }
}

// Fills the DFA tables of `t` from the minimised automaton, numbering blocks breadth-first
// from the start (state 0) so the layout is deterministic.
void emit_minimal(const DfaBuilder& dfa, const std::vector<int>& block, int block_count, MatcherTables& t) {
    const int alphabet = dfa.alphabet();
    std::vector<int> representative(static_cast<std::size_t>(block_count), -1);
    for (int q = dfa.state_count() - 1; q >= 0; --q) representative[block[q]] = q;
    std::vector<int> number(static_cast<std::size_t>(block_count), -1);
    std::vector<int> order{block[0]};
    number[block[0]] = 0;
    for (std::size_t i = 0; i < order.size(); ++i) {
        const int q = representative[order[i]];
        for (int s = 0; s < alphabet; ++s) {
            const int b = block[dfa.next()[q * alphabet + s]];
            if (number[b] < 0) {
                number[b] = static_cast<int>(order.size());
                order.push_back(b);
            }
        }
    }
    t.state_count = static_cast<int>(order.size());
    t.start_state = 0;
    t.next.resize(static_cast<std::size_t>(t.state_count * alphabet));
    for (int i = 0; i < t.state_count; ++i) {
        const int q = representative[order[i]];
        for (int s = 0; s < alphabet; ++s)
            t.next[i * alphabet + s] =
                static_cast<std::uint16_t>(number[block[dfa.next()[q * alphabet + s]]]);
        const Labels l = dfa.labels(q);
        t.run_score.push_back(l.run_score);
        t.end_score.push_back(l.end_score);
        t.end_words.push_back(l.end_words);
        t.end_exact.push_back(l.end_exact);
    }
}

// Rows of 2^shift entries, each (next << shift) << 8 | run_score[next] (see matcher.h).
void emit_step_table(MatcherTables& t) {
    t.step_shift = std::bit_width(static_cast<unsigned>(t.alphabet_size - 1));
    const std::size_t row = std::size_t{1} << t.step_shift;
    t.step.assign(static_cast<std::size_t>(t.state_count) * row, 0);
    for (int q = 0; q < t.state_count; ++q) {
        for (int s = 0; s < t.alphabet_size; ++s) {
            const std::uint16_t n = t.next[q * t.alphabet_size + s];
            t.step[q * row + static_cast<std::size_t>(s)] =
                ((static_cast<std::uint32_t>(n) << t.step_shift) << 8) | t.run_score[n];
        }
    }
}

// eth: does some class contain a letter in one case but not the other (nibble v as symbol v,
// 10 <= v < 16, versus symbol v + 6)?
bool distinguishes_eth_case(const Pattern& pattern) {
    if (pattern.format != KeyFormat::Eth) return false;
    for (const PatternWord& word : pattern.words)
        for (SymbolSet set : word.classes)
            if ((((set >> 10) ^ (set >> 16)) & 0x3Fu) != 0) return true;
    return false;
}

std::size_t align8(std::size_t n) { return (n + 7) & ~std::size_t{7}; }

// Byte offsets of each table in the packed block.
struct PackedLayout {
    std::size_t position_sets, step, end_score, end_words, end_exact, total;
};

PackedLayout packed_layout(const MatcherTables& t) {
    PackedLayout l{};
    l.position_sets = 0;
    l.step = align8(l.position_sets + t.position_sets.size() * sizeof(SymbolSet));
    l.end_score = l.step + t.step.size() * sizeof(std::uint32_t);
    l.end_words = l.end_score + t.end_score.size() * sizeof(std::uint16_t);
    l.end_exact = l.end_words + t.end_words.size();
    l.total = align8(l.end_exact + t.end_exact.size());
    return l;
}

template <class T>
void copy_table(const std::vector<T>& table, void* buffer, std::size_t offset) {
    if (!table.empty())
        std::memcpy(static_cast<unsigned char*>(buffer) + offset, table.data(), table.size() * sizeof(T));
}

template <class T>
const T* at_offset(const void* base, std::size_t offset) {
    return reinterpret_cast<const T*>(static_cast<const unsigned char*>(base) + offset);
}

}  // namespace

Result<MatcherTables> compile_matcher(const Pattern& pattern) {
    MatcherTables t;
    t.format = pattern.format;
    t.mode = pattern.options.mode;
    t.alphabet_size = static_cast<int>(format_info(pattern.format).symbols.size());
    t.total_chars = pattern.char_count();
    t.word_count = static_cast<int>(pattern.words.size());
    t.free_length_max = format_info(pattern.format).free_max_length;
    t.needs_eth_case = distinguishes_eth_case(pattern);
    if (pattern.words.empty()) return bad_input("the pattern has no words to match");

    if (t.mode == MatchMode::Prefix || t.mode == MatchMode::Suffix) {
        t.position_sets = pattern.words.front().classes;
        return t;
    }
    const std::string too_intricate =
        "the pattern is too intricate for the matcher (its automaton needs more than " +
        std::to_string(kMaxMatcherStates) +
        " states); use fewer '?' or --fuzzy look-alikes, or shorter words";
    DfaBuilder dfa(pattern);
    if (!dfa.explore()) return bad_input(too_intricate);
    int block_count = 0;
    const std::vector<int> block = equivalence_blocks(dfa, block_count);
    if (block_count > kMaxMatcherStates) return bad_input(too_intricate);
    emit_minimal(dfa, block, block_count, t);
    emit_step_table(t);
    return t;
}

MatcherView view_of(const MatcherTables& t) {
    return MatcherView{t.mode,
                       t.alphabet_size,
                       t.total_chars,
                       t.word_count,
                       static_cast<int>(t.position_sets.size()),
                       t.position_sets.data(),
                       t.state_count,
                       t.step_shift,
                       static_cast<std::uint32_t>(t.start_state) << t.step_shift,
                       t.step.data(),
                       t.end_score.data(),
                       t.end_words.data(),
                       t.end_exact.data()};
}

std::size_t packed_matcher_size(const MatcherTables& tables) { return packed_layout(tables).total; }

MatcherView pack_matcher(const MatcherTables& t, void* buffer, const void* target_base) {
    const PackedLayout l = packed_layout(t);
    std::memset(buffer, 0, l.total);
    copy_table(t.position_sets, buffer, l.position_sets);
    copy_table(t.step, buffer, l.step);
    copy_table(t.end_score, buffer, l.end_score);
    copy_table(t.end_words, buffer, l.end_words);
    copy_table(t.end_exact, buffer, l.end_exact);
    MatcherView v = view_of(t);
    v.position_sets = at_offset<SymbolSet>(target_base, l.position_sets);
    v.step = at_offset<std::uint32_t>(target_base, l.step);
    v.end_score = at_offset<std::uint16_t>(target_base, l.end_score);
    v.end_words = at_offset<std::uint8_t>(target_base, l.end_words);
    v.end_exact = at_offset<std::uint8_t>(target_base, l.end_exact);
    return v;
}

}  // namespace vanikeys
