// Fixed-width unsigned integers for the estimate's exact counting: ranges of encoded values
// (up to ~2^281 for did:key), digit counts and products of set sizes. Host only, variable time.
#pragma once

#include <array>
#include <bit>
#include <cmath>
#include <compare>
#include <cstdint>
#include <string_view>

#include "engine/core/hd.h"

namespace vanikeys {

__extension__ typedef unsigned __int128 EstimateU128;

// An unsigned integer of Limbs x 64 bits, little-endian limbs. Arithmetic never wraps in
// correct use: every caller stays far below 2^(64 * Limbs) (checked under VANIKEYS_VERIFY).
template <int Limbs>
class BigUint {
public:
    static constexpr int kBits = 64 * Limbs;

    constexpr BigUint() = default;
    constexpr explicit BigUint(std::uint64_t value) { limbs_[0] = value; }

    // 2^exponent. On input, 0 <= exponent < kBits.
    static constexpr BigUint power_of_two(int exponent) {
        BigUint r;
        r.limbs_[exponent / 64] = std::uint64_t{1} << (exponent % 64);
        return r;
    }

    // base^exponent. On input, the result fits.
    static constexpr BigUint power(std::uint64_t base, int exponent) {
        BigUint r(1);
        for (int i = 0; i < exponent; ++i) r *= base;
        return r;
    }

    // The number written in hex digits (no prefix; spaces ignored). On input, it fits and
    // contains only hex digits and spaces.
    static constexpr BigUint from_hex(std::string_view hex) {
        BigUint r;
        for (char c : hex) {
            if (c == ' ') continue;
            const int v = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
            r *= 16;
            r += BigUint(static_cast<std::uint64_t>(v));
        }
        return r;
    }

    [[nodiscard]] constexpr bool is_zero() const {
        for (std::uint64_t limb : limbs_)
            if (limb != 0) return false;
        return true;
    }

    [[nodiscard]] constexpr std::uint64_t limb(int i) const { return limbs_[i]; }

    // Number of significant bits (0 for zero).
    [[nodiscard]] constexpr int bit_length() const {
        for (int i = Limbs - 1; i >= 0; --i)
            if (limbs_[i] != 0) return 64 * i + 64 - std::countl_zero(limbs_[i]);
        return 0;
    }

    friend constexpr std::strong_ordering operator<=>(const BigUint& a, const BigUint& b) {
        for (int i = Limbs - 1; i >= 0; --i)
            if (a.limbs_[i] != b.limbs_[i]) return a.limbs_[i] <=> b.limbs_[i];
        return std::strong_ordering::equal;
    }
    friend constexpr bool operator==(const BigUint& a, const BigUint& b) = default;

    constexpr BigUint& operator+=(const BigUint& other) {
        std::uint64_t carry = 0;
        for (int i = 0; i < Limbs; ++i) {
            const EstimateU128 sum = EstimateU128{limbs_[i]} + other.limbs_[i] + carry;
            limbs_[i] = static_cast<std::uint64_t>(sum);
            carry = static_cast<std::uint64_t>(sum >> 64);
        }
        VANIKEYS_VERIFY_CHECK(carry == 0);
        return *this;
    }

    // On input, *this >= other.
    constexpr BigUint& operator-=(const BigUint& other) {
        std::uint64_t borrow = 0;
        for (int i = 0; i < Limbs; ++i) {
            const EstimateU128 diff = EstimateU128{limbs_[i]} - other.limbs_[i] - borrow;
            limbs_[i] = static_cast<std::uint64_t>(diff);
            borrow = static_cast<std::uint64_t>(diff >> 64) != 0 ? 1 : 0;
        }
        VANIKEYS_VERIFY_CHECK(borrow == 0);
        return *this;
    }

    constexpr BigUint& operator*=(std::uint64_t factor) {
        std::uint64_t carry = 0;
        for (int i = 0; i < Limbs; ++i) {
            const EstimateU128 product = EstimateU128{limbs_[i]} * factor + carry;
            limbs_[i] = static_cast<std::uint64_t>(product);
            carry = static_cast<std::uint64_t>(product >> 64);
        }
        VANIKEYS_VERIFY_CHECK(carry == 0);
        return *this;
    }

    // Full product. On input, the result fits.
    constexpr BigUint& operator*=(const BigUint& other) {
        BigUint result;
        for (int j = 0; j < Limbs; ++j) {
            if (other.limbs_[j] == 0) continue;
            BigUint partial = *this;
            partial *= other.limbs_[j];
            result += partial.shifted_left_limbs(j);
        }
        *this = result;
        return *this;
    }

    friend constexpr BigUint operator+(BigUint a, const BigUint& b) { return a += b; }
    friend constexpr BigUint operator-(BigUint a, const BigUint& b) { return a -= b; }
    friend constexpr BigUint operator*(BigUint a, std::uint64_t b) { return a *= b; }
    friend constexpr BigUint operator*(BigUint a, const BigUint& b) { return a *= b; }

    // *this = floor(*this / divisor); returns the remainder. On input, divisor != 0.
    constexpr std::uint64_t divide_small(std::uint64_t divisor) {
        std::uint64_t remainder = 0;
        for (int i = Limbs - 1; i >= 0; --i) {
            const EstimateU128 current = (EstimateU128{remainder} << 64) | limbs_[i];
            limbs_[i] = static_cast<std::uint64_t>(current / divisor);
            remainder = static_cast<std::uint64_t>(current % divisor);
        }
        return remainder;
    }

    // floor(*this / divisor^count), the divisor applied `count` times.
    [[nodiscard]] constexpr BigUint divided_by_power(std::uint64_t divisor, int count) const {
        BigUint q = *this;
        for (int i = 0; i < count; ++i) q.divide_small(divisor);
        return q;
    }

    // The nearest double (within one unit in the last place: the top 64 bits are rounded once
    // by the conversion, the rest truncated), for converting exact counts at the very end.
    [[nodiscard]] double to_double() const {
        const int bits = bit_length();
        if (bits <= 64) return static_cast<double>(limbs_[0]);
        const int shift = bits - 64;
        std::uint64_t top = limbs_[shift / 64] >> (shift % 64);
        if (shift % 64 != 0 && shift / 64 + 1 < Limbs)
            top |= limbs_[shift / 64 + 1] << (64 - shift % 64);
        return std::ldexp(static_cast<double>(top), shift);
    }

private:
    [[nodiscard]] constexpr BigUint shifted_left_limbs(int count) const {
        BigUint r;
        for (int i = Limbs - 1; i >= count; --i) r.limbs_[i] = limbs_[i - count];
        VANIKEYS_VERIFY_CHECK(count == 0 || bit_length() <= 64 * (Limbs - count));
        return r;
    }

    std::array<std::uint64_t, Limbs> limbs_{};
};

// The width the estimate counts in: the largest count is a did:key range (~2^258) times a
// product of set sizes of checksum symbols, far below 2^384.
using ExactCount = BigUint<6>;

} // namespace vanikeys
