// Multiplication by G with a precomputed table of affine multiples (variable time: for public
// scalars such as per-thread start offsets), and a general variable-time k * P. The table is a
// flat POD array, so the host can build it once and copy it to GPU memory as is.
#pragma once

#include <type_traits>
#include <vector>

#include "engine/core/hd.h"
#include "engine/secp/group.h"
#include "engine/secp/scalar.h"

namespace vanikeys::secp {

// The table holds d * 16^w * G for each 4-bit window w = 0..63 and digit d = 1..15, at index
// w * 15 + (d - 1): 960 affine points, 69,120 bytes with Fe64 and 65,280 with Fe32.
inline constexpr int kGenWindowBits = 4;
inline constexpr int kGenWindows = 256 / kGenWindowBits;
inline constexpr int kGenDigitsPerWindow = (1 << kGenWindowBits) - 1;
inline constexpr int kGenTableSize = kGenWindows * kGenDigitsPerWindow;

// Fills table[0 .. kGenTableSize). Host only (it allocates scratch); takes a few milliseconds.
template <class F>
void build_gen_table(Affine<F>* table) {
    static_assert(std::is_trivially_copyable_v<Affine<F>> && std::is_standard_layout_v<Affine<F>>,
                  "the table is copied to the GPU byte for byte");
    std::vector<Jacobian<F>> multiples(kGenTableSize);
    Jacobian<F> base = Jacobian<F>::from_affine(generator<F>()); // 16^w * G
    for (int w = 0; w < kGenWindows; ++w) {
        Jacobian<F> acc = base;
        for (int d = 1; d <= kGenDigitsPerWindow; ++d) {
            multiples[w * kGenDigitsPerWindow + d - 1] = acc;
            acc = point_add_var(acc, base);
        }
        base = acc;
    }
    std::vector<F> scratch(kGenTableSize);
    batch_to_affine_var(multiples.data(), table, kGenTableSize, scratch.data());
}

// k * G in Jacobian form (so that callers converting many results can batch the inversion):
// one mixed addition per non-zero 4-bit digit of k. `table` is a build_gen_table table.
template <class F>
VANIKEYS_HD Jacobian<F> mul_gen_jacobian_var(const Affine<F>* table, const Scalar& k) {
    Jacobian<F> acc = Jacobian<F>::at_infinity();
    for (int w = 0; w < kGenWindows; ++w) {
        const std::uint32_t digit = k.bits(w * kGenWindowBits, kGenWindowBits);
        if (digit != 0) acc = point_add_var(acc, table[w * kGenDigitsPerWindow + digit - 1]);
    }
    return acc;
}

// k * G in affine form (infinity for k = 0).
template <class F>
VANIKEYS_HD Affine<F> mul_gen_var(const Affine<F>* table, const Scalar& k) {
    return to_affine_var(mul_gen_jacobian_var(table, k));
}

// The process-wide table for F, built on first use (thread-safe). Host only.
template <class F>
const Affine<F>* gen_table() {
    static const std::vector<Affine<F>> table = [] {
        std::vector<Affine<F>> t(kGenTableSize);
        build_gen_table(t.data());
        return t;
    }();
    return table.data();
}

// k * G with the process-wide table. Host only.
template <class F>
Affine<F> mul_gen_var(const Scalar& k) {
    return mul_gen_var(gen_table<F>(), k);
}

// k * P for any point P, in Jacobian form: fixed 4-bit windows from the top, with the 15
// multiples of P kept on the stack (about 1.5 KB for Fe32: local memory on the GPU, so this is
// for occasional use there, not for a hot loop).
template <class F>
VANIKEYS_HD Jacobian<F> mul_jacobian_var(const Affine<F>& p, const Scalar& k) {
    Jacobian<F> multiples[kGenDigitsPerWindow]; // multiples[d - 1] = d * P
    multiples[0] = Jacobian<F>::from_affine(p);
    for (int d = 1; d < kGenDigitsPerWindow; ++d) multiples[d] = point_add_var(multiples[d - 1], p);
    Jacobian<F> acc = Jacobian<F>::at_infinity();
    for (int w = kGenWindows - 1; w >= 0; --w) {
        for (int i = 0; i < kGenWindowBits; ++i) acc = point_double(acc);
        const std::uint32_t digit = k.bits(w * kGenWindowBits, kGenWindowBits);
        if (digit != 0) acc = point_add_var(acc, multiples[digit - 1]);
    }
    return acc;
}

// k * P in affine form.
template <class F>
VANIKEYS_HD Affine<F> mul_var(const Affine<F>& p, const Scalar& k) {
    return to_affine_var(mul_jacobian_var(p, k));
}

} // namespace vanikeys::secp
