// Fe32: an element of GF(p), p = 2^256 - 2^32 - 977, as eight 32-bit limbs: the GPU
// representation. All carry handling goes through carry32.h (PTX carry chains on the device, the
// same contracts in C++ on the host), so the CPU tests run exactly the algorithm the GPU runs.
// The interface and its invariant are documented in field.h.
#pragma once

#include <cstdint>

#include "engine/core/hd.h"
#include "engine/secp/carry32.h"
#include "engine/secp/field_pow.h"

namespace vanikeys::secp {

struct Fe32 {
    std::uint32_t n[8]; // little-endian limbs; any 256-bit value is valid (see field.h)

    VANIKEYS_HD static constexpr Fe32 zero() { return Fe32{{0, 0, 0, 0, 0, 0, 0, 0}}; }
    VANIKEYS_HD static constexpr Fe32 one() { return Fe32{{1, 0, 0, 0, 0, 0, 0, 0}}; }
    VANIKEYS_HD static constexpr Fe32 from_u64(std::uint64_t v) {
        return Fe32{{static_cast<std::uint32_t>(v), static_cast<std::uint32_t>(v >> 32), 0, 0, 0, 0, 0, 0}};
    }
    VANIKEYS_HD static constexpr Fe32 from_words_be(std::uint64_t w3, std::uint64_t w2,
                                                    std::uint64_t w1, std::uint64_t w0) {
        return Fe32{{static_cast<std::uint32_t>(w0), static_cast<std::uint32_t>(w0 >> 32),
                     static_cast<std::uint32_t>(w1), static_cast<std::uint32_t>(w1 >> 32),
                     static_cast<std::uint32_t>(w2), static_cast<std::uint32_t>(w2 >> 32),
                     static_cast<std::uint32_t>(w3), static_cast<std::uint32_t>(w3 >> 32)}};
    }
    VANIKEYS_HD static Fe32 from_bytes_be(const std::uint8_t* bytes32);
    VANIKEYS_HD void to_bytes_be(std::uint8_t* bytes32) const;

