// The building block of the batched walk: the search visits C + j*G and C - j*G (j = 1..H)
// around a centre C using a precomputed affine table of j*G. Both neighbours of table entry j
// share one inverse, 1/(x(jG) - x(C)), and all H inverses come from one batch inversion, so a
// point costs about 2M + 1S plus the batch inversion's 3M shared between two points.
#pragma once

#include "engine/core/hd.h"
#include "engine/secp/batch_inverse.h"
#include "engine/secp/group.h"

namespace vanikeys::secp {

// out = a + b, given inv_dx = 1 / (b.x - a.x). Preconditions: a and b finite, a.x != b.x
// (that is, a != ±b). out may alias a or b.
template <class F>
VANIKEYS_HD_HOT void affine_add_with_inverse(const Affine<F>& a, const Affine<F>& b, const F& inv_dx,
                                             Affine<F>& out) {
    VANIKEYS_VERIFY_CHECK(!a.infinity && !b.infinity && inv_dx * (b.x - a.x) == F::one());
    const F slope = (b.y - a.y) * inv_dx;
    const F x3 = slope.sqr() - a.x - b.x;
    const F y3 = slope * (a.x - x3) - a.y;
    out = Affine<F>::from_xy(x3, y3);
    VANIKEYS_VERIFY_CHECK(out.on_curve_var());
}

// out = a - b, given the same inv_dx = 1 / (b.x - a.x) as the sum (-b has b's x). Same
// preconditions. The slope of a - b is -(b.y + a.y) * inv_dx; it is used with its sign folded
// into the last line, which saves a negation.
template <class F>
VANIKEYS_HD_HOT void affine_sub_with_inverse(const Affine<F>& a, const Affine<F>& b, const F& inv_dx,
                                             Affine<F>& out) {
    VANIKEYS_VERIFY_CHECK(!a.infinity && !b.infinity && inv_dx * (b.x - a.x) == F::one());
    const F neg_slope = (b.y + a.y) * inv_dx;
    const F x3 = neg_slope.sqr() - a.x - b.x;
    const F y3 = neg_slope * (x3 - a.x) - a.y;
    out = Affine<F>::from_xy(x3, y3);
    VANIKEYS_VERIFY_CHECK(out.on_curve_var());
}

namespace batch_add_detail {

// plus[j] = centre + table[j], minus[j] = centre - table[j], given inverse[j] = 1/(table[j].x -
// centre.x). Kept out of line: inlined into batch_add_sub_var together with its rare path, the
// function grows large enough that GCC spills the carry chains to the stack (measured 1.4x
// slower).
template <class F>
[[gnu::noinline]] void add_sub_with_inverses(const Affine<F>& centre, const Affine<F>* table, const F* inverse,
                                             int count, Affine<F>* plus, Affine<F>* minus) {
    for (int j = 0; j < count; ++j) {
        affine_add_with_inverse(centre, table[j], inverse[j], plus[j]);
        affine_sub_with_inverse(centre, table[j], inverse[j], minus[j]);
    }
}

} // namespace batch_add_detail

// Host reference of one walk step: plus[j] = centre + table[j] and minus[j] = centre -
// table[j] for j < count. Every case is handled: a centre or table entry at infinity, and
// centre = ±table[j] (the sum or difference is then a doubling or infinity), through Jacobian
// arithmetic for just those entries. `scratch` holds 2 * count elements. plus and minus must
// not overlap the table or each other.
template <class F>
void batch_add_sub_var(const Affine<F>& centre, const Affine<F>* table, int count, Affine<F>* plus,
                       Affine<F>* minus, F* scratch) {
    F* const inverse = scratch;
    F* const prefix = scratch + count;
    if (centre.infinity) {
        for (int j = 0; j < count; ++j) {
            plus[j] = table[j];
            minus[j] = table[j].negated();
        }
        return;
    }
    bool any_table_infinity = false;
    for (int j = 0; j < count; ++j) {
        any_table_infinity = any_table_infinity || table[j].infinity;
        inverse[j] = table[j].x - centre.x;
    }
    if (!any_table_infinity && batch_inverse_var(inverse, count, prefix)) {
        batch_add_detail::add_sub_with_inverses(centre, table, inverse, count, plus, minus);
        return;
    }
    // Rare path: some entry is infinity or shares the centre's x. Mark those (in plus[j], which
    // is overwritten below anyway), invert the others in one batch, add the marked ones in
    // Jacobian coordinates.
    for (int j = 0; j < count; ++j) {
        plus[j].infinity = table[j].infinity || inverse[j].is_zero();
        if (plus[j].infinity) inverse[j] = F::one();
    }
    batch_inverse_var(inverse, count, prefix); // cannot fail now: no factor is zero
    const Jacobian<F> c = Jacobian<F>::from_affine(centre);
    for (int j = 0; j < count; ++j) {
        if (plus[j].infinity) {
            plus[j] = to_affine_var(point_add_var(c, table[j]));
            minus[j] = to_affine_var(point_add_var(c, table[j].negated()));
        } else {
            affine_add_with_inverse(centre, table[j], inverse[j], plus[j]);
            affine_sub_with_inverse(centre, table[j], inverse[j], minus[j]);
        }
    }
}

} // namespace vanikeys::secp
