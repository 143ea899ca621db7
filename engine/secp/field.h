// The field GF(p), p = 2^256 - 2^32 - 977, behind one interface with two representations:
// Fe64 (4x64-bit limbs, CPU) and Fe32 (8x32-bit limbs with carry chains, GPU). Point, batch
// and search code is written once as templates over either (or over a test-only toy field).
//
// Representation invariant (both types): an element is any 256-bit value v (every limb pattern
// is valid) and stands for v mod p. Every operation accepts any such value and returns some
// value below 2^256 congruent to the exact result; it is canonical (< p) only after
// normalized(). Because p > 2^255, at most one representative besides the canonical one exists
// (v and v + p for v < 2^32 + 977). Comparisons, is_zero, is_odd and to_bytes_be normalize
// first, so callers never see the difference.
//
// Interface (F is Fe64 or Fe32; all functions VANIKEYS_HD, no heap, no exceptions):
//   static F zero(), one(), from_u64(uint64_t)
//   static F from_words_be(w3, w2, w1, w0)       the value sum(w_i * 2^(64 i)) mod p
//   static F from_bytes_be(const uint8_t* b32)   32 big-endian bytes, any value (reduced mod p)
//   void to_bytes_be(uint8_t* b32) const         canonical big-endian encoding
//   F + F, F - F, F * F, -F, F sqr() const       sqr() is faster than x * x
//   F mul_small(uint32_t k) const                x * k
//   F normalized() const                         the canonical representative (< p)
//   bool is_zero() const, is_odd() const         of the canonical value
//   F == F, F != F                               equality mod p
//   F inv_var() const                            1/x; zero for x = 0. Variable time: public
//                                                data only (currently a fixed chain, but the
//                                                name keeps the freedom to change that)
//   bool sqrt_var(F& out) const                  out^2 == x and true, when x is a square
//                                                (either root); else false (out unspecified)
#pragma once

#include "engine/secp/field_4x64.h"
#include "engine/secp/field_8x32.h"
