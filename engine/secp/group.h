// Points of y^2 = x^3 + 7 over a field F (Fe64, Fe32, or a test-only toy field): affine and
// Jacobian forms, doubling, addition with every special case, and conversion to affine.
// Everything here is variable time (it branches on infinity and on equal inputs): it is for
// public points; secret keys go through libsecp256k1.
#pragma once

#include "engine/core/hd.h"
#include "engine/secp/curve_constants.h"

namespace vanikeys::secp {

// An affine point (x, y), or the point at infinity when `infinity` is set (x, y then unused).
template <class F>
struct Affine {
    F x, y;
    bool infinity;

    VANIKEYS_HD static Affine at_infinity() { return Affine{F::zero(), F::zero(), true}; }
    VANIKEYS_HD static Affine from_xy(const F& x_, const F& y_) { return Affine{x_, y_, false}; }

    VANIKEYS_HD Affine negated() const { return Affine{x, -y, infinity}; }
    // Whether y^2 = x^3 + 7 (true for the point at infinity).
    VANIKEYS_HD bool on_curve_var() const {
        return infinity || y.sqr() == x.sqr() * x + F::from_u64(curve::kB);
    }
};

template <class F>
VANIKEYS_HD bool operator==(const Affine<F>& a, const Affine<F>& b) {
    if (a.infinity || b.infinity) return a.infinity == b.infinity;
    return a.x == b.x && a.y == b.y;
}
template <class F>
VANIKEYS_HD bool operator!=(const Affine<F>& a, const Affine<F>& b) {
    return !(a == b);
}

// A point in Jacobian coordinates: (X, Y, Z) stands for the affine (X/Z^2, Y/Z^3). Invariant:
// Z != 0 unless `infinity` is set (then X, Y, Z are unused).
template <class F>
struct Jacobian {
    F x, y, z;
    bool infinity;

    VANIKEYS_HD static Jacobian at_infinity() {
        return Jacobian{F::zero(), F::one(), F::zero(), true};
    }
    VANIKEYS_HD static Jacobian from_affine(const Affine<F>& a) {
        return Jacobian{a.x, a.y, F::one(), a.infinity};
    }

