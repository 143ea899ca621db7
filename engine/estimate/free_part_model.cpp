#include "engine/estimate/free_part_model.h"

#include <algorithm>
#include <bit>
#include <map>

namespace vanikeys {
namespace {

// The secp256k1 field prime: x-coordinates are uniform below it.
const ExactCount kFieldPrime =
    ExactCount::from_hex("FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFE FFFFFC2F");

SymbolSet digit_mask(int radix) { return (SymbolSet{1} << radix) - 1; }

std::uint64_t digit_choices(SymbolSet set, int radix) {
    return static_cast<std::uint64_t>(std::popcount(set & digit_mask(radix)));
}

// Number of V in [0, bound) whose `sets.size()` base-radix digits (most significant first,
// leading zeros included) each lie in their set. On input, bound <= radix^sets.size().
// Digit by digit: V < bound first differs from bound at some digit i, where V has a smaller
// allowed digit, after bound's digits 0..i-1 (which must then be allowed); the digits after i
// are free within their sets.
ExactCount count_below(const ExactCount& bound, int radix, std::span<const SymbolSet> sets) {
    const int width = static_cast<int>(sets.size());
    std::vector<ExactCount> choices_after(width + 1);
    choices_after[width] = ExactCount(1);
    for (int i = width - 1; i >= 0; --i)
        choices_after[i] = choices_after[i + 1] * digit_choices(sets[i], radix);

    ExactCount rest = bound;
    std::vector<int> digits(width);
    for (int i = width - 1; i >= 0; --i)
        digits[i] = static_cast<int>(rest.divide_small(static_cast<std::uint64_t>(radix)));
    if (!rest.is_zero()) return choices_after[0];  // bound == radix^width: every V counts

    ExactCount count;
    for (int i = 0; i < width; ++i) {
        const SymbolSet below = sets[i] & ((SymbolSet{1} << digits[i]) - 1);
        count += choices_after[i + 1] * static_cast<std::uint64_t>(std::popcount(below));
        if (((sets[i] >> digits[i]) & 1) == 0) return count;
    }
    return count;
}

// Matching free parts of one piece, in units of 1 / uniform_unit^uniform_count.
// On input, sets.size() == model.length(piece): one set per free-part position.
ExactCount count_piece(const FreePartModel& model, const FreePartPiece& piece,
                       std::span<const SymbolSet> sets) {
    std::size_t pos = 0;
    for (int i = 0; i < piece.lead_count; ++i, ++pos)
        if (((sets[pos] >> model.lead_symbol) & 1) == 0) return ExactCount();
    const auto digit_sets = sets.subspan(pos, static_cast<std::size_t>(piece.digits));
    pos += static_cast<std::size_t>(piece.digits);
    for (std::uint8_t symbol : piece.trailing)
        if (((sets[pos++] >> symbol) & 1) == 0) return ExactCount();

    ExactCount count = count_below(piece.hi, model.radix, digit_sets);
    count -= count_below(piece.lo, model.radix, digit_sets);
    for (int i = 0; i < model.uniform_count; ++i, ++pos) {
        std::uint64_t weight = 0;
        for (int s = 0; s < model.alphabet_size; ++s)
            if ((sets[pos] >> s) & 1) weight += model.uniform_weight[static_cast<std::size_t>(s)];
        count *= weight;
    }
    return count;
}

void add_piece(FreePartModel& model, FreePartPiece piece) {
    if (piece.lo >= piece.hi) return;
    model.value_count += piece.hi - piece.lo;
    model.pieces.push_back(std::move(piece));
}

void build_didkey(FreePartModel& model) {
    constexpr int kDigits = 44;
    const ExactCount window = ExactCount::power(58, kDigits);
    for (std::uint64_t parity : {0xE70102u, 0xE70103u}) {
        const ExactCount v_lo = ExactCount(parity) * ExactCount::power_of_two(256);
        // The digits above the free part ("Q3sh") are the same for every key (format_info.h).
        const ExactCount lead_digits = v_lo.divided_by_power(58, kDigits);
        const ExactCount base = lead_digits * window;
        VANIKEYS_VERIFY_CHECK((v_lo + kFieldPrime - ExactCount(1)).divided_by_power(58, kDigits) ==
                              lead_digits);
        add_piece(model, {v_lo - base, v_lo - base + kFieldPrime, 0, kDigits, {}});
    }
}

void build_p2pkh(FreePartModel& model) {
    // N = h160 || checksum, 24 bytes. Each leading zero byte of N is one more '1'; base58
    // writes the rest of N without leading zeros.
    constexpr int kBytes = 24;
    for (int zeros = 0; zeros < kBytes; ++zeros) {
        const ExactCount lo = ExactCount::power_of_two(8 * (kBytes - zeros - 1));
        const ExactCount hi = ExactCount::power_of_two(8 * (kBytes - zeros));
        ExactCount length_lo(1);  // 58^(length - 1)
        for (int length = 1; length_lo < hi; ++length) {
            const ExactCount length_hi = length_lo * 58;
            add_piece(model, {std::max(lo, length_lo), std::min(hi, length_hi), zeros, length, {}});
            length_lo = length_hi;
        }
    }
    add_piece(model, {ExactCount(0), ExactCount(1), kBytes, 0, {}});  // N == 0
}

void build_eth(FreePartModel& model, bool eth_case) {
    add_piece(model, {ExactCount(0), ExactCount(1), 0, 0, {}});
    model.uniform_count = 40;
    model.uniform_weight.assign(static_cast<std::size_t>(model.alphabet_size), 0);
    for (int s = 0; s < model.alphabet_size; ++s)
        model.uniform_weight[static_cast<std::size_t>(s)] = !eth_case ? 1 : s < 10 ? 2 : 1;
    model.uniform_unit = eth_case ? 32 : 16;
}

void build_npub(FreePartModel& model) {
    const ExactCount one(1);
    // x = 2y + b; 16x in 52 base32 digits is y's 51 digits followed by the digit 16b.
    ExactCount y_count_even = kFieldPrime + one;
    y_count_even.divide_small(2);
    ExactCount y_count_odd = kFieldPrime - one;
    y_count_odd.divide_small(2);
    add_piece(model, {ExactCount(0), y_count_even, 0, 51, {0}});
    add_piece(model, {ExactCount(0), y_count_odd, 0, 51, {16}});
    model.uniform_count = 6;
    model.uniform_weight.assign(32, 1);
    model.uniform_unit = 32;
}

ExactCount uniform_total(const FreePartModel& model) {
    return ExactCount::power(model.uniform_unit, model.uniform_count);
}

// Symbol law of a piece's symbol read when r symbols remain (1 <= r <= remaining after head).
void add_tail_law(const FreePartModel& model, const FreePartPiece& piece, int r, double weight,
                  std::vector<double>& law) {
    const int trailing = static_cast<int>(piece.trailing.size());
    if (r <= model.uniform_count) {
        for (int s = 0; s < model.alphabet_size; ++s)
            law[static_cast<std::size_t>(s)] +=
                weight * model.uniform_weight[static_cast<std::size_t>(s)] / model.uniform_unit;
    } else if (r <= model.uniform_count + trailing) {
        law[piece.trailing[static_cast<std::size_t>(trailing - (r - model.uniform_count))]] +=
            weight;
    } else {
        for (int s = 0; s < model.radix; ++s)
            law[static_cast<std::size_t>(s)] += weight / model.radix;
    }
}

} // namespace

FreePartModel free_part_model(KeyFormat format, bool eth_case) {
    FreePartModel model;
    model.format = format;
    switch (format) {
    case KeyFormat::DidKey:
        model.alphabet_size = model.radix = 58;
        build_didkey(model);
        break;
    case KeyFormat::P2pkh:
        model.alphabet_size = model.radix = 58;
        build_p2pkh(model);
        break;
    case KeyFormat::Eth:
        model.alphabet_size = eth_case ? 22 : 16;
        model.radix = 16;
        build_eth(model, eth_case);
        break;
    case KeyFormat::Npub:
        model.alphabet_size = model.radix = 32;
        build_npub(model);
        break;
    }
    return model;
}

ExactOdds exact_position_odds(const FreePartModel& model, std::span<const SymbolSet> sets,
                              FreePartEnd end, int only_length) {
    ExactOdds odds;
    const int count = static_cast<int>(sets.size());
    for (const FreePartPiece& piece : model.pieces) {
        const int length = model.length(piece);
        if (only_length > 0 && length != only_length) continue;
        odds.total += piece.hi - piece.lo;
        if (count > length) continue;
        std::vector<SymbolSet> full(static_cast<std::size_t>(length), ~SymbolSet{0});
        std::copy(sets.begin(), sets.end(),
                  full.begin() + (end == FreePartEnd::Start ? 0 : length - count));
        odds.matching += count_piece(model, piece, full);
    }
    odds.total *= uniform_total(model);
    return odds;
}

std::vector<double> free_symbol_distribution(KeyFormat format, int position, int length,
                                             bool eth_case) {
    const FreePartModel model = free_part_model(format, eth_case);
    const int alphabet = static_cast<int>(format_info(format).symbols.size());
    std::vector<double> law(static_cast<std::size_t>(alphabet), 0.0);
    std::vector<SymbolSet> sets(static_cast<std::size_t>(position) + 1, ~SymbolSet{0});
    // Counting all symbols together first gives the denominator: the free parts that have
    // this position at all.
    const ExactOdds present = exact_position_odds(model, sets, FreePartEnd::Start, length);
    if (present.matching.is_zero()) return {};
    for (int s = 0; s < model.alphabet_size; ++s) {
        sets.back() = SymbolSet{1} << s;
        const ExactOdds odds = exact_position_odds(model, sets, FreePartEnd::Start, length);
        law[static_cast<std::size_t>(s)] = odds.matching.to_double() / present.matching.to_double();
    }
    return law;
}

std::vector<LengthShare> free_length_distribution(KeyFormat format) {
    const FreePartModel model = free_part_model(format, false);
    std::map<int, ExactCount> by_length;
    for (const FreePartPiece& piece : model.pieces)
        by_length[model.length(piece)] += piece.hi - piece.lo;
    std::vector<LengthShare> shares;
    for (const auto& [length, count] : by_length)
        shares.push_back({length, count.to_double() / model.value_count.to_double()});
    return shares;
}

namespace {

// Appends the heads of `piece`: the windows of its range, a window being cut into its radix
// children only while it straddles lo or hi (at most 2 * radix * digits windows).
void add_piece_heads(const FreePartModel& model, const FreePartPiece& piece, double all_values,
                     std::vector<ChainHead>& heads) {
    const auto radix = static_cast<std::uint64_t>(model.radix);
    const auto depths = static_cast<std::size_t>(piece.digits);
    std::vector<ExactCount> window_size(depths + 1);  // radix^(digits - depth)
    window_size[depths] = ExactCount(1);
    for (std::size_t d = depths; d > 0; --d) window_size[d - 1] = window_size[d] * radix;

    struct Window {
        ExactCount prefix;  // the digits fixed so far, as a number
        std::size_t depth;  // how many digits are fixed
    };
    std::vector<Window> pending{{ExactCount(0), 0}};
    while (!pending.empty()) {
        const Window w = pending.back();
        pending.pop_back();
        const ExactCount& size = window_size[w.depth];
        const ExactCount first = w.prefix * size;
        const ExactCount values = std::min(piece.hi, first + size) - std::max(piece.lo, first);
        if (values != size && w.depth < depths) {
            const ExactCount& child_size = window_size[w.depth + 1];
            for (std::uint64_t digit = 0; digit < radix; ++digit) {
                const ExactCount child = w.prefix * radix + ExactCount(digit);
                const ExactCount child_first = child * child_size;
                if (child_first < piece.hi && child_first + child_size > piece.lo)
                    pending.push_back({child, w.depth + 1});
            }
            continue;
        }
        const std::size_t lead = static_cast<std::size_t>(piece.lead_count);
        ChainHead head{std::vector<std::uint8_t>(lead + w.depth, model.lead_symbol),
                       values.to_double() / all_values,
                       model.length(piece) - piece.lead_count - static_cast<int>(w.depth)};
        ExactCount digits = w.prefix;
        for (std::size_t i = w.depth; i > 0; --i)
            head.symbols[lead + i - 1] = static_cast<std::uint8_t>(digits.divide_small(radix));
        heads.push_back(std::move(head));
    }
}

} // namespace

FreePartChain free_part_chain(const FreePartModel& model) {
    FreePartChain chain;
    chain.alphabet_size = model.alphabet_size;
    const double all_values = model.value_count.to_double();
    const std::vector<double> no_symbols(static_cast<std::size_t>(model.alphabet_size), 0.0);
    for (const FreePartPiece& piece : model.pieces) {
        add_piece_heads(model, piece, all_values, chain.heads);
        // Every symbol after the lead may follow a head (a head may fix no digit).
        const int after_lead = model.length(piece) - piece.lead_count;
        if (after_lead >= static_cast<int>(chain.tail.size()))
            chain.tail.resize(static_cast<std::size_t>(after_lead) + 1, no_symbols);
        const double weight = (piece.hi - piece.lo).to_double() / all_values;
        for (int r = 1; r <= after_lead; ++r)
            add_tail_law(model, piece, r, weight, chain.tail[static_cast<std::size_t>(r)]);
    }
    // Pool the pieces' laws: the symbol read with r symbols left, over all pieces that long.
    for (std::size_t r = 1; r < chain.tail.size(); ++r) {
        double mass = 0;
        for (double q : chain.tail[r]) mass += q;
        if (mass > 0)
            for (double& q : chain.tail[r]) q /= mass;
    }
    return chain;
}

} // namespace vanikeys
