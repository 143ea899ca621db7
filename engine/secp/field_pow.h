// Fixed exponentiations mod p shared by every field representation: inversion (a^(p-2)) and
// square root (a^((p+1)/4), valid because p = 3 mod 4), as addition chains over sqr and mul.
#pragma once

#include "engine/core/hd.h"

namespace vanikeys::secp {

// a^(2^count): `count` squarings.
template <class F>
VANIKEYS_HD F sqr_n(F a, int count) {
    for (int i = 0; i < count; ++i) a = a.sqr();
    return a;
}

// Powers a^(2^k - 1) (k ones in binary), the building blocks of both chains. The binary forms
// of the exponents, from the top bit: p-2 = 223 ones, 0, 22 ones, 0000101101; (p+1)/4 =
// 223 ones, 0, 22 ones, 00001100.
template <class F>
struct OnesPowers {
    F x1, x2, x22, x223;
};

template <class F>
VANIKEYS_HD OnesPowers<F> ones_powers(const F& a) {
    OnesPowers<F> r;
    r.x1 = a;
    r.x2 = a.sqr() * a;
    const F x3 = r.x2.sqr() * a;
    const F x6 = sqr_n(x3, 3) * x3;
    const F x9 = sqr_n(x6, 3) * x3;
    const F x11 = sqr_n(x9, 2) * r.x2;
    r.x22 = sqr_n(x11, 11) * x11;
    const F x44 = sqr_n(r.x22, 22) * r.x22;
    const F x88 = sqr_n(x44, 44) * x44;
    const F x176 = sqr_n(x88, 88) * x88;
    const F x220 = sqr_n(x176, 44) * x44;
    r.x223 = sqr_n(x220, 3) * x3;
    return r;
}

// a^(p-2) = 1/a for a != 0 (0 maps to 0). 255 squarings and 15 multiplications.
template <class F>
VANIKEYS_HD F pow_p_minus_2(const F& a) {
    const OnesPowers<F> o = ones_powers(a);
    F t = sqr_n(o.x223, 23) * o.x22;
    t = sqr_n(t, 5) * o.x1;   // 00001
    t = sqr_n(t, 3) * o.x2;   // 011
    return sqr_n(t, 2) * o.x1; // 01
}

// a^((p+1)/4): a square root of a when a is a square.
template <class F>
VANIKEYS_HD F pow_sqrt_candidate(const F& a) {
    const OnesPowers<F> o = ones_powers(a);
    F t = sqr_n(o.x223, 23) * o.x22;
    t = sqr_n(t, 6) * o.x2;   // 000011
    return sqr_n(t, 2);        // 00
}

} // namespace vanikeys::secp
