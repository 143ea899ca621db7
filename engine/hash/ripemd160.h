// RIPEMD-160 (Dobbertin, Bosselaers, Preneel 1996), written once for the host and the GPU.
// The step function is a template over the word type so that hash_lanes.h can run it on
// 8 or 16 messages at once; the hot path is ripemd160_32 (the second half of HASH160).
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>

#include "engine/core/hd.h"
#include "engine/hash/unroll.h"

namespace vanikeys::hash {

namespace ripemd160_detail {

// Message word selection, rotation amounts and constants of the left and right lines, step
// j in 0..79 (the paper's r, r', s, s', K, K'). Read only in constant expressions.
inline constexpr std::uint8_t kLeftWord[80] = {
    0, 1, 2,  3,  4,  5,  6,  7,  8, 9, 10, 11, 12, 13, 14, 15,
    7, 4, 13, 1,  10, 6,  15, 3,  12, 0, 9,  5,  2,  14, 11, 8,
    3, 10, 14, 4, 9,  15, 8,  1,  2, 7, 0,  6,  13, 11, 5,  12,
    1, 9, 11, 10, 0,  8,  12, 4,  13, 3, 7,  15, 14, 5,  6,  2,
    4, 0, 5,  9,  7,  12, 2,  10, 14, 1, 3,  8,  11, 6,  15, 13};
inline constexpr std::uint8_t kRightWord[80] = {
    5,  14, 7,  0,  9, 2,  11, 4,  13, 6,  15, 8,  1,  10, 3,  12,
    6,  11, 3,  7,  0, 13, 5,  10, 14, 15, 8,  12, 4,  9,  1,  2,
    15, 5,  1,  3,  7, 14, 6,  9,  11, 8,  12, 2,  10, 0,  4,  13,
    8,  6,  4,  1,  3, 11, 15, 0,  5,  12, 2,  13, 9,  7,  10, 14,
    12, 15, 10, 4,  1, 5,  8,  7,  6,  2,  13, 14, 0,  3,  9,  11};
inline constexpr std::uint8_t kLeftRotation[80] = {
    11, 14, 15, 12, 5,  8,  7,  9,  11, 13, 14, 15, 6,  7,  9,  8,
    7,  6,  8,  13, 11, 9,  7,  15, 7,  12, 15, 9,  11, 7,  13, 12,
    11, 13, 6,  7,  14, 9,  13, 15, 14, 8,  13, 6,  5,  12, 7,  5,
    11, 12, 14, 15, 14, 15, 9,  8,  9,  14, 5,  6,  8,  6,  5,  12,
    9,  15, 5,  11, 6,  8,  13, 12, 5,  12, 13, 14, 11, 8,  5,  6};
inline constexpr std::uint8_t kRightRotation[80] = {
    8,  9,  9,  11, 13, 15, 15, 5,  7,  7,  8,  11, 14, 14, 12, 6,
    9,  13, 15, 7,  12, 8,  9,  11, 7,  7,  12, 7,  6,  15, 13, 11,
    9,  7,  15, 11, 8,  6,  6,  14, 12, 13, 5,  14, 13, 13, 7,  5,
    15, 5,  8,  11, 14, 14, 6,  14, 6,  9,  12, 9,  12, 5,  15, 8,
    8,  5,  12, 9,  12, 5,  14, 6,  8,  13, 6,  5,  15, 13, 11, 11};
inline constexpr std::uint32_t kLeftConstant[5] = {0x00000000, 0x5a827999, 0x6ed9eba1,
                                                   0x8f1bbcdc, 0xa953fd4e};
inline constexpr std::uint32_t kRightConstant[5] = {0x50a28be6, 0x5c4dd124, 0x6d703ef3,
                                                    0x7a6d76e9, 0x00000000};

template <int N, class W>
VANIKEYS_HD_HOT W rotl(W x) {
    return (x << N) | (x >> (32 - N));
}

// The five boolean functions f1..f5; the left line uses them in order, the right in reverse.
template <int F, class W>
VANIKEYS_HD_HOT W boolean(W x, W y, W z) {
    if constexpr (F == 0) return x ^ y ^ z;
    else if constexpr (F == 1) return z ^ (x & (y ^ z));   // (x & y) | (~x & z)
    else if constexpr (F == 2) return (x | ~y) ^ z;
    else if constexpr (F == 3) return y ^ (z & (x ^ y));   // (x & z) | (y & ~z)
    else return x ^ (y | ~z);
}

// One step on one line. The five chaining variables live in s[] renamed by index: at step j
// variable A is s[(0 - j) mod 5], B is s[(1 - j) mod 5], ... (the paper's A := E, B := T,
// C := B, D := rol10(C), E := D becomes two writes and a renaming).
template <int J, bool kRight, class W>
VANIKEYS_HD_HOT void step(W s[5], const W x[16]) {
    constexpr int round = J / 16;
    constexpr int a = (0 - J % 5 + 5) % 5, b = (1 - J % 5 + 5) % 5, c = (2 - J % 5 + 5) % 5;
    constexpr int d = (3 - J % 5 + 5) % 5, e = (4 - J % 5 + 5) % 5;
    constexpr int word = kRight ? kRightWord[J] : kLeftWord[J];
    constexpr int rotation = kRight ? kRightRotation[J] : kLeftRotation[J];
    constexpr std::uint32_t k = kRight ? kRightConstant[round] : kLeftConstant[round];
    constexpr int f = kRight ? 4 - round : round;
    W t = s[a] + boolean<f>(s[b], s[c], s[d]) + x[word];
    if constexpr (k != 0) t = t + k;
    s[a] = rotl<rotation>(t) + s[e];
    s[c] = rotl<10>(s[c]);
}

// The two lines are independent until the final combination: interleaving their steps gives
// the CPU (and the GPU scheduler) two dependency chains to overlap.
template <class W, int... J>
VANIKEYS_HD_HOT void steps(W left[5], W right[5], const W x[16], std::integer_sequence<int, J...>) {
    ((step<J, false>(left, x), step<J, true>(right, x)), ...);
}

template <class W>
VANIKEYS_HD_HOT void set_initial_state(W s[5]) {
    s[0] = W{} + 0x67452301u;
    s[1] = W{} + 0xefcdab89u;
    s[2] = W{} + 0x98badcfeu;
    s[3] = W{} + 0x10325476u;
    s[4] = W{} + 0xc3d2e1f0u;
}

VANIKEYS_HD_HOT std::uint32_t load_le32(const std::uint8_t* p) {
    return std::uint32_t{p[0]} | (std::uint32_t{p[1]} << 8) | (std::uint32_t{p[2]} << 16) |
           (std::uint32_t{p[3]} << 24);
}

VANIKEYS_HD_HOT void store_state(const std::uint32_t state[5], std::uint8_t out[20]) {
    VANIKEYS_UNROLL
    for (int i = 0; i < 5; ++i) {
        out[4 * i + 0] = static_cast<std::uint8_t>(state[i]);
        out[4 * i + 1] = static_cast<std::uint8_t>(state[i] >> 8);
        out[4 * i + 2] = static_cast<std::uint8_t>(state[i] >> 16);
        out[4 * i + 3] = static_cast<std::uint8_t>(state[i] >> 24);
    }
}

} // namespace ripemd160_detail

// One RIPEMD-160 compression on any word type W with the unsigned 32-bit operators.
// On input, state holds the chaining value and x the 16 little-endian message words.
// On output, state holds the next chaining value.
template <class W>
VANIKEYS_HD_HOT void ripemd160_transform(W state[5], const W x[16]) {
    W left[5], right[5];
    VANIKEYS_UNROLL
    for (int i = 0; i < 5; ++i) left[i] = right[i] = state[i];
    ripemd160_detail::steps(left, right, x, std::make_integer_sequence<int, 80>{});
    // After 80 steps (a multiple of 5) the renaming is back to the identity: A is index 0.
    const W t = state[1] + left[2] + right[3];
    state[1] = state[2] + left[3] + right[4];
    state[2] = state[3] + left[4] + right[0];
    state[3] = state[4] + left[0] + right[1];
    state[4] = state[0] + left[1] + right[2];
    state[0] = t;
}

VANIKEYS_HD void ripemd160_compress(std::uint32_t state[5], const std::uint8_t block[64]) {
    std::uint32_t x[16];
    VANIKEYS_UNROLL
    for (int i = 0; i < 16; ++i) x[i] = ripemd160_detail::load_le32(block + 4 * i);
    ripemd160_transform(state, x);
}

VANIKEYS_HD void ripemd160(const std::uint8_t* data, std::size_t len, std::uint8_t out[20]) {
    std::uint32_t state[5];
    ripemd160_detail::set_initial_state(state);
    const std::uint64_t bit_length = static_cast<std::uint64_t>(len) * 8;
    for (; len >= 64; data += 64, len -= 64) ripemd160_compress(state, data);
    std::uint8_t block[64];
    std::size_t used = 0;
    for (; used < len; ++used) block[used] = data[used];
    block[used++] = 0x80;
    if (used > 56) {
        for (; used < 64; ++used) block[used] = 0;
        ripemd160_compress(state, block);
        used = 0;
    }
    for (; used < 56; ++used) block[used] = 0;
    for (int i = 0; i < 8; ++i) block[56 + i] = static_cast<std::uint8_t>(bit_length >> (8 * i));
    ripemd160_compress(state, block);
    ripemd160_detail::store_state(state, out);
}

// RIPEMD-160 of a 32-byte message given as its eight little-endian words x[i] = bytes
// 4i..4i+3 (one block, the padding folded in). On output, state holds the digest words.
template <class W>
VANIKEYS_HD_HOT void ripemd160_32_words(const W in[8], W state[5]) {
    W x[16];
    VANIKEYS_UNROLL
    for (int i = 0; i < 8; ++i) x[i] = in[i];
    x[8] = W{} + 0x80u;
    VANIKEYS_UNROLL
    for (int i = 9; i < 16; ++i) x[i] = W{};
    x[14] = W{} + 32u * 8u;
    ripemd160_detail::set_initial_state(state);
    ripemd160_transform(state, x);
}

VANIKEYS_HD void ripemd160_32(const std::uint8_t in[32], std::uint8_t out[20]) {
    std::uint32_t words[8];
    VANIKEYS_UNROLL
    for (int i = 0; i < 8; ++i) words[i] = ripemd160_detail::load_le32(in + 4 * i);
    std::uint32_t state[5];
    ripemd160_32_words(words, state);
    ripemd160_detail::store_state(state, out);
}

} // namespace vanikeys::hash