    VANIKEYS_HD Fe32 sqr() const;
    VANIKEYS_HD Fe32 mul_small(std::uint32_t k) const;
    VANIKEYS_HD Fe32 normalized() const;
    VANIKEYS_HD bool is_zero() const;
    VANIKEYS_HD bool is_odd() const { return (normalized().n[0] & 1) != 0; }
    VANIKEYS_HD Fe32 inv_var() const { return pow_p_minus_2(*this); }
    VANIKEYS_HD bool sqrt_var(Fe32& out) const;
};

namespace fe32_detail {
using namespace carry32;

// 2^256 mod p = 2^32 + 977: folding a limb w above 2^256 adds w*977 at its position and w one
// limb higher.
inline constexpr std::uint32_t kFoldLow = 977;

// r += carry * (2^256 mod p) for carry in {0, 1}; returns the carry out of 2^256.
VANIKEYS_HD_HOT std::uint32_t add_fold(Fe32& r, std::uint32_t carry) {
    CarryChain cc;
    r.n[0] = add_cc(r.n[0], carry * kFoldLow, cc);
    r.n[1] = addc_cc(r.n[1], carry, cc);
VANIKEYS_SECP_UNROLL
    for (int i = 2; i < 8; ++i) r.n[i] = addc_cc(r.n[i], 0, cc);
    return addc(0, 0, cc);
}

// r -= borrow * (2^256 mod p) for borrow in {0, 1}; returns the borrow out.
VANIKEYS_HD_HOT std::uint32_t sub_fold(Fe32& r, std::uint32_t borrow) {
    CarryChain cc;
    r.n[0] = sub_cc(r.n[0], borrow * kFoldLow, cc);
    r.n[1] = subc_cc(r.n[1], borrow, cc);
VANIKEYS_SECP_UNROLL
    for (int i = 2; i < 8; ++i) r.n[i] = subc_cc(r.n[i], 0, cc);
    return 0 - subc(0, 0, cc); // subc gives 0 or 0xffffffff
}

// The 512-bit t[0..15] reduced below 2^256 (mod p).
VANIKEYS_HD_HOT Fe32 reduce_512(const std::uint32_t t[16]) {
    Fe32 r;
    std::uint32_t top;
    {   // r = t_lo + t_hi * 977 (lower halves of the products, then the upper halves)
        CarryChain cc;
        r.n[0] = mad_lo_cc(t[8], kFoldLow, t[0], cc);
VANIKEYS_SECP_UNROLL
        for (int i = 1; i < 8; ++i) r.n[i] = madc_lo_cc(t[8 + i], kFoldLow, t[i], cc);
        top = addc(0, 0, cc);
    }
    {
        CarryChain cc;
        r.n[1] = mad_hi_cc(t[8], kFoldLow, r.n[1], cc);
VANIKEYS_SECP_UNROLL
        for (int i = 2; i < 8; ++i) r.n[i] = madc_hi_cc(t[7 + i], kFoldLow, r.n[i], cc);
        top = madc_hi(t[15], kFoldLow, top, cc); // < 979: cannot overflow
    }
    std::uint32_t top2;
    {   // += t_hi * 2^32
        CarryChain cc;
        r.n[1] = add_cc(r.n[1], t[8], cc);
VANIKEYS_SECP_UNROLL
        for (int i = 2; i < 8; ++i) r.n[i] = addc_cc(r.n[i], t[7 + i], cc);
        top = addc_cc(top, t[15], cc);
        top2 = addc(0, 0, cc);
    }
    // Fold h = top + top2*2^32 (< 2^33) once more: h*(2^32 + 977) adds lo(top*977) at limb 0,
    // hi(top*977) + top2*977 + top at limb 1 (33 bits: the excess goes to limb 2) and top2 at
    // limb 2.
    const std::uint32_t low0 = mul_lo(top, kFoldLow);
    const std::uint32_t mid = mul_hi(top, kFoldLow) + top2 * kFoldLow; // < 2^11
    std::uint32_t limb1, limb2;
    {
        CarryChain cc;
        limb1 = add_cc(mid, top, cc);
        limb2 = addc(top2, 0, cc);
    }
    std::uint32_t carry;
    {
        CarryChain cc;
        r.n[0] = add_cc(r.n[0], low0, cc);
        r.n[1] = addc_cc(r.n[1], limb1, cc);
        r.n[2] = addc_cc(r.n[2], limb2, cc);
VANIKEYS_SECP_UNROLL
        for (int i = 3; i < 8; ++i) r.n[i] = addc_cc(r.n[i], 0, cc);
        carry = addc(0, 0, cc);
    }
    // A carry means the sum wrapped to below 2^67; one more fold cannot carry out.
    add_fold(r, carry);
    return r;
}

} // namespace fe32_detail

VANIKEYS_HD_HOT Fe32 operator+(const Fe32& a, const Fe32& b) {
    using namespace carry32;
    Fe32 r;
    std::uint32_t carry;
    {
        CarryChain cc;
        r.n[0] = add_cc(a.n[0], b.n[0], cc);
VANIKEYS_SECP_UNROLL
        for (int i = 1; i < 8; ++i) r.n[i] = addc_cc(a.n[i], b.n[i], cc);
        carry = addc(0, 0, cc);
    }
    // After one fold the value can wrap again only to below 2^33; a second fold then fits.
    carry = fe32_detail::add_fold(r, carry);
    fe32_detail::add_fold(r, carry);
    return r;
}

VANIKEYS_HD_HOT Fe32 operator-(const Fe32& a, const Fe32& b) {
    using namespace carry32;
    Fe32 r;
    std::uint32_t borrow;
    {
        CarryChain cc;
        r.n[0] = sub_cc(a.n[0], b.n[0], cc);
VANIKEYS_SECP_UNROLL
        for (int i = 1; i < 8; ++i) r.n[i] = subc_cc(a.n[i], b.n[i], cc);
        borrow = 0 - subc(0, 0, cc);
    }
    // As in Fe64: a borrow left (2^256 mod p) too much; removing it borrows at most once more.
    borrow = fe32_detail::sub_fold(r, borrow);
    fe32_detail::sub_fold(r, borrow);
    return r;
}

VANIKEYS_HD_HOT Fe32 operator-(const Fe32& a) { return Fe32::zero() - a; }

VANIKEYS_HD_HOT Fe32 operator*(const Fe32& a, const Fe32& b) {
    using namespace carry32;
    // Operand scanning: row i adds a * b[i] at limb i, lower halves of the products in one
    // chain, upper halves in the next. The running sum stays below 2^(32*(i+9)), so the last
    // madc_hi of a row cannot overflow.
    std::uint32_t t[16];
VANIKEYS_SECP_UNROLL
    for (int k = 0; k < 16; ++k) t[k] = 0;
VANIKEYS_SECP_UNROLL
    for (int i = 0; i < 8; ++i) {
        {
            CarryChain cc;
            t[i] = mad_lo_cc(a.n[0], b.n[i], t[i], cc);
VANIKEYS_SECP_UNROLL
            for (int j = 1; j < 8; ++j) t[i + j] = madc_lo_cc(a.n[j], b.n[i], t[i + j], cc);
            t[i + 8] = addc(0, 0, cc);
        }
        {
            CarryChain cc;
            t[i + 1] = mad_hi_cc(a.n[0], b.n[i], t[i + 1], cc);
VANIKEYS_SECP_UNROLL
            for (int j = 1; j < 7; ++j) t[i + j + 1] = madc_hi_cc(a.n[j], b.n[i], t[i + j + 1], cc);
            t[i + 8] = madc_hi(a.n[7], b.n[i], t[i + 8], cc);
        }
    }
    return fe32_detail::reduce_512(t);
}

VANIKEYS_HD_HOT Fe32 Fe32::sqr() const {
    using namespace carry32;
    // Off-diagonal products a[i]*a[j] (i < j) once, as in operator*; then doubled; then the
    // squares a[i]^2 added on the diagonal.
    std::uint32_t t[16];
VANIKEYS_SECP_UNROLL
    for (int k = 0; k < 16; ++k) t[k] = 0;
VANIKEYS_SECP_UNROLL
    for (int i = 0; i < 7; ++i) {
        {
            CarryChain cc;
            t[2 * i + 1] = mad_lo_cc(n[i + 1], n[i], t[2 * i + 1], cc);
VANIKEYS_SECP_UNROLL
            for (int j = i + 2; j < 8; ++j) t[i + j] = madc_lo_cc(n[j], n[i], t[i + j], cc);
            t[i + 8] = addc(0, 0, cc);
        }
        // As in operator*, the running sum fits t[0 .. i+8], so the hi chain ends without a carry.
        if (i < 6) {
            CarryChain cc;
            t[2 * i + 2] = mad_hi_cc(n[i + 1], n[i], t[2 * i + 2], cc);
VANIKEYS_SECP_UNROLL
            for (int j = i + 2; j < 7; ++j) t[i + j + 1] = madc_hi_cc(n[j], n[i], t[i + j + 1], cc);
            t[i + 8] = madc_hi(n[7], n[i], t[i + 8], cc);
        } else {
            t[14] += mul_hi(n[7], n[6]);
        }
    }
    t[15] = t[14] >> 31;
VANIKEYS_SECP_UNROLL
    for (int k = 14; k > 0; --k) t[k] = (t[k] << 1) | (t[k - 1] >> 31);
    {
        CarryChain cc;
        t[0] = mad_lo_cc(n[0], n[0], t[0], cc);
        t[1] = madc_hi_cc(n[0], n[0], t[1], cc);
VANIKEYS_SECP_UNROLL
        for (int i = 1; i < 7; ++i) {
            t[2 * i] = madc_lo_cc(n[i], n[i], t[2 * i], cc);
            t[2 * i + 1] = madc_hi_cc(n[i], n[i], t[2 * i + 1], cc);
        }
        t[14] = madc_lo_cc(n[7], n[7], t[14], cc);
        t[15] = madc_hi(n[7], n[7], t[15], cc);
    }
    return fe32_detail::reduce_512(t);
}

VANIKEYS_HD_HOT Fe32 Fe32::mul_small(std::uint32_t k) const {
    using namespace carry32;
    Fe32 r;
    std::uint32_t top;
    {
        CarryChain cc;
        r.n[0] = mul_lo(n[0], k);
        r.n[1] = mad_hi_cc(n[0], k, mul_lo(n[1], k), cc);
VANIKEYS_SECP_UNROLL
        for (int i = 2; i < 8; ++i) r.n[i] = madc_hi_cc(n[i - 1], k, mul_lo(n[i], k), cc);
        top = madc_hi(n[7], k, 0, cc);
    }
    // top*(2^32 + 977) = lo(top*977) at limb 0, hi(top*977) + top at limb 1 (may carry).
    std::uint32_t carry;
    {
        CarryChain cc;
        r.n[0] = add_cc(r.n[0], mul_lo(top, fe32_detail::kFoldLow), cc);
        r.n[1] = addc_cc(r.n[1], mul_hi(top, fe32_detail::kFoldLow), cc);
        r.n[2] = addc_cc(r.n[2], 0, cc);
VANIKEYS_SECP_UNROLL
        for (int i = 3; i < 8; ++i) r.n[i] = addc_cc(r.n[i], 0, cc);
        carry = addc(0, 0, cc);
    }
    {
        CarryChain cc;
        r.n[1] = add_cc(r.n[1], top, cc);
VANIKEYS_SECP_UNROLL
        for (int i = 2; i < 8; ++i) r.n[i] = addc_cc(r.n[i], 0, cc);
        carry += addc(0, 0, cc);
    }
    // The two carries cannot both occur (the total is below 2^256 + 2^65); a wrapped sum is
    // tiny, so one fold finishes.
    fe32_detail::add_fold(r, carry);
    return r;
}

VANIKEYS_HD_HOT Fe32 Fe32::normalized() const {
    using namespace carry32;
    // a >= p exactly when a + (2^256 - p) carries out; then the wrapped sum is a - p.
    Fe32 t = *this;
    const std::uint32_t take_t = 0 - fe32_detail::add_fold(t, 1);
    Fe32 r;
VANIKEYS_SECP_UNROLL
    for (int i = 0; i < 8; ++i) r.n[i] = (t.n[i] & take_t) | (n[i] & ~take_t);
    return r;
}

VANIKEYS_HD_HOT bool Fe32::is_zero() const {
    const Fe32 c = normalized();
    std::uint32_t any = 0;
VANIKEYS_SECP_UNROLL
    for (int i = 0; i < 8; ++i) any |= c.n[i];
    return any == 0;
}

VANIKEYS_HD_HOT bool operator==(const Fe32& a, const Fe32& b) {
    const Fe32 x = a.normalized();
    const Fe32 y = b.normalized();
    std::uint32_t diff = 0;
VANIKEYS_SECP_UNROLL
    for (int i = 0; i < 8; ++i) diff |= x.n[i] ^ y.n[i];
    return diff == 0;
}
VANIKEYS_HD_HOT bool operator!=(const Fe32& a, const Fe32& b) { return !(a == b); }

VANIKEYS_HD Fe32 Fe32::from_bytes_be(const std::uint8_t* bytes32) {
    Fe32 r;
    for (int i = 0; i < 8; ++i) {
        const std::uint8_t* p = bytes32 + (7 - i) * 4;
        r.n[i] = (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) |
                 (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]};
    }
    return r;
}

VANIKEYS_HD void Fe32::to_bytes_be(std::uint8_t* bytes32) const {
    const Fe32 c = normalized();
    for (int i = 0; i < 8; ++i) {
        std::uint8_t* p = bytes32 + (7 - i) * 4;
        p[0] = static_cast<std::uint8_t>(c.n[i] >> 24);
        p[1] = static_cast<std::uint8_t>(c.n[i] >> 16);
        p[2] = static_cast<std::uint8_t>(c.n[i] >> 8);
        p[3] = static_cast<std::uint8_t>(c.n[i]);
    }
}

VANIKEYS_HD bool Fe32::sqrt_var(Fe32& out) const {
    out = pow_sqrt_candidate(*this);
    return out.sqr() == *this;
}

} // namespace vanikeys::secp
