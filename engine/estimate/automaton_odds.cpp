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

} // namespace

Result<AutomatonOdds> automaton_odds(const FreePartChain& chain, const AutomatonView& a) {
    if (std::string problem = check_automaton(chain, a); !problem.empty())
        return runtime_failure("estimate: " + problem);

    const auto states = static_cast<std::size_t>(a.state_count);
    const auto alphabet = static_cast<std::size_t>(a.alphabet_size);
    // Heads enter the chain where as many symbols remain as their piece has after the head.
    std::vector<std::vector<double>> entering(chain.tail.empty() ? 1 : chain.tail.size());
    for (const ChainHead& head : chain.heads) {
        std::size_t state = static_cast<std::size_t>(a.start_state);
        for (std::uint8_t s : head.symbols) state = a.next[state * alphabet + s];
        std::vector<double>& law = entering[static_cast<std::size_t>(head.remaining)];
        if (law.empty()) law.assign(states, 0.0);
        law[state] += head.probability;
    }

    std::vector<double> current(states, 0.0), following(states, 0.0);
    std::vector<std::pair<std::uint8_t, double>> symbols;  // the symbols that occur, and their odds
    for (std::size_t r = entering.size() - 1; r > 0; --r) {
        if (!entering[r].empty())
            for (std::size_t s = 0; s < states; ++s) current[s] += entering[r][s];
        symbols.clear();
        for (std::size_t sym = 0; sym < chain.tail[r].size(); ++sym)
            if (chain.tail[r][sym] > 0)
                symbols.emplace_back(static_cast<std::uint8_t>(sym), chain.tail[r][sym]);
        std::fill(following.begin(), following.end(), 0.0);
        for (std::size_t s = 0; s < states; ++s) {
            if (current[s] == 0) continue;
            const std::uint16_t* row = a.next.data() + s * alphabet;
            for (const auto& [sym, odds] : symbols) following[row[sym]] += current[s] * odds;
        }
        current.swap(following);
    }
    if (!entering[0].empty())
        for (std::size_t s = 0; s < states; ++s) current[s] += entering[0][s];

    AutomatonOdds odds;
    odds.at_least_words.assign(static_cast<std::size_t>(std::max(a.word_count, 0)), 0.0);
    for (std::size_t s = 0; s < states; ++s) {
        if (a.end_exact[s]) odds.match += current[s];
        for (int k = 1; k <= std::min<int>(a.end_words[s], a.word_count); ++k)
            odds.at_least_words[static_cast<std::size_t>(k - 1)] += current[s];
    }
    return odds;
}

} // namespace vanikeys
