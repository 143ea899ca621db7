// Base58 with Bitcoin's alphabet: host string encode/decode and base58check, and the hot-path
// conversion of a fixed-size big-endian number into base58 digit values (host and device)
// that the matchers read instead of strings.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/core/hd.h"
#include "engine/hash/unroll.h"

namespace vanikeys::encoding {

inline constexpr std::string_view kBase58Alphabet =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

// Bitcoin's base58: each leading zero byte becomes a '1', the rest is the big-endian number in
// base 58 without leading zeros. Empty in, empty out.
std::string base58_encode(std::span<const std::uint8_t> data);

// The inverse of base58_encode; nullopt for any character outside the alphabet (white space
// included: the string must be exactly an encoding).
std::optional<std::vector<std::uint8_t>> base58_decode(std::string_view text);

// base58check: payload || the first 4 bytes of SHA-256d(payload), base58-encoded.
std::string base58check_encode(std::span<const std::uint8_t> payload);

// The payload of a base58check string; nullopt when it does not decode, is shorter than the
// checksum, or the checksum does not match.
std::optional<std::vector<std::uint8_t>> base58check_decode(std::string_view text);

namespace base58_detail {

VANIKEYS_HD constexpr std::uint64_t pow58(int n) {
    std::uint64_t p = 1;
    for (int i = 0; i < n; ++i) p *= 58;
    return p;
}

// How base58_digits<kBytes, kDigits> converts: the input as 32-bit limbs x_i (least
// significant first) is sum x_i * 2^(32 i); each 2^(32 i) is written once, at compile time, in
// radix R = 58^kDigitsPerLimb, so the digits in radix R are sums of products x_i * T[i][j]
// accumulated in 64 bits, then carried, then split into kDigitsPerLimb base58 digits each.
template <int kBytes, int kDigits>
struct Plan {
    static constexpr int kLimbs = (kBytes + 3) / 4;

    // The largest value input limb i can hold (the top limb may have fewer than 4 bytes).
    static constexpr std::uint64_t max_limb(int i) {
        const int bytes = i < kLimbs - 1 ? 4 : kBytes - 4 * (kLimbs - 1);
        return (std::uint64_t{1} << (8 * bytes)) - 1;
    }

    struct Table {
        std::uint64_t t[kLimbs][(kDigits + 3) / 4];  // sized for the smaller radix (4 digits)
    };

    static constexpr Table make_table(int digits_per_limb) {
        constexpr int kMaxOut = (kDigits + 3) / 4;
        const int out_limbs = (kDigits + digits_per_limb - 1) / digits_per_limb;
        const std::uint64_t radix = pow58(digits_per_limb);
        Table table{};
        std::uint64_t power[kMaxOut] = {1};  // 2^(32 i) mod radix^out_limbs, in radix digits
        for (int i = 0; i < kLimbs; ++i) {
            for (int j = 0; j < out_limbs; ++j) table.t[i][j] = power[j];
            std::uint64_t carry = 0;
            for (int j = 0; j < out_limbs; ++j) {
                const std::uint64_t v = (power[j] << 32) + carry;  // power[j] < 2^30: no overflow
                power[j] = v % radix;
                carry = v / radix;
            }
        }
        return table;
    }

    // True when no radix-58^digits_per_limb column sum (plus the carry into it) can exceed
    // 64 bits for any input.
    static constexpr bool fits(int digits_per_limb) {
        const Table table = make_table(digits_per_limb);
        const int out_limbs = (kDigits + digits_per_limb - 1) / digits_per_limb;
        const std::uint64_t radix = pow58(digits_per_limb);
        const std::uint64_t max = ~std::uint64_t{0};
        std::uint64_t carry = 0;
        for (int j = 0; j < out_limbs; ++j) {
            std::uint64_t sum = carry;
            for (int i = 0; i < kLimbs; ++i) {
                const std::uint64_t term = max_limb(i) * table.t[i][j];  // < 2^32 * 2^30
                if (sum > max - term) return false;
                sum += term;
            }
            carry = sum / radix;
        }
        return true;
    }

    // Five digits per 64-bit column when that cannot overflow (fewer columns and carries).
    static constexpr int kDigitsPerLimb = fits(5) ? 5 : 4;
    static constexpr std::uint64_t kRadix = pow58(kDigitsPerLimb);
    static constexpr int kOutLimbs = (kDigits + kDigitsPerLimb - 1) / kDigitsPerLimb;
    static constexpr Table kTable = make_table(kDigitsPerLimb);
    static_assert(fits(kDigitsPerLimb), "base58_digits: a column can overflow 64 bits");
};

template <class P, int K>
VANIKEYS_HD_HOT void accumulate(std::uint64_t acc[], const std::uint32_t limb[]) {
    constexpr int i = K / P::kOutLimbs, j = K % P::kOutLimbs;
    constexpr std::uint64_t t = P::kTable.t[i][j];
    if constexpr (t == 1) acc[j] += limb[i];
    else if constexpr (t != 0) acc[j] += std::uint64_t{limb[i]} * t;
}

template <class P, int... K>
VANIKEYS_HD_HOT void accumulate_all(std::uint64_t acc[], const std::uint32_t limb[],
                                    std::integer_sequence<int, K...>) {
    (accumulate<P, K>(acc, limb), ...);
}

} // namespace base58_detail

// The value of the kBytes big-endian bytes at big_endian as exactly kDigits base58 digit
// values (0..57, most significant first, leading zero digits kept): the hot-path form of a
// base58 string (did:key: 35 bytes -> 48 digits; P2PKH: 25 bytes -> 34 digits).
// On input, the value must be below 58^kDigits; otherwise the digits are those of the value
// modulo 58^kDigits. On output, digits[0..kDigits) hold the digits.
template <int kBytes, int kDigits>
VANIKEYS_HD void base58_digits(const std::uint8_t* big_endian, std::uint8_t* digits) {
    using P = base58_detail::Plan<kBytes, kDigits>;
    std::uint32_t limb[P::kLimbs];
    VANIKEYS_UNROLL
    for (int i = 0; i < P::kLimbs; ++i) {
        std::uint32_t v = 0;
        VANIKEYS_UNROLL
        for (int b = 3; b >= 0; --b) {
            const int index = kBytes - 1 - (4 * i + b);  // byte 4i + b from the least significant
            if (index >= 0) v = (v << 8) | big_endian[index];
        }
        limb[i] = v;
    }
    std::uint64_t acc[P::kOutLimbs];
    VANIKEYS_UNROLL
    for (int j = 0; j < P::kOutLimbs; ++j) acc[j] = 0;
    base58_detail::accumulate_all<P>(acc, limb, std::make_integer_sequence<int, P::kLimbs * P::kOutLimbs>{});

    std::uint64_t carry = 0;
    VANIKEYS_UNROLL
    for (int j = 0; j < P::kOutLimbs; ++j) {
        const std::uint64_t column = acc[j] + carry;
        carry = column / P::kRadix;
        std::uint32_t rest = static_cast<std::uint32_t>(column - carry * P::kRadix);
        VANIKEYS_UNROLL
        for (int d = 0; d < P::kDigitsPerLimb; ++d) {
            const int position = j * P::kDigitsPerLimb + d;  // from the least significant digit
            if (position < kDigits) {
                const std::uint32_t quotient = rest / 58;
                digits[kDigits - 1 - position] = static_cast<std::uint8_t>(rest - quotient * 58);
                rest = quotient;
            }
        }
    }
}

} // namespace vanikeys::encoding
