// Fe64: an element of GF(p), p = 2^256 - 2^32 - 977, as four 64-bit limbs with 128-bit
// products: the CPU representation. The interface and its invariant are documented in field.h.
#pragma once

#include <cstdint>

#include "engine/core/hd.h"
#include "engine/secp/field_pow.h"

// x86-64 add-with-carry intrinsics for host compilers; nvcc (both passes: its front end does not
// know them) and other targets use portable __int128 bodies with identical results. Defining
// VANIKEYS_FE64_PORTABLE_CARRIES forces the portable bodies (the tests build both).
#if !defined(__CUDACC__) && !defined(VANIKEYS_FE64_PORTABLE_CARRIES) && defined(__x86_64__) && \
    (defined(__GNUC__) || defined(__clang__))
#include <x86intrin.h>
#define VANIKEYS_FE64_X86_INTRINSICS 1
#else
#define VANIKEYS_FE64_X86_INTRINSICS 0
#endif

namespace vanikeys::secp {

namespace fe64_detail {
__extension__ typedef unsigned __int128 u128;

// 2^256 mod p: folding the limbs above 2^256 is a multiplication by this 33-bit constant.
inline constexpr std::uint64_t kFold = 0x1000003D1ULL;

// out = a + b + carry_in; returns the carry out. GCC turns __int128 carry chains into poor code,
// hence the intrinsics where available (see above).
VANIKEYS_HD_HOT unsigned addc64(unsigned carry_in, std::uint64_t a, std::uint64_t b, std::uint64_t& out) {
#if VANIKEYS_FE64_X86_INTRINSICS
    unsigned long long r;
    const unsigned char c = _addcarry_u64(static_cast<unsigned char>(carry_in), a, b, &r);
    out = r;
    return c;
#else
    const u128 s = static_cast<u128>(a) + b + carry_in;
    out = static_cast<std::uint64_t>(s);
    return static_cast<unsigned>(s >> 64);
#endif
}

// out = a - b - borrow_in; returns the borrow out.
VANIKEYS_HD_HOT unsigned subb64(unsigned borrow_in, std::uint64_t a, std::uint64_t b, std::uint64_t& out) {
#if VANIKEYS_FE64_X86_INTRINSICS
    unsigned long long r;
    const unsigned char c = _subborrow_u64(static_cast<unsigned char>(borrow_in), a, b, &r);
    out = r;
    return c;
#else
    const u128 d = static_cast<u128>(a) - b - borrow_in;
    out = static_cast<std::uint64_t>(d);
    return static_cast<unsigned>(d >> 127);
#endif
}

} // namespace fe64_detail

struct Fe64 {
    std::uint64_t n[4]; // little-endian limbs; any 256-bit value is valid (see field.h)

    VANIKEYS_HD static constexpr Fe64 zero() { return Fe64{{0, 0, 0, 0}}; }
    VANIKEYS_HD static constexpr Fe64 one() { return Fe64{{1, 0, 0, 0}}; }
    VANIKEYS_HD static constexpr Fe64 from_u64(std::uint64_t v) { return Fe64{{v, 0, 0, 0}}; }
    // The value w3*2^192 + w2*2^128 + w1*2^64 + w0 (mod p), words written most significant first
    // so that constants read like their hex spelling.
    VANIKEYS_HD static constexpr Fe64 from_words_be(std::uint64_t w3, std::uint64_t w2,
                                                    std::uint64_t w1, std::uint64_t w0) {
        return Fe64{{w0, w1, w2, w3}};
    }
    VANIKEYS_HD static Fe64 from_bytes_be(const std::uint8_t* bytes32);
    VANIKEYS_HD void to_bytes_be(std::uint8_t* bytes32) const;

