// The estimate (SPEC §4): how likely one key is to match a pattern, and what that means in
// attempts, time and money.
//
// Model (free_part_model.h): a key is a uniformly random value of what its format encodes:
// did:key x uniform in [0, p) with a uniform parity byte; p2pkh h160 || checksum uniform in
// [0, 2^192); eth 40 uniform nibbles, each letter's EIP-55 case a fair coin; npub x uniform in
// [0, p) and a uniform checksum. (Real keys differ only by what hashes and the curve's
// x-coordinates make unobservable.)
// prefix/suffix: exact. The pattern's per-position SymbolSets are counted over each range of
// encoded values (digit-by-digit counting on 384-bit integers, split where the number of
// leading '1's or the base58 length changes), then divided once, in double.
// contains/sequence: the matcher's DFA is run as a Markov chain over the free part. The value
// range is cut into windows whose leading digits are fixed and whose other digits take every
// value (only windows straddling the range's ends are cut further), so each window's symbols
// are known exactly and the symbols after them are independent and uniform; the chain starts
// from each window's state with its exact probability. That is exact for the model up to
// rounding (and npub's x-parity symbol taken as a fair coin: 2^-255). P(match) is the final
// mass on end_exact states, P(>= k words) the mass on states with end_words >= k.
#pragma once

#include <vector>

#include "engine/core/result.h"
#include "engine/estimate/automaton_odds.h"
#include "engine/pattern/matcher.h"
#include "engine/pattern/pattern.h"

namespace vanikeys {

struct PartialOdds {
    int words;
    double probability;  // P(at least `words` whole words)
};

struct Estimate {
    double probability = 0;                                    // one key matches
    double expected_attempts = 0;                              // 1/p (infinity if p == 0)
    double attempts_50 = 0, attempts_90 = 0, attempts_99 = 0;  // ln(1/(1-q))/p
    std::vector<PartialOdds> partial;                          // k = 1..word_count
    bool exact = false;  // true when computed by exact counting (prefix/suffix)
};

// The estimate of `pattern`, a parsed pattern of any mode, with `matcher` its compiled matcher
// (compile_matcher(pattern)). prefix/suffix: exact (exact_position_odds over the pattern's
// classes). contains/sequence: the matcher's DFA run as a Markov chain over free_part_chain.
// Fails with code 2 for a pattern without words, a prefix/suffix pattern of several words or
// a matcher of another format or mode, and with code 3 when the matcher's tables are malformed.
Result<Estimate> estimate_pattern(const Pattern& pattern, const MatcherTables& matcher);

// The law of a key's score: [s] = P(one key has at least s matched characters, SPEC §3),
// s = 0..char_count ([0] = 1, [char_count] = the match probability). Exact for prefix and
// suffix, from the automaton (on state x best-so-far pairs) for contains and sequence. The
// gacha's rarity tiers come from it (engine/estimate/rarity.h).
Result<std::vector<double>> score_tail_odds(const Pattern& pattern, const MatcherTables& matcher);

// The same with the automaton given directly (tests, hand-made automata); `eth_case`: whether
// the free part's eth letters come in EIP-55 case (MatcherTables::needs_eth_case).
Result<Estimate> estimate_pattern(const Pattern& pattern, const AutomatonView& automaton,
                                  bool eth_case);

// The DFA part of a compiled matcher.
AutomatonView automaton_of(const MatcherTables& matcher);

// The estimate for a known per-key probability p (0 <= p <= 1) and partial-word odds.
Estimate estimate_from_probability(double probability, std::vector<PartialOdds> partial,
                                   bool exact);

// Attempts after which a key matching with `probability` has been found with chance `chance`
// (0 <= chance < 1): ln(1/(1-chance)) / p, the SPEC's formula (the exact count,
// ln(1-chance)/ln(1-p), is larger by a factor 1 + O(p)). Infinity when p == 0.
double attempts_for_chance(double probability, double chance);

// The chance that at least one of `attempts` keys matches: 1 - (1-p)^n, computed as
// -expm1(n * log1p(-p)) so that it stays accurate for tiny p and for p*n near 0.
double chance_after(double probability, double attempts);

// Time and money at a given rate and price.
double seconds_for_attempts(double attempts, double keys_per_second);  // attempts / rate
double cost_usd(double seconds, double usd_per_hour);                  // hours * price

} // namespace vanikeys
