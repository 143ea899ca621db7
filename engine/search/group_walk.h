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

namespace walk_detail {

// Turns scratch[0..H] into the inverses of the group's differences x(jG) - x(C) (j = 1..H at
// scratch[j-1]) and x(step) - x(C) (at scratch[H]), with one field inversion. Returns false
// when some difference is zero (the slow path's case); scratch is then garbage.
template <class F>
VANIKEYS_HD bool group_inverses(const secp::Affine<F>& c, const WalkTable<F>& table, F* scratch) {
    const int h = table.half_width;
    // Forward pass: scratch[j] = the product of the differences 0..j (j = h is the step's).
    F acc = table.multiples[0].x - c.x;
    scratch[0] = acc;
    for (int j = 1; j < h; ++j) {
        acc = acc * (table.multiples[j].x - c.x);
        scratch[j] = acc;
    }
    acc = acc * (table.step.x - c.x);
    scratch[h] = acc;
    if (acc.is_zero()) return false;
    // Backward pass: peel one difference off the running inverse at a time; slot j becomes
    // 1 / difference j (the product up to j-1 is read before slot j is overwritten).
    F inv = acc.inv_var();
    scratch[h] = inv * scratch[h - 1];
    inv = inv * (table.step.x - c.x);
    for (int j = h - 1; j > 0; --j) {
        scratch[j] = inv * scratch[j - 1];
        inv = inv * (table.multiples[j].x - c.x);
    }
    scratch[0] = inv;
    return true;
}

// The CPU's add/sub loop, writing straight into arrays. Out of line: inlined together with the
// inversion into a large caller, GCC 12 runs out of registers and spills the carry chains
// (measured twice as slow).
template <class F>
VANIKEYS_HOST_NOINLINE void emit_group_into(const secp::Affine<F>& c, const WalkTable<F>& table, const F* inverse,
                                            secp::Affine<F>* points, std::int32_t* offsets) {
    const int h = table.half_width;
    for (int j = 0; j < h; ++j) {
        secp::affine_add_with_inverse(c, table.multiples[j], inverse[j], points[2 * j]);
        secp::affine_sub_with_inverse(c, table.multiples[j], inverse[j], points[2 * j + 1]);
        offsets[2 * j] = j + 1;
        offsets[2 * j + 1] = -(j + 1);
    }
    points[2 * h] = c;
    offsets[2 * h] = 0;
}

} // namespace walk_detail

// Emits every point of the current group exactly once as sink(offset, point) with offset in
// [-H, H] (the point is (s + centre_index + offset)*G; it may be the point at infinity only on
// the slow path), then advances the state to the next group. This streaming form is the GPU's:
// a thread tests each point as it comes, holding none.
// `scratch` must hold H+1 field elements (on the GPU this is the thread's local memory).
template <class F, class Sink>
VANIKEYS_HD void walk_group(WalkState<F>& state, const WalkTable<F>& table, F* scratch, Sink& sink) {
    const int h = table.half_width;
    const secp::Affine<F> c = state.centre;
    if (c.infinity || !walk_detail::group_inverses(c, table, scratch)) {
        walk_detail::walk_group_slow(state, table, sink);
        return;
    }
    for (int j = h - 1; j >= 0; --j) {
        secp::Affine<F> point;
        secp::affine_add_with_inverse(c, table.multiples[j], scratch[j], point);
        sink(j + 1, point);
        secp::affine_sub_with_inverse(c, table.multiples[j], scratch[j], point);
        sink(-(j + 1), point);
    }
    sink(0, c);
    secp::affine_add_with_inverse(c, table.step, scratch[h], state.centre);
    state.centre_index += static_cast<std::uint64_t>(2 * h + 1);
}

// The same group written into arrays (the CPU's form: its pipelines take the points in
// batches): points[0..2H] and their offsets, in an order of its choosing. Returns 2H+1.
template <class F>
int walk_group_into(WalkState<F>& state, const WalkTable<F>& table, F* scratch, secp::Affine<F>* points,
                    std::int32_t* offsets) {
    const secp::Affine<F> c = state.centre;
    if (c.infinity || !walk_detail::group_inverses(c, table, scratch)) {
        int count = 0;
        auto sink = [&](int offset, const secp::Affine<F>& p) {
            points[count] = p;
            offsets[count] = offset;
            ++count;
        };
        walk_detail::walk_group_slow(state, table, sink);
        return count;
    }
    walk_detail::emit_group_into(c, table, scratch, points, offsets);
    secp::affine_add_with_inverse(c, table.step, scratch[table.half_width], state.centre);
    state.centre_index += static_cast<std::uint64_t>(2 * table.half_width + 1);
    return 2 * table.half_width + 1;
}

} // namespace vanikeys