    VANIKEYS_HD Fe64 sqr() const;
    VANIKEYS_HD Fe64 mul_small(std::uint32_t k) const;
    VANIKEYS_HD Fe64 normalized() const;
    VANIKEYS_HD bool is_zero() const;
    VANIKEYS_HD bool is_odd() const { return (normalized().n[0] & 1) != 0; }
    VANIKEYS_HD Fe64 inv_var() const { return pow_p_minus_2(*this); }
    VANIKEYS_HD bool sqrt_var(Fe64& out) const;
};

namespace fe64_detail {

// r += carry * (2^256 mod p) for carry in {0, 1}; returns the carry out of 2^256.
VANIKEYS_HD_HOT unsigned add_fold(Fe64& r, unsigned carry) {
    unsigned c = addc64(0, r.n[0], (0 - std::uint64_t{carry}) & kFold, r.n[0]);
    c = addc64(c, r.n[1], 0, r.n[1]);
    c = addc64(c, r.n[2], 0, r.n[2]);
    return addc64(c, r.n[3], 0, r.n[3]);
}

// r -= borrow * (2^256 mod p) for borrow in {0, 1}; returns the borrow out.
VANIKEYS_HD_HOT unsigned sub_fold(Fe64& r, unsigned borrow) {
    unsigned b = subb64(0, r.n[0], (0 - std::uint64_t{borrow}) & kFold, r.n[0]);
    b = subb64(b, r.n[1], 0, r.n[1]);
    b = subb64(b, r.n[2], 0, r.n[2]);
    return subb64(b, r.n[3], 0, r.n[3]);
}

// The 512-bit t[0..7] reduced below 2^256 (mod p): t_lo + t_hi * (2^256 mod p), twice.
VANIKEYS_HD_HOT Fe64 reduce_512(const std::uint64_t t[8]) {
    Fe64 r;
    std::uint64_t hi[4];
    std::uint64_t lo[4];
    for (int i = 0; i < 4; ++i) {
        const u128 m = static_cast<u128>(t[4 + i]) * kFold;
        lo[i] = static_cast<std::uint64_t>(m);
        hi[i] = static_cast<std::uint64_t>(m >> 64); // < 2^33
    }
    unsigned c = addc64(0, t[0], lo[0], r.n[0]);
    c = addc64(c, t[1], lo[1], r.n[1]);
    c = addc64(c, t[2], lo[2], r.n[2]);
    c = addc64(c, t[3], lo[3], r.n[3]);
    std::uint64_t top = hi[3] + c;
    c = addc64(0, r.n[1], hi[0], r.n[1]);
    c = addc64(c, r.n[2], hi[1], r.n[2]);
    c = addc64(c, r.n[3], hi[2], r.n[3]);
    top += c; // < 2^34
    // Fold top * 2^256 once more; top * (2^256 mod p) < 2^67 spans two limbs.
    const u128 m = static_cast<u128>(top) * kFold;
    c = addc64(0, r.n[0], static_cast<std::uint64_t>(m), r.n[0]);
    c = addc64(c, r.n[1], static_cast<std::uint64_t>(m >> 64), r.n[1]);
    c = addc64(c, r.n[2], 0, r.n[2]);
    c = addc64(c, r.n[3], 0, r.n[3]);
    // A carry means the sum wrapped to below 2^67, so a last fold cannot carry out.
    add_fold(r, c);
    return r;
}

} // namespace fe64_detail

VANIKEYS_HD_HOT Fe64 operator+(const Fe64& a, const Fe64& b) {
    using fe64_detail::addc64;
    Fe64 r;
    unsigned c = addc64(0, a.n[0], b.n[0], r.n[0]);
    c = addc64(c, a.n[1], b.n[1], r.n[1]);
    c = addc64(c, a.n[2], b.n[2], r.n[2]);
    c = addc64(c, a.n[3], b.n[3], r.n[3]);
    // After one fold the value can wrap again only to below 2^33; then adding cannot carry.
    c = fe64_detail::add_fold(r, c);
    r.n[0] += (0 - std::uint64_t{c}) & fe64_detail::kFold;
    return r;
}

VANIKEYS_HD_HOT Fe64 operator-(const Fe64& a, const Fe64& b) {
    using fe64_detail::subb64;
    Fe64 r;
    unsigned borrow = subb64(0, a.n[0], b.n[0], r.n[0]);
    borrow = subb64(borrow, a.n[1], b.n[1], r.n[1]);
    borrow = subb64(borrow, a.n[2], b.n[2], r.n[2]);
    borrow = subb64(borrow, a.n[3], b.n[3], r.n[3]);
    // A borrow left a - b + 2^256, which is (2^256 mod p) too much. Taking that off can borrow
    // once more (only when a - b was near -2^256); then the value is near 2^256 and a second
    // subtraction cannot borrow.
    borrow = fe64_detail::sub_fold(r, borrow);
    fe64_detail::sub_fold(r, borrow);
    return r;
}

VANIKEYS_HD_HOT Fe64 operator-(const Fe64& a) { return Fe64::zero() - a; }

VANIKEYS_HD_HOT Fe64 operator*(const Fe64& a, const Fe64& b) {
    using fe64_detail::u128;
    // Operand scanning with a 128-bit accumulator per row: the compiler keeps each row in one
    // mul/add/adc chain (measured faster here than product scanning with explicit carries).
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
    return fe64_detail::reduce_512(t);
}

VANIKEYS_HD_HOT Fe64 Fe64::sqr() const {
    using fe64_detail::addc64;
    using fe64_detail::u128;
    // The six off-diagonal products once, doubled by a shift, then the four squares added on
    // the diagonal.
    std::uint64_t t[8];
    u128 acc = static_cast<u128>(n[0]) * n[1];
    t[1] = static_cast<std::uint64_t>(acc);
    acc = (acc >> 64) + static_cast<u128>(n[0]) * n[2];
    t[2] = static_cast<std::uint64_t>(acc);
    acc = (acc >> 64) + static_cast<u128>(n[0]) * n[3];
    t[3] = static_cast<std::uint64_t>(acc);
    t[4] = static_cast<std::uint64_t>(acc >> 64);
    acc = static_cast<u128>(n[1]) * n[2] + t[3];
    t[3] = static_cast<std::uint64_t>(acc);
    acc = (acc >> 64) + static_cast<u128>(n[1]) * n[3] + t[4];
    t[4] = static_cast<std::uint64_t>(acc);
    t[5] = static_cast<std::uint64_t>(acc >> 64);
    acc = static_cast<u128>(n[2]) * n[3] + t[5];
    t[5] = static_cast<std::uint64_t>(acc);
    t[6] = static_cast<std::uint64_t>(acc >> 64);

    // Doubling as an add-with-carry chain (a shift loop gets vectorized by GCC into SSE code
    // that goes through memory, several times slower once inlined into point formulas).
    unsigned d = addc64(0, t[1], t[1], t[1]);
    d = addc64(d, t[2], t[2], t[2]);
    d = addc64(d, t[3], t[3], t[3]);
    d = addc64(d, t[4], t[4], t[4]);
    d = addc64(d, t[5], t[5], t[5]);
    d = addc64(d, t[6], t[6], t[6]);
    t[7] = d;

    const u128 d0 = static_cast<u128>(n[0]) * n[0];
    const u128 d1 = static_cast<u128>(n[1]) * n[1];
    const u128 d2 = static_cast<u128>(n[2]) * n[2];
    const u128 d3 = static_cast<u128>(n[3]) * n[3];
    t[0] = static_cast<std::uint64_t>(d0);
    unsigned c = addc64(0, t[1], static_cast<std::uint64_t>(d0 >> 64), t[1]);
    c = addc64(c, t[2], static_cast<std::uint64_t>(d1), t[2]);
    c = addc64(c, t[3], static_cast<std::uint64_t>(d1 >> 64), t[3]);
    c = addc64(c, t[4], static_cast<std::uint64_t>(d2), t[4]);
    c = addc64(c, t[5], static_cast<std::uint64_t>(d2 >> 64), t[5]);
    c = addc64(c, t[6], static_cast<std::uint64_t>(d3), t[6]);
    addc64(c, t[7], static_cast<std::uint64_t>(d3 >> 64), t[7]); // no carry out: t < 2^512
    return fe64_detail::reduce_512(t);
}

VANIKEYS_HD_HOT Fe64 Fe64::mul_small(std::uint32_t k) const {
    using fe64_detail::addc64;
    using fe64_detail::u128;
    // x * k < 2^288: four limbs and a top word below 2^32, whose fold top * (2^256 mod p) < 2^65
    // spans two limbs.
    Fe64 r;
    std::uint64_t hi[4];
    for (int i = 0; i < 4; ++i) {
        const u128 m = static_cast<u128>(n[i]) * k;
        r.n[i] = static_cast<std::uint64_t>(m);
        hi[i] = static_cast<std::uint64_t>(m >> 64);
    }
    unsigned c = addc64(0, r.n[1], hi[0], r.n[1]);
    c = addc64(c, r.n[2], hi[1], r.n[2]);
    c = addc64(c, r.n[3], hi[2], r.n[3]);
    const u128 fold = static_cast<u128>(hi[3] + c) * fe64_detail::kFold;
    c = addc64(0, r.n[0], static_cast<std::uint64_t>(fold), r.n[0]);
    c = addc64(c, r.n[1], static_cast<std::uint64_t>(fold >> 64), r.n[1]);
    c = addc64(c, r.n[2], 0, r.n[2]);
    c = addc64(c, r.n[3], 0, r.n[3]);
    // A carry means the sum wrapped to below 2^65; one more fold cannot carry out.
    fe64_detail::add_fold(r, c);
    return r;
}

VANIKEYS_HD_HOT Fe64 Fe64::normalized() const {
    // a >= p exactly when a + (2^256 - p) carries out; then the wrapped sum is a - p.
    // (Per-limb selects compile to conditional moves; a mask loop gets vectorized through memory.)
    Fe64 t = *this;
    const bool take_t = fe64_detail::add_fold(t, 1) != 0;
    return Fe64{{take_t ? t.n[0] : n[0], take_t ? t.n[1] : n[1], take_t ? t.n[2] : n[2], take_t ? t.n[3] : n[3]}};
}

VANIKEYS_HD_HOT bool Fe64::is_zero() const {
    const Fe64 c = normalized();
    return (c.n[0] | c.n[1] | c.n[2] | c.n[3]) == 0;
}

VANIKEYS_HD_HOT bool operator==(const Fe64& a, const Fe64& b) {
    const Fe64 x = a.normalized();
    const Fe64 y = b.normalized();
    return ((x.n[0] ^ y.n[0]) | (x.n[1] ^ y.n[1]) | (x.n[2] ^ y.n[2]) | (x.n[3] ^ y.n[3])) == 0;
}
VANIKEYS_HD_HOT bool operator!=(const Fe64& a, const Fe64& b) { return !(a == b); }

VANIKEYS_HD Fe64 Fe64::from_bytes_be(const std::uint8_t* bytes32) {
    Fe64 r;
    for (int i = 0; i < 4; ++i) {
        std::uint64_t limb = 0;
        for (int j = 0; j < 8; ++j) limb = (limb << 8) | bytes32[(3 - i) * 8 + j];
        r.n[i] = limb;
    }
    return r;
}

VANIKEYS_HD void Fe64::to_bytes_be(std::uint8_t* bytes32) const {
    const Fe64 c = normalized();
    for (int i = 0; i < 4; ++i) {
        for (int j = 0; j < 8; ++j) {
            bytes32[(3 - i) * 8 + j] = static_cast<std::uint8_t>(c.n[i] >> (56 - 8 * j));
        }
    }
}

VANIKEYS_HD bool Fe64::sqrt_var(Fe64& out) const {
    out = pow_sqrt_candidate(*this);
    return out.sqr() == *this;
}

} // namespace vanikeys::secp
