// The constants of secp256k1 (SEC 2, section 2.4.1): y^2 = x^3 + b over GF(p), the generator G,
// the group order n, and the endomorphism pair (beta in GF(p), lambda mod n) with
// lambda * (x, y) = (beta * x, y).
#pragma once

#include <cstdint>

#include "engine/core/hd.h"

namespace vanikeys::secp::curve {

inline constexpr std::uint32_t kB = 7;

// 256-bit constants as four 64-bit words, most significant first (as they are usually written).
// They are spelled out in the functions below rather than kept in namespace-scope objects so
// that device code can use them (nvcc only lets device code read scalar constexpr variables).
#define VANIKEYS_SECP_P 0xFFFFFFFFFFFFFFFFULL, 0xFFFFFFFFFFFFFFFFULL, 0xFFFFFFFFFFFFFFFFULL, 0xFFFFFFFEFFFFFC2FULL
#define VANIKEYS_SECP_N 0xFFFFFFFFFFFFFFFFULL, 0xFFFFFFFFFFFFFFFEULL, 0xBAAEDCE6AF48A03BULL, 0xBFD25E8CD0364141ULL
#define VANIKEYS_SECP_GX 0x79BE667EF9DCBBACULL, 0x55A06295CE870B07ULL, 0x029BFCDB2DCE28D9ULL, 0x59F2815B16F81798ULL
#define VANIKEYS_SECP_GY 0x483ADA7726A3C465ULL, 0x5DA4FBFC0E1108A8ULL, 0xFD17B448A6855419ULL, 0x9C47D08FFB10D4B8ULL
#define VANIKEYS_SECP_BETA 0x7AE96A2B657C0710ULL, 0x6E64479EAC3434E9ULL, 0x9CF0497512F58995ULL, 0xC1396C28719501EEULL
#define VANIKEYS_SECP_LAMBDA 0x5363AD4CC05C30E0ULL, 0xA5261C028812645AULL, 0x122E22EA20816678ULL, 0xDF02967C1B23BD72ULL

template <class F>
VANIKEYS_HD constexpr F b() {
    return F::from_u64(kB);
}
template <class F>
VANIKEYS_HD constexpr F generator_x() {
    return F::from_words_be(VANIKEYS_SECP_GX);
}
template <class F>
VANIKEYS_HD constexpr F generator_y() {
    return F::from_words_be(VANIKEYS_SECP_GY);
}
// A primitive cube root of unity mod p; beta^2 is the other one.
template <class F>
VANIKEYS_HD constexpr F beta() {
    return F::from_words_be(VANIKEYS_SECP_BETA);
}

} // namespace vanikeys::secp::curve
