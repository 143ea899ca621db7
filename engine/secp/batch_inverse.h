// Montgomery's trick: the inverses of many field elements for one inversion and three
// multiplications each. The batched walk and batch_to_affine_var are built on it.
#pragma once

#include "engine/core/hd.h"

namespace vanikeys::secp {

// On input values[0 .. count) are field elements and scratch has room for count elements.
// On output, if every value is non-zero, values[i] = 1 / values[i] and the result is true.
// If any value is zero the result is false and values is unchanged, so the caller can fall
// back to handling the elements one by one. Variable time (public data only).
template <class F>
VANIKEYS_HD bool batch_inverse_var(F* values, int count, F* scratch) {
    if (count <= 0) return true;
    F acc = values[0];
    scratch[0] = acc;
    for (int i = 1; i < count; ++i) {
        acc = acc * values[i];
        scratch[i] = acc; // values[0] * ... * values[i]
    }
    // The product is zero exactly when some factor is (p is prime).
    if (acc.is_zero()) return false;
    F inv = acc.inv_var(); // 1 / (values[0] * ... * values[i]) at step i
    for (int i = count - 1; i > 0; --i) {
        const F inverse_i = inv * scratch[i - 1];
        inv = inv * values[i];
        values[i] = inverse_i;
    }
    values[0] = inv;
    return true;
}

} // namespace vanikeys::secp