    VANIKEYS_HD Jacobian negated() const { return Jacobian{x, -y, z, infinity}; }
};

// The generator G of secp256k1 (only meaningful for the real field types).
template <class F>
VANIKEYS_HD Affine<F> generator() {
    return Affine<F>::from_xy(curve::generator_x<F>(), curve::generator_y<F>());
}

// 2a. On input a is any point; on output the double (infinity stays infinity; no point of an
// odd-order curve has y = 0, so doubling a finite point is never infinity). 2M + 5S.
template <class F>
VANIKEYS_HD Jacobian<F> point_double(const Jacobian<F>& a) {
    if (a.infinity) return a;
    VANIKEYS_VERIFY_CHECK(!a.z.is_zero());
    const F xx = a.x.sqr();
    const F yy = a.y.sqr();
    const F yyyy = yy.sqr();
    const F s = ((a.x + yy).sqr() - xx - yyyy).mul_small(2); // 4 x y^2
    const F m = xx.mul_small(3);                              // 3 x^2 (a = 0)
    Jacobian<F> r;
    r.x = m.sqr() - s.mul_small(2);
    r.y = m * (s - r.x) - yyyy.mul_small(8);
    r.z = (a.y * a.z).mul_small(2);
    r.infinity = false;
    return r;
}

// a + b for any two points, including a == b (doubles), a == -b (infinity) and either at
// infinity. 12M + 4S in the general case.
template <class F>
VANIKEYS_HD Jacobian<F> point_add_var(const Jacobian<F>& a, const Jacobian<F>& b) {
    if (a.infinity) return b;
    if (b.infinity) return a;
    VANIKEYS_VERIFY_CHECK(!a.z.is_zero() && !b.z.is_zero());
    const F z1z1 = a.z.sqr();
    const F z2z2 = b.z.sqr();
    const F u1 = a.x * z2z2;
    const F u2 = b.x * z1z1;
    const F s1 = a.y * z2z2 * b.z;
    const F s2 = b.y * z1z1 * a.z;
    const F h = u2 - u1;
    const F r = s2 - s1;
    if (h.is_zero()) {
        if (r.is_zero()) return point_double(a);
        return Jacobian<F>::at_infinity();
    }
    const F hh = h.sqr();
    const F hhh = hh * h;
    const F v = u1 * hh;
    Jacobian<F> out;
    out.x = r.sqr() - hhh - v.mul_small(2);
    out.y = r * (v - out.x) - s1 * hhh;
    out.z = a.z * b.z * h;
    out.infinity = false;
    return out;
}

// a + b with b affine (mixed addition; all special cases as point_add_var). 8M + 3S.
template <class F>
VANIKEYS_HD Jacobian<F> point_add_var(const Jacobian<F>& a, const Affine<F>& b) {
    if (a.infinity) return Jacobian<F>::from_affine(b);
    if (b.infinity) return a;
    VANIKEYS_VERIFY_CHECK(!a.z.is_zero() && b.on_curve_var());
    const F z1z1 = a.z.sqr();
    const F u2 = b.x * z1z1;
    const F s2 = b.y * z1z1 * a.z;
    const F h = u2 - a.x;
    const F r = s2 - a.y;
    if (h.is_zero()) {
        if (r.is_zero()) return point_double(a);
        return Jacobian<F>::at_infinity();
    }
    const F hh = h.sqr();
    const F hhh = hh * h;
    const F v = a.x * hh;
    Jacobian<F> out;
    out.x = r.sqr() - hhh - v.mul_small(2);
    out.y = r * (v - out.x) - a.y * hhh;
    out.z = a.z * h;
    out.infinity = false;
    return out;
}

// The affine form of a, with one field inversion.
template <class F>
VANIKEYS_HD Affine<F> to_affine_var(const Jacobian<F>& a) {
    if (a.infinity) return Affine<F>::at_infinity();
    VANIKEYS_VERIFY_CHECK(!a.z.is_zero());
    const F zi = a.z.inv_var();
    const F zi2 = zi.sqr();
    const Affine<F> r = Affine<F>::from_xy(a.x * zi2, a.y * zi2 * zi);
    VANIKEYS_VERIFY_CHECK(r.on_curve_var()); // every point our formulas produce is on the curve
    return r;
}

// out[i] = the affine form of in[i] for i < count, with one field inversion for all of them
// (Montgomery's trick over the Z coordinates; points at infinity are passed through).
// `scratch` holds count elements. in and out must not overlap. Returns false only if some
// finite input breaks the Jacobian invariant (Z = 0); out is then unspecified.
template <class F>
VANIKEYS_HD bool batch_to_affine_var(const Jacobian<F>* in, Affine<F>* out, int count, F* scratch) {
    F acc = F::one();
    for (int i = 0; i < count; ++i) {
        if (!in[i].infinity) acc = acc * in[i].z;
        scratch[i] = acc; // product of the Z of every finite point up to i
    }
    if (acc.is_zero()) return false;
    F inv = acc.inv_var(); // 1 / (product up to the current i)
    for (int i = count - 1; i >= 0; --i) {
        if (in[i].infinity) {
            out[i] = Affine<F>::at_infinity();
            continue;
        }
        // Find the product before i (skipping points at infinity, whose factor is one).
        const F before = i > 0 ? scratch[i - 1] : F::one();
        const F zi = inv * before;
        inv = inv * in[i].z;
        const F zi2 = zi.sqr();
        out[i] = Affine<F>::from_xy(in[i].x * zi2, in[i].y * zi2 * zi);
    }
    return true;
}

} // namespace vanikeys::secp
