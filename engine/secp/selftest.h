// A deterministic workout of every field and point operation, reduced to a 32-byte digest that
// must be the same for every field type on every machine. The CPU tests compare Fe64 and Fe32
// with it; the CUDA code runs it in a kernel with Fe32 and compares against the host, which is
// how the PTX bodies of carry32.h (which no CPU test can execute) get checked.
#pragma once

#include <cstdint>

#include "engine/core/hd.h"
#include "engine/secp/batch_add.h"
#include "engine/secp/ecmult_gen.h"
#include "engine/secp/endomorphism.h"
#include "engine/secp/group.h"
#include "engine/secp/scalar.h"

namespace vanikeys::secp {

namespace selftest_detail {

VANIKEYS_HD std::uint64_t next(std::uint64_t& state) { // xorshift64*
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545F4914F6CDD1DULL;
}

// Operands biased toward carry edge cases: random words, all-ones, zeros, values near p.
template <class F>
VANIKEYS_HD F operand(std::uint64_t& state) {
    std::uint64_t w[4];
    for (int i = 0; i < 4; ++i) {
        const std::uint64_t r = next(state);
        switch (r & 7) {
        case 0: w[i] = ~0ULL; break;
        case 1: w[i] = 0; break;
        case 2: w[i] = i == 0 ? 0xFFFFFFFEFFFFFC2FULL + (r >> 61) : ~0ULL; break; // near p
        default: w[i] = next(state); break;
        }
    }
    return F::from_words_be(w[3], w[2], w[1], w[0]);
}

} // namespace selftest_detail

// On input table is a build_gen_table table for F, seed is any value and rounds >= 1. On output
// digest[0..32) is the canonical encoding of a value that depends on every intermediate
// result; the same (seed, rounds) gives the same digest for every field type.
template <class F>
VANIKEYS_HD void selftest_digest(const Affine<F>* table, std::uint64_t seed, int rounds, std::uint8_t digest[32]) {
    std::uint64_t state = seed | 1;
    F acc = selftest_detail::operand<F>(state);
    Affine<F> walker = generator<F>();
    for (int round = 0; round < rounds; ++round) {
        const F a = selftest_detail::operand<F>(state);
        const F b = selftest_detail::operand<F>(state);
        // Field: each result feeds the next without normalization.
        acc = acc * a + b.sqr() - (-acc).mul_small(static_cast<std::uint32_t>(selftest_detail::next(state)));
        acc = acc - a * b;
        if ((round & 15) == 0) acc = acc + acc.inv_var();
        F root;
        if ((round & 15) == 7 && a.sqrt_var(root)) acc = acc * root;
        acc = acc + F::from_u64(acc.is_odd() + 2 * acc.is_zero() + 4 * (a == b));
        // Points: a walk step with a shared inverse, a Jacobian detour, the endomorphism.
        const Affine<F>& step = table[selftest_detail::next(state) % kGenTableSize];
        if (walker.infinity || step.x == walker.x) {
            walker = to_affine_var(point_add_var(Jacobian<F>::from_affine(walker), step));
        } else {
            const F inv = (step.x - walker.x).inv_var();
            Affine<F> sum, difference;
            affine_add_with_inverse(walker, step, inv, sum);
            affine_sub_with_inverse(walker, step, inv, difference);
            walker = (round & 1) ? sum : difference;
        }
        if ((round & 31) == 3) walker = mul_lambda(walker);
        if ((round & 31) == 9) walker = to_affine_var(point_double(Jacobian<F>::from_affine(walker)));
        if (!walker.infinity) acc = acc * walker.x + walker.y;
    }
    // Finally k * G for a k taken from the canonical bytes (limb layouts differ between types).
    acc.to_bytes_be(digest);
    const Affine<F> p = mul_gen_var(table, Scalar::from_bytes_be(digest));
    (acc + (p.infinity ? F::zero() : p.x)).to_bytes_be(digest);
}

} // namespace vanikeys::secp
