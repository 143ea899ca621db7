#include "engine/estimate/estimate.h"

#include <cmath>
#include <limits>

namespace vanikeys {

AutomatonView automaton_of(const MatcherTables& matcher) {
    return AutomatonView{matcher.alphabet_size, matcher.state_count, matcher.start_state,
                         matcher.word_count,    matcher.next,        matcher.end_words,
                         matcher.end_exact,     matcher.run_score,   matcher.end_score};
}

Result<Estimate> estimate_pattern(const Pattern& pattern, const MatcherTables& matcher) {
    if (matcher.format != pattern.format || matcher.mode != pattern.options.mode)
        return bad_input("estimate: the matcher was compiled for another format or mode");
    return estimate_pattern(pattern, automaton_of(matcher), matcher.needs_eth_case);
}

Result<Estimate> estimate_pattern(const Pattern& pattern, const AutomatonView& automaton,
                                  bool eth_case) {
    if (pattern.words.empty()) return bad_input("estimate: the pattern has no words");
    const bool anchored =
        pattern.options.mode == MatchMode::Prefix || pattern.options.mode == MatchMode::Suffix;
    const FreePartModel model = free_part_model(pattern.format, eth_case);
    if (anchored) {
        if (pattern.words.size() != 1)
            return bad_input("estimate: prefix and suffix patterns take exactly one word");
        const FreePartEnd end =
            pattern.options.mode == MatchMode::Prefix ? FreePartEnd::Start : FreePartEnd::End;
        const double p = exact_position_odds(model, pattern.words[0].classes, end).probability();
        return estimate_from_probability(p, {{1, p}}, true);
    }
    Result<AutomatonOdds> odds = automaton_odds(free_part_chain(model), automaton);
    if (!odds) return odds.error();
    std::vector<PartialOdds> partial;
    for (std::size_t k = 0; k < odds->at_least_words.size(); ++k)
        partial.push_back({static_cast<int>(k) + 1, odds->at_least_words[k]});
    return estimate_from_probability(odds->match, std::move(partial), false);
}

Result<std::vector<double>> score_tail_odds(const Pattern& pattern, const MatcherTables& matcher) {
    if (matcher.format != pattern.format || matcher.mode != pattern.options.mode || pattern.words.empty())
        return bad_input("estimate: the matcher was compiled for another pattern");
    const FreePartModel model = free_part_model(pattern.format, matcher.needs_eth_case);
    if (pattern.options.mode == MatchMode::Prefix || pattern.options.mode == MatchMode::Suffix) {
        // At least s characters in common = the first (last) s characters match, exactly.
        const std::vector<SymbolSet>& sets = pattern.words[0].classes;
        const bool prefix = pattern.options.mode == MatchMode::Prefix;
        std::vector<double> at_least(sets.size() + 1, 1.0);
        for (std::size_t s = 1; s <= sets.size(); ++s) {
            const std::span<const SymbolSet> part =
                prefix ? std::span<const SymbolSet>(sets.data(), s)
                       : std::span<const SymbolSet>(sets.data() + sets.size() - s, s);
            at_least[s] = exact_position_odds(model, part, prefix ? FreePartEnd::Start : FreePartEnd::End).probability();
        }
        return at_least;
    }
    return automaton_score_tail(free_part_chain(model), automaton_of(matcher), matcher.total_chars);
}

Estimate estimate_from_probability(double probability, std::vector<PartialOdds> partial,
                                   bool exact) {
    Estimate e;
    e.probability = probability;
    e.expected_attempts =
        probability > 0 ? 1.0 / probability : std::numeric_limits<double>::infinity();
    e.attempts_50 = attempts_for_chance(probability, 0.50);
    e.attempts_90 = attempts_for_chance(probability, 0.90);
    e.attempts_99 = attempts_for_chance(probability, 0.99);
    e.partial = std::move(partial);
    e.exact = exact;
    return e;
}

double attempts_for_chance(double probability, double chance) {
    if (probability <= 0) return std::numeric_limits<double>::infinity();
    return -std::log1p(-chance) / probability;
}

double chance_after(double probability, double attempts) {
    if (probability >= 1) return attempts >= 1 ? 1.0 : 0.0;
    return -std::expm1(attempts * std::log1p(-probability));
}

double seconds_for_attempts(double attempts, double keys_per_second) {
    return keys_per_second > 0 ? attempts / keys_per_second
                               : std::numeric_limits<double>::infinity();
}

double cost_usd(double seconds, double usd_per_hour) { return seconds / 3600.0 * usd_per_hour; }

} // namespace vanikeys
