// Scalar: an integer mod n, the order of secp256k1's group, as four 64-bit limbs. It serves
// tables, tests and public offsets (which multiple of G a thread starts at, which endomorphism
// hit); secret keys are derived with libsecp256k1's constant-time functions instead.
#pragma once

#include <cstdint>

#include "engine/core/hd.h"
#include "engine/secp/curve_constants.h"

namespace vanikeys::secp {

namespace scalar_detail {
__extension__ typedef unsigned __int128 u128;

// 2^256 - n (129 bits): folding limbs above 2^256 multiplies them by this.
inline constexpr std::uint64_t kNc0 = 0x402DA1732FC9BEBFULL;
inline constexpr std::uint64_t kNc1 = 0x4551231950B75FC4ULL;
inline constexpr std::uint64_t kNc2 = 1;
} // namespace scalar_detail

// Invariant: the value is always canonical (< n). No function branches on the value, but none
// is audited for constant time either; treat them as public-data arithmetic.
struct Scalar {
    std::uint64_t n[4]; // little-endian limbs

    VANIKEYS_HD static constexpr Scalar zero() { return Scalar{{0, 0, 0, 0}}; }
    VANIKEYS_HD static constexpr Scalar one() { return Scalar{{1, 0, 0, 0}}; }
    VANIKEYS_HD static constexpr Scalar from_u64(std::uint64_t v) { return Scalar{{v, 0, 0, 0}}; }
    // Precondition: the value is below n (it is meant for constants).
    VANIKEYS_HD static constexpr Scalar from_words_be(std::uint64_t w3, std::uint64_t w2,
                                                      std::uint64_t w1, std::uint64_t w0) {
        return Scalar{{w0, w1, w2, w3}};
    }
    // The endomorphism's eigenvalue: lambda * P = (beta * x, y); lambda^3 = 1 mod n.
    VANIKEYS_HD static constexpr Scalar lambda() { return from_words_be(VANIKEYS_SECP_LAMBDA); }
    VANIKEYS_HD static constexpr Scalar minus_one() {
        return from_words_be(0xFFFFFFFFFFFFFFFFULL, 0xFFFFFFFFFFFFFFFEULL, 0xBAAEDCE6AF48A03BULL,
                             0xBFD25E8CD0364140ULL);
    }

    // 32 big-endian bytes, reduced mod n. On output *overflow (if given) says whether the
    // value was >= n, so callers that need a valid secret key can reject it (together with
    // is_zero()).
    VANIKEYS_HD static Scalar from_bytes_be(const std::uint8_t* bytes32, bool* overflow = nullptr);
    VANIKEYS_HD void to_bytes_be(std::uint8_t* bytes32) const;

