// The estimate's model of a key's free part (SPEC §4): which number each format encodes, over
// which range it is uniform, and how its digits become free-part symbols. From it: exact odds
// of symbols at given positions (prefix/suffix), exact symbol laws, and the symbol chain that
// the contains/sequence odds walk through the matcher's automaton.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/estimate/big_uint.h"
#include "engine/format/format_info.h"

namespace vanikeys {

// One piece of a format's free parts: a number V, uniform over [lo, hi), written as `digits`
// base-radix digits (leading zeros included), after `lead_count` copies of the model's
// lead symbol and before the fixed `trailing` symbols and the model's uniform symbols.
// Pieces split the key space where the shape of the free part changes (p2pkh: the number of
// extra leading '1's and the base58 length; npub: V's low bit).
struct FreePartPiece {
    ExactCount lo, hi;
    int lead_count = 0;
    int digits = 0;
    std::vector<std::uint8_t> trailing;
};

// The whole model of one format. Every value of every piece is equally likely, so a piece's
// probability is (hi - lo) / value_count; the `uniform_count` symbols at the end of every
// free part are independent of V and of each other (checksums, eth's nibbles).
struct FreePartModel {
    KeyFormat format = KeyFormat::DidKey;
    int alphabet_size = 0;         // the symbols that occur: 58, 58, 16 or 22, 32
    int radix = 58;                // base of the pieces' digits
    std::uint8_t lead_symbol = 0;  // p2pkh: an extra '1' is base58 digit 0
    std::vector<FreePartPiece> pieces;
    ExactCount value_count;  // sum of (hi - lo) over the pieces
    int uniform_count = 0;
    std::vector<std::uint32_t> uniform_weight;  // per symbol: P(symbol) * uniform_unit
    std::uint32_t uniform_unit = 1;

    [[nodiscard]] int length(const FreePartPiece& piece) const {
        return piece.lead_count + piece.digits + static_cast<int>(piece.trailing.size()) +
               uniform_count;
    }
};

// The model of `format`:
//  - didkey: V = x + (parity byte) * 2^256 + 0xE701 * 2^264 minus the fixed "Q3sh" digits:
//    two pieces (y even / odd), x uniform in [0, p); 44 base58 digits.
//  - p2pkh: N = h160 || checksum uniform in [0, 2^192); one piece per count of extra
//    leading '1's (leading zero bytes of N) and base58 length of N.
//  - eth: 40 independent uniform nibbles; with `eth_case` each letter is upper or lower case
//    with probability 1/2 (EIP-55), so '0'..'9' have 1/16 and 'a' and 'A' 1/32 each.
//  - npub: x uniform in [0, p): 51 base32 digits of x >> 1, the symbol 16 * (x & 1) (the last
//    data symbol, 'q' or 's'), then 6 uniform checksum symbols.
// `eth_case` matters only for eth: whether the matcher sees EIP-55 upper case (symbols 16-21).
FreePartModel free_part_model(KeyFormat format, bool eth_case);

// An exact probability: matching / total, both exact integers.
struct ExactOdds {
    ExactCount matching, total;
    [[nodiscard]] double probability() const {
        return total.is_zero() ? 0.0 : matching.to_double() / total.to_double();
    }
};

enum class FreePartEnd : std::uint8_t { Start, End };

// Exact odds that a random free part has, for each i, a symbol of sets[i] at position i
// (end == Start) or at position length - sets.size() + i (end == End). Free parts shorter than
// sets.size() do not match. With only_length > 0 the odds are among free parts of that length
// (p2pkh); a model with no such free part gives total 0.
ExactOdds exact_position_odds(const FreePartModel& model, std::span<const SymbolSet> sets,
                              FreePartEnd end, int only_length = 0);

// The exact law of the symbol at `position` of the free part (counted from the start), indexed
// by symbol, summing to 1: among free parts of `length` if length > 0 (p2pkh), else among all
// free parts long enough to have that position. Empty if no free part has that position.
std::vector<double> free_symbol_distribution(KeyFormat format, int position, int length = 0,
                                             bool eth_case = false);

struct LengthShare {
    int length;
    double probability;
};
// How long free parts are, shortest first (one entry but for p2pkh: 33 for ~95.7 % of keys,
// 32 for ~4.3 %, shorter ones for about 1 key in 2^40).
std::vector<LengthShare> free_length_distribution(KeyFormat format);

// The free part as a sequence of random symbols, for the automaton odds. A piece's range
// [lo, hi) splits into windows of values that share their leading digits and take every
// value of the digits after them: the window of prefix P at depth d is all of
// [P * radix^(digits-d), (P+1) * radix^(digits-d)) when that lies inside the range. Only the
// windows that straddle lo or hi are split further, so a piece has at most
// 2 * radix * digits windows. Each window is a `head`: its symbols (lead, the fixed digits)
// and its exact probability; after it every digit is uniform and independent, then come the
// trailing and uniform symbols. The rest of the free part is thus a chain of independent
// symbols: tail[r] is the law of the symbol read when r symbols remain, pooled over the
// pieces. The pooling is the model's only approximation (npub: x's low bit read as 'q' or 's'
// with probability exactly 1/2 whatever the head, off by about 2^-255); the chain is exact.
struct ChainHead {
    std::vector<std::uint8_t> symbols;
    double probability;
    int remaining;  // symbols after the head
};
struct FreePartChain {
    int alphabet_size = 0;
    std::vector<ChainHead> heads;           // probabilities sum to 1
    std::vector<std::vector<double>> tail;  // tail[r] for 1 <= r <= the largest remaining
};
FreePartChain free_part_chain(const FreePartModel& model);

} // namespace vanikeys
