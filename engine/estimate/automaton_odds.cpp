#include "engine/estimate/automaton_odds.h"

#include <algorithm>
#include <string>

namespace vanikeys {
namespace {

std::string check_automaton(const FreePartChain& chain, const AutomatonView& a) {
    const auto states = static_cast<std::size_t>(a.state_count);
    if (a.state_count <= 0 || a.start_state < 0 || a.start_state >= a.state_count)
        return "automaton has no states or a bad start state";
    if (a.next.size() != states * static_cast<std::size_t>(a.alphabet_size) ||
        a.end_words.size() != states || a.end_exact.size() != states)
        return "automaton tables have the wrong size";
    if (std::any_of(a.next.begin(), a.next.end(),
                    [&](std::uint16_t s) { return s >= a.state_count; }))
        return "automaton has a transition to a state that does not exist";
    for (const std::vector<double>& law : chain.tail)
        for (std::size_t s = static_cast<std::size_t>(a.alphabet_size); s < law.size(); ++s)
            if (law[s] > 0) return "a symbol of the format lies outside the automaton's alphabet";
    for (const ChainHead& head : chain.heads)
        for (std::uint8_t s : head.symbols)
            if (s >= a.alphabet_size)
                return "a symbol of the format lies outside the automaton's alphabet";
    return {};
}

// The law of the automaton's state after the whole free part. `step(state, symbol)` is the
// transition of an automaton with `state_count` states that starts in `start`.
template <class Step>
std::vector<double> final_state_law(const FreePartChain& chain, std::size_t state_count, std::size_t start,
                                    Step step) {
    // Heads enter the chain where as many symbols remain as their piece has after the head.
    std::vector<std::vector<double>> entering(chain.tail.empty() ? 1 : chain.tail.size());
    for (const ChainHead& head : chain.heads) {
        std::size_t state = start;
        for (std::uint8_t s : head.symbols) state = step(state, s);
        std::vector<double>& law = entering[static_cast<std::size_t>(head.remaining)];
        if (law.empty()) law.assign(state_count, 0.0);
        law[state] += head.probability;
    }

    std::vector<double> current(state_count, 0.0), following(state_count, 0.0);
    std::vector<std::pair<std::uint8_t, double>> symbols;  // the symbols that occur, and their odds
    for (std::size_t r = entering.size() - 1; r > 0; --r) {
        if (!entering[r].empty())
            for (std::size_t s = 0; s < state_count; ++s) current[s] += entering[r][s];
        symbols.clear();
        for (std::size_t sym = 0; sym < chain.tail[r].size(); ++sym)
            if (chain.tail[r][sym] > 0)
                symbols.emplace_back(static_cast<std::uint8_t>(sym), chain.tail[r][sym]);
        std::fill(following.begin(), following.end(), 0.0);
        for (std::size_t s = 0; s < state_count; ++s) {
            if (current[s] == 0) continue;
            for (const auto& [sym, odds] : symbols) following[step(s, sym)] += current[s] * odds;
        }
        current.swap(following);
    }
    if (!entering[0].empty())
        for (std::size_t s = 0; s < state_count; ++s) current[s] += entering[0][s];
    return current;
}

} // namespace

Result<AutomatonOdds> automaton_odds(const FreePartChain& chain, const AutomatonView& a) {
    if (std::string problem = check_automaton(chain, a); !problem.empty())
        return runtime_failure("estimate: " + problem);

    const auto states = static_cast<std::size_t>(a.state_count);
    const auto alphabet = static_cast<std::size_t>(a.alphabet_size);
    const std::vector<double> current = final_state_law(
        chain, states, static_cast<std::size_t>(a.start_state),
        [&](std::size_t state, std::uint8_t sym) { return std::size_t{a.next[state * alphabet + sym]}; });

    AutomatonOdds odds;
    odds.at_least_words.assign(static_cast<std::size_t>(std::max(a.word_count, 0)), 0.0);
    for (std::size_t s = 0; s < states; ++s) {
        if (a.end_exact[s]) odds.match += current[s];
        for (int k = 1; k <= std::min<int>(a.end_words[s], a.word_count); ++k)
            odds.at_least_words[static_cast<std::size_t>(k - 1)] += current[s];
    }
    return odds;
}

Result<std::vector<double>> automaton_score_tail(const FreePartChain& chain, const AutomatonView& a,
                                                 int total_chars) {
    if (std::string problem = check_automaton(chain, a); !problem.empty())
        return runtime_failure("estimate: " + problem);
    const auto states = static_cast<std::size_t>(a.state_count);
    if (total_chars < 0 || a.run_score.size() != states || a.end_score.size() != states)
        return runtime_failure("estimate: the automaton has no score tables");
    for (std::size_t s = 0; s < states; ++s)
        if (a.run_score[s] > total_chars || a.end_score[s] > total_chars)
            return runtime_failure("estimate: a score table exceeds the pattern's length");

    // Product automaton: (state, best run_score so far) numbered state * levels + best.
    const auto alphabet = static_cast<std::size_t>(a.alphabet_size);
    const auto levels = static_cast<std::size_t>(total_chars) + 1;
    const auto start = static_cast<std::size_t>(a.start_state);
    const std::vector<double> law = final_state_law(
        chain, states * levels, start * levels + a.run_score[start], [&](std::size_t pair, std::uint8_t sym) {
            const std::size_t next = a.next[(pair / levels) * alphabet + sym];
            const std::size_t best = std::max<std::size_t>(pair % levels, a.run_score[next]);
            return next * levels + best;
        });

    std::vector<double> exactly(levels, 0.0);
    for (std::size_t pair = 0; pair < law.size(); ++pair) {
        if (law[pair] == 0) continue;
        const std::size_t score = std::max<std::size_t>(pair % levels, a.end_score[pair / levels]);
        exactly[score] += law[pair];
    }
    std::vector<double> at_least(levels, 0.0);
    double tail = 0;
    for (std::size_t s = levels; s-- > 0;) {
        tail += exactly[s];
        at_least[s] = std::min(1.0, tail);
    }
    return at_least;
}

} // namespace vanikeys