    VANIKEYS_HD bool is_zero() const { return (n[0] | n[1] | n[2] | n[3]) == 0; }
    // Bits [offset, offset + count) as an integer; count in 1..32, offset + count <= 256.
    VANIKEYS_HD std::uint32_t bits(int offset, int count) const;
};

namespace scalar_detail {

// Whether v < n, i.e. v + (2^256 - n) does not carry out of 256 bits.
VANIKEYS_HD bool is_canonical(const std::uint64_t v[4]) {
    u128 acc = static_cast<u128>(v[0]) + kNc0;
    acc = (acc >> 64) + v[1] + kNc1;
    acc = (acc >> 64) + v[2] + kNc2;
    acc = (acc >> 64) + v[3];
    return (acc >> 64) == 0;
}

// value (4 limbs) plus carry * 2^256, where the total is below 2n: the canonical residue.
VANIKEYS_HD_HOT Scalar reduce_once(const std::uint64_t v[4], std::uint64_t carry) {
    // v + (2^256 - n) carries out exactly when v >= n (given no incoming carry); with an
    // incoming carry the total already exceeds n and the wrapped sum is the answer.
    std::uint64_t t[4];
    u128 acc = static_cast<u128>(v[0]) + kNc0;
    t[0] = static_cast<std::uint64_t>(acc);
    acc = (acc >> 64) + v[1] + kNc1;
    t[1] = static_cast<std::uint64_t>(acc);
    acc = (acc >> 64) + v[2] + kNc2;
    t[2] = static_cast<std::uint64_t>(acc);
    acc = (acc >> 64) + v[3];
    t[3] = static_cast<std::uint64_t>(acc);
    const std::uint64_t take_t = 0 - ((static_cast<std::uint64_t>(acc >> 64) | carry) & 1);
    Scalar r;
    for (int i = 0; i < 4; ++i) r.n[i] = (t[i] & take_t) | (v[i] & ~take_t);
    VANIKEYS_VERIFY_CHECK(is_canonical(r.n));
    return r;
}

// acc[0 .. acc_len) += x[0 .. x_len) * (2^256 - n). The caller sizes acc so the sum fits.
VANIKEYS_HD void add_times_nc(std::uint64_t* acc, int acc_len, const std::uint64_t* x, int x_len) {
    const std::uint64_t nc[3] = {kNc0, kNc1, kNc2};
    for (int i = 0; i < x_len; ++i) {
        u128 carry = 0;
        for (int j = 0; j < 3; ++j) {
            carry += static_cast<u128>(x[i]) * nc[j] + acc[i + j];
            acc[i + j] = static_cast<std::uint64_t>(carry);
            carry >>= 64;
        }
        for (int k = i + 3; k < acc_len; ++k) {
            carry += acc[k];
            acc[k] = static_cast<std::uint64_t>(carry);
            carry >>= 64;
        }
    }
}

// The 512-bit t[0..7] mod n, folding the part above 2^256 with 2^256 = 2^256 - n (mod n).
VANIKEYS_HD Scalar reduce_512(const std::uint64_t t[8]) {
    // t_lo + t_hi * nc < 2^256 + 2^385: 7 limbs.
    std::uint64_t s[7] = {t[0], t[1], t[2], t[3], 0, 0, 0};
    add_times_nc(s, 7, t + 4, 4);
    // s_lo + s_hi * nc < 2^256 + 2^259: 5 limbs.
    std::uint64_t u[5] = {s[0], s[1], s[2], s[3], 0};
    add_times_nc(u, 5, s + 4, 3);
    // u_lo + u[4] * nc < 2^256 + 2^133: 4 limbs and a carry; then below 2n.
    std::uint64_t w[5] = {u[0], u[1], u[2], u[3], 0};
    add_times_nc(w, 5, u + 4, 1);
    return reduce_once(w, w[4]);
}

} // namespace scalar_detail

VANIKEYS_HD_HOT Scalar operator+(const Scalar& a, const Scalar& b) {
    using scalar_detail::u128;
    std::uint64_t s[4];
    u128 acc = 0;
    for (int i = 0; i < 4; ++i) {
        acc += static_cast<u128>(a.n[i]) + b.n[i];
        s[i] = static_cast<std::uint64_t>(acc);
        acc >>= 64;
    }
    return scalar_detail::reduce_once(s, static_cast<std::uint64_t>(acc));
}

VANIKEYS_HD_HOT Scalar operator-(const Scalar& a) {
    using scalar_detail::u128;
    // n - a, or 0 for a = 0 (n itself is not canonical).
    const std::uint64_t order[4] = {0xBFD25E8CD0364141ULL, 0xBAAEDCE6AF48A03BULL,
                                    0xFFFFFFFFFFFFFFFEULL, 0xFFFFFFFFFFFFFFFFULL};
    const std::uint64_t keep = 0 - static_cast<std::uint64_t>(!a.is_zero());
    Scalar r;
    std::uint64_t borrow = 0;
    for (int i = 0; i < 4; ++i) {
        const u128 d = static_cast<u128>(order[i]) - a.n[i] - borrow;
        r.n[i] = static_cast<std::uint64_t>(d) & keep;
        borrow = static_cast<std::uint64_t>(d >> 127);
    }
    return r;
}

VANIKEYS_HD_HOT Scalar operator-(const Scalar& a, const Scalar& b) { return a + (-b); }

VANIKEYS_HD Scalar operator*(const Scalar& a, const Scalar& b) {
    using scalar_detail::u128;
    std::uint64_t t[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (int i = 0; i < 4; ++i) {
        u128 acc = 0;
        for (int j = 0; j < 4; ++j) {
            acc += static_cast<u128>(a.n[i]) * b.n[j] + t[i + j];
            t[i + j] = static_cast<std::uint64_t>(acc);
            acc >>= 64;
        }
        t[i + 4] = static_cast<std::uint64_t>(acc);
    }
    return scalar_detail::reduce_512(t);
}

VANIKEYS_HD_HOT bool operator==(const Scalar& a, const Scalar& b) {
    return ((a.n[0] ^ b.n[0]) | (a.n[1] ^ b.n[1]) | (a.n[2] ^ b.n[2]) | (a.n[3] ^ b.n[3])) == 0;
}
VANIKEYS_HD_HOT bool operator!=(const Scalar& a, const Scalar& b) { return !(a == b); }

VANIKEYS_HD Scalar Scalar::from_bytes_be(const std::uint8_t* bytes32, bool* overflow) {
    std::uint64_t v[4];
    for (int i = 0; i < 4; ++i) {
        std::uint64_t limb = 0;
        for (int j = 0; j < 8; ++j) limb = (limb << 8) | bytes32[(3 - i) * 8 + j];
        v[i] = limb;
    }
    const Scalar r = scalar_detail::reduce_once(v, 0);
    if (overflow != nullptr) {
        *overflow = ((r.n[0] ^ v[0]) | (r.n[1] ^ v[1]) | (r.n[2] ^ v[2]) | (r.n[3] ^ v[3])) != 0;
    }
    return r;
}

VANIKEYS_HD void Scalar::to_bytes_be(std::uint8_t* bytes32) const {
    for (int i = 0; i < 4; ++i) {
        for (int j = 0; j < 8; ++j) {
            bytes32[(3 - i) * 8 + j] = static_cast<std::uint8_t>(n[i] >> (56 - 8 * j));
        }
    }
}

VANIKEYS_HD std::uint32_t Scalar::bits(int offset, int count) const {
    VANIKEYS_VERIFY_CHECK(count >= 1 && count <= 32 && offset >= 0 && offset + count <= 256);
    const int limb = offset >> 6;
    const int shift = offset & 63;
    std::uint64_t v = n[limb] >> shift;
    if (shift + count > 64) v |= n[limb + 1] << (64 - shift);
    return static_cast<std::uint32_t>(v & ((std::uint64_t{1} << count) - 1));
}

} // namespace vanikeys::secp
