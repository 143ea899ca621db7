#include "engine/pattern/free_part_support.h"

#include <array>
#include <cstdint>

namespace vanikeys {

namespace {

// Just enough unsigned big-integer arithmetic for digit ranges of numbers below 2^320.
struct BigNat {
    std::array<std::uint32_t, 10> limb{};  // little-endian

    static BigNat small(std::uint64_t v) {
        BigNat r;
        r.limb[0] = static_cast<std::uint32_t>(v);
        r.limb[1] = static_cast<std::uint32_t>(v >> 32);
        return r;
    }
    static BigNat power_of_two(int exponent) {
        BigNat r;
        r.limb[exponent / 32] = std::uint32_t{1} << (exponent % 32);
        return r;
    }
    static BigNat power(std::uint32_t base, int exponent) {
        BigNat r = small(1);
        for (int i = 0; i < exponent; ++i) r.multiply(base);
        return r;
    }

    void multiply(std::uint32_t m) {
        std::uint64_t carry = 0;
        for (std::uint32_t& l : limb) {
            const std::uint64_t t = std::uint64_t{l} * m + carry;
            l = static_cast<std::uint32_t>(t);
            carry = t >> 32;
        }
    }
    // Divides in place; returns the remainder.
    std::uint32_t divide(std::uint32_t d) {
        std::uint64_t rem = 0;
        for (std::size_t i = limb.size(); i-- > 0;) {
            const std::uint64_t cur = (rem << 32) | limb[i];
            limb[i] = static_cast<std::uint32_t>(cur / d);
            rem = cur % d;
        }
        return static_cast<std::uint32_t>(rem);
    }
    // On input *this >= b.
    void subtract(const BigNat& b) {
        std::int64_t borrow = 0;
        for (std::size_t i = 0; i < limb.size(); ++i) {
            const std::int64_t t = std::int64_t{limb[i]} - b.limb[i] - borrow;
            borrow = t < 0;
            limb[i] = static_cast<std::uint32_t>(t + (borrow << 32));
        }
    }
    [[nodiscard]] bool fits_u32() const {
        for (std::size_t i = 1; i < limb.size(); ++i)
            if (limb[i] != 0) return false;
        return true;
    }
    friend int compare(const BigNat& a, const BigNat& b) {
        for (std::size_t i = a.limb.size(); i-- > 0;)
            if (a.limb[i] != b.limb[i]) return a.limb[i] < b.limb[i] ? -1 : 1;
        return 0;
    }
};

BigNat minus_one(BigNat v) {
    v.subtract(BigNat::small(1));
    return v;
}

// floor(v / base^exponent).
BigNat shift_down(BigNat v, std::uint32_t base, int exponent) {
    for (int i = 0; i < exponent; ++i) v.divide(base);
    return v;
}

SymbolSet all_below(std::uint32_t base) { return (SymbolSet{1} << base) - 1; }

// The values of the digit of weight base^exponent over every integer in [lo, hi] (lo <= hi).
// The quotients floor(v / base^exponent) form the contiguous range [q_lo, q_hi]; the digit is
// that quotient modulo base.
SymbolSet digit_support(const BigNat& lo, const BigNat& hi, std::uint32_t base, int exponent) {
    BigNat q_lo = shift_down(lo, base, exponent);
    BigNat span = shift_down(hi, base, exponent);
    span.subtract(q_lo);
    if (!span.fits_u32() || span.limb[0] >= base - 1) return all_below(base);
    const std::uint32_t first = q_lo.divide(base);
    SymbolSet set = 0;
    for (std::uint32_t t = 0; t <= span.limb[0]; ++t) set |= SymbolSet{1} << ((first + t) % base);
    return set;
}

// top * 2^256 + (p - 1), p = 2^256 - 2^32 - 977 the field prime: the largest value encoded
// under the prefix `top` (x-coordinates lie in [0, p)).
BigNat prime_minus_one_under(std::uint32_t top) {
    BigNat r;
    r.limb[0] = 0xFFFFFC2Eu;  // p - 1
    r.limb[1] = 0xFFFFFFFEu;
    for (std::size_t i = 2; i < 8; ++i) r.limb[i] = 0xFFFFFFFFu;
    r.limb[8] = top;
    return r;
}

// did:key: V = (0xE70102 + parity) * 2^256 + x with x in [0, p) is written as 48 base58
// digits, of which the top 4 ("Q3sh") are the fixed lead.
SymbolSet didkey_support(int position) {
    constexpr int kDigits = 48;
    constexpr int kLeadDigits = 4;
    const int exponent = kDigits - 1 - (kLeadDigits + position);
    SymbolSet set = 0;
    for (std::uint32_t top : {0xE70102u, 0xE70103u}) {
        BigNat lo;
        lo.limb[8] = top;
        set |= digit_support(lo, prime_minus_one_under(top), 58, exponent);
    }
    return set;
}

// npub: data characters are the 260-bit number 16x in 5-bit groups: characters 0-50 are the
// base-32 digits of x >> 1 (51 digits), character 51 is (x & 1) << 4, the rest the checksum.
SymbolSet npub_support(int position) {
    constexpr int kDataDigits = 51;
    if (position == kDataDigits) return SymbolSet{1} | (SymbolSet{1} << 16);  // 'q' or 's'
    if (position > kDataDigits) return all_below(32);
    BigNat hi = prime_minus_one_under(0);
    hi.divide(2);
    return digit_support(BigNat{}, hi, 32, kDataDigits - 1 - position);
}

// p2pkh, given z leading zero bytes of N: '1' x z, then base58(N) with N in
// [2^(184-8z), 2^(192-8z)), restricted to the values with free_length - z digits.
SymbolSet p2pkh_support_with_zeros(int z, int position, int free_length) {
    constexpr int kBytes = 24;
    if (z == kBytes) return free_length == kBytes ? SymbolSet{1} : 0;  // N = 0
    const int digits = free_length - z;
    if (digits < 1) return 0;
    BigNat lo = BigNat::power_of_two(8 * (kBytes - 1 - z));
    BigNat hi = minus_one(BigNat::power_of_two(8 * (kBytes - z)));
    const BigNat digits_lo = BigNat::power(58, digits - 1);
    const BigNat digits_hi = minus_one(BigNat::power(58, digits));
    if (compare(lo, digits_lo) < 0) lo = digits_lo;
    if (compare(hi, digits_hi) > 0) hi = digits_hi;
    if (compare(lo, hi) > 0) return 0;
    if (position < z) return SymbolSet{1};  // a leading zero byte is written '1'
    return digit_support(lo, hi, 58, digits - 1 - (position - z));
}

SymbolSet p2pkh_support(int position, int free_length) {
    SymbolSet set = 0;
    for (int z = 0; z <= 24; ++z) set |= p2pkh_support_with_zeros(z, position, free_length);
    return set;
}

// Every (length, position) support of one format, computed once: the big-integer work takes
// milliseconds and parse_pattern asks for whole tables.
using SupportTable = std::array<std::array<SymbolSet, kMaxFreeLength>, kMaxFreeLength + 1>;

SupportTable build_support_table(KeyFormat format) {
    SupportTable table{};
    const FormatInfo& info = format_info(format);
    for (int length = 1; length <= info.free_max_length; ++length) {
        for (int position = 0; position < length; ++position) {
            SymbolSet& set = table[length][position];
            switch (format) {
            case KeyFormat::DidKey:
                set = length == info.free_max_length ? didkey_support(position) : 0;
                break;
            case KeyFormat::Npub: set = length == info.free_max_length ? npub_support(position) : 0; break;
            case KeyFormat::Eth:
                set = length == info.free_max_length
                          ? all_below(static_cast<std::uint32_t>(info.symbols.size()))
                          : 0;
                break;
            case KeyFormat::P2pkh: set = p2pkh_support(position, length); break;
            }
        }
    }
    return table;
}

const SupportTable& support_table(KeyFormat format) {
    static const std::array<SupportTable, kFormatCount> tables = [] {
        std::array<SupportTable, kFormatCount> all{};
        for (const FormatInfo& info : kFormats) all[static_cast<int>(info.id)] = build_support_table(info.id);
        return all;
    }();
    return tables[static_cast<int>(format)];
}

}  // namespace

SymbolSet free_position_support(KeyFormat format, int position, int free_length) {
    if (position < 0 || position >= free_length || free_length > kMaxFreeLength) return 0;
    return support_table(format)[free_length][position];
}

bool free_length_possible(KeyFormat format, int free_length) {
    return free_length >= 1 && free_position_support(format, 0, free_length) != 0;
}

}  // namespace vanikeys
