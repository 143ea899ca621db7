// The secp256k1 endomorphism: with beta a cube root of unity mod p and lambda the matching one
// mod n, lambda * (x, y) = (beta * x, y). A point P = k*G thus gives two more points for one
// multiplication each, (beta x, y) = (lambda k) G and (beta^2 x, y) = (lambda^2 k) G, and with
// negation (x, -y) = (-k) G six candidates share three x-coordinates.
#pragma once

#include "engine/core/hd.h"
#include "engine/secp/curve_constants.h"
#include "engine/secp/group.h"

namespace vanikeys::secp {

// beta * x: the x-coordinate of lambda * (x, y).
template <class F>
VANIKEYS_HD F mul_beta(const F& x) {
    return x * curve::beta<F>();
}

// beta^2 * x: the x-coordinate of lambda^2 * (x, y).
template <class F>
VANIKEYS_HD F mul_beta2(const F& x) {
    return x * curve::beta<F>().sqr();
}

// lambda * P, for one field multiplication.
template <class F>
VANIKEYS_HD Affine<F> mul_lambda(const Affine<F>& p) {
    if (p.infinity) return p;
    return Affine<F>::from_xy(mul_beta(p.x), p.y);
}

} // namespace vanikeys::secp
