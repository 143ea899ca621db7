// The search's inner walk, shared by the CPU threads and every CUDA thread: from a centre
// point C = c*G it produces the 2H+1 points (c-H)*G ... (c+H)*G with ONE field inversion
// (Montgomery's trick over the H+1 differences x(jG) - x(C), j = 1..H, and x(step) - x(C)),
// then moves the centre on by step = (2H+1)*G. The + and - neighbours of C share each inverse,
// so a point costs about 1.5 + 3 field multiplications instead of a fresh inversion.
#pragma once

#include <cstdint>

#include "engine/core/hd.h"
#include "engine/secp/batch_add.h"
#include "engine/secp/group.h"

namespace vanikeys {

// Public constants of a walk, built once on the host (and copied to the GPU).
template <class F>
struct WalkTable {
    const secp::Affine<F>* multiples = nullptr;  // multiples[j-1] = j*G for j = 1..half_width
    secp::Affine<F> step;                        // (2*half_width + 1) * G
    int half_width = 0;                          // H
};

// One walker's position. `centre_index` counts keys from the walker's start s: the centre is
// (s + centre_index)*G. It starts at H so that the first group covers s .. s+2H.
template <class F>
struct WalkState {
    secp::Affine<F> centre;
    std::uint64_t centre_index = 0;
};

namespace walk_detail {

// The slow, always-correct path for a group whose batch product is zero: the centre is
// +-j*G or +-step, or the walk crossed the point at infinity. Never taken in practice for a
// random start (probability ~2^-246 per group) but it must be right, and tests force it.
template <class F, class Sink>
VANIKEYS_HD void walk_group_slow(WalkState<F>& state, const WalkTable<F>& table, Sink& sink) {
    using secp::Affine;
    using secp::Jacobian;
    const Jacobian<F> centre = Jacobian<F>::from_affine(state.centre);
    sink(0, state.centre);
    for (int j = 1; j <= table.half_width; ++j) {
        const Affine<F>& m = table.multiples[j - 1];
        sink(j, secp::to_affine_var(secp::point_add_var(centre, m)));
        sink(-j, secp::to_affine_var(secp::point_add_var(centre, m.negated())));
    }
    state.centre = secp::to_affine_var(secp::point_add_var(centre, table.step));
    state.centre_index += static_cast<std::uint64_t>(2 * table.half_width + 1);
}

} // namespace walk_detail

// Emits every point of the current group exactly once as sink(offset, point) with offset in
// [-H, H] (the point is (s + centre_index + offset)*G; it may be the point at infinity only on
// the slow path), then advances the state to the next group.
// `prefix` must hold H+1 field elements (scratch; on the GPU this is the thread's local memory).
template <class F, class Sink>
VANIKEYS_HD void walk_group(WalkState<F>& state, const WalkTable<F>& table, F* prefix, Sink& sink) {
    const int h = table.half_width;
    const secp::Affine<F>& c = state.centre;
    if (c.infinity) {
        walk_detail::walk_group_slow(state, table, sink);
        return;
    }
    // Forward pass: prefix[j] = product of the differences 0..j (j = h is the step).
    F acc = table.multiples[0].x - c.x;
    prefix[0] = acc;
    for (int j = 1; j < h; ++j) {
        acc = acc * (table.multiples[j].x - c.x);
        prefix[j] = acc;
    }
    acc = acc * (table.step.x - c.x);
    prefix[h] = acc;
    if (acc.is_zero()) {
        walk_detail::walk_group_slow(state, table, sink);
        return;
    }
    // Backward pass: peel one difference off the running inverse at a time.
    F inv = acc.inv_var();
    secp::Affine<F> next_centre;
    {
        const F inv_step = inv * prefix[h - 1];
        inv = inv * (table.step.x - c.x);
        secp::affine_add_with_inverse(c, table.step, inv_step, next_centre);
    }
    for (int j = h - 1; j >= 0; --j) {
        const secp::Affine<F>& m = table.multiples[j];
        const F dx = m.x - c.x;
        const F inv_j = j > 0 ? inv * prefix[j - 1] : inv;
        inv = inv * dx;
        secp::Affine<F> point;
        secp::affine_add_with_inverse(c, m, inv_j, point);
        sink(j + 1, point);
        secp::affine_sub_with_inverse(c, m, inv_j, point);
        sink(-(j + 1), point);
    }
    sink(0, c);
    state.centre = next_centre;
    state.centre_index += static_cast<std::uint64_t>(2 * h + 1);
}

} // namespace vanikeys
