// Host only: the hot single-block hashes on several messages at once, one message per SIMD
// lane. They instantiate the portable round templates with GCC vector types as the word
// type, so there is one copy of each algorithm. Everything here is always_inline and must be
// called from a function compiled for the target ISA (__attribute__((target(...)))): that
// function alone decides which instructions the vector operators become.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "engine/hash/hash160.h"
#include "engine/hash/keccak256.h"
#include "engine/hash/ripemd160.h"
#include "engine/hash/sha256.h"

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the lane code stores words as bytes");

namespace vanikeys::hash::lanes {

typedef std::uint32_t U32x8 __attribute__((vector_size(32)));
typedef std::uint32_t U32x16 __attribute__((vector_size(64)));
typedef std::uint64_t U64x4 __attribute__((vector_size(32)));
typedef std::uint64_t U64x8 __attribute__((vector_size(64)));

// Keys per HASH160 stage call: the SHA-256 stage leaves the RIPEMD-160 input words of up to
// kGroup keys, transposed (words[i][k] = word i of key k), for the RIPEMD-160 stage to load.
inline constexpr int kGroup = 16;
using StageWords = std::uint32_t[8][kGroup];

#define VANIKEYS_LANES_INLINE inline __attribute__((always_inline))

template <class V>
VANIKEYS_LANES_INLINE V load_row(const void* p) {
    V v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

// SHA-256 of up to kGroup 33-byte keys, L at a time in vectors V of L uint32_t.
// On output, words[i][k] is little-endian word i of key k's digest (RIPEMD-160's input).
template <class V, int L>
VANIKEYS_LANES_INLINE void sha256_33_stage(const std::uint8_t (*keys)[33], std::size_t n,
                                           StageWords words) {
    static_assert(kGroup % L == 0);
    for (int chunk = 0; chunk < kGroup / L && static_cast<std::size_t>(chunk * L) < n; ++chunk) {
        alignas(64) std::uint32_t in[9][L];
        for (int lane = 0; lane < L; ++lane) {
            const std::size_t k = static_cast<std::size_t>(chunk * L + lane);
            const std::uint8_t* key = keys[k < n ? k : 0];
            for (int i = 0; i < 8; ++i) in[i][lane] = sha256_detail::load_be32(key + 4 * i);
            in[8][lane] = (std::uint32_t{key[32]} << 24) | 0x00800000u;
        }
        V w[16], s[8];
        for (int i = 0; i < 9; ++i) w[i] = load_row<V>(in[i]);
        for (int i = 9; i < 15; ++i) w[i] = V{};
        w[15] = V{} + 33u * 8u;
        sha256_detail::set_initial_state(s);
        sha256_transform(s, w);
        for (int i = 0; i < 8; ++i) {
            const V swapped = byte_swap32(s[i]);
            std::memcpy(&words[i][chunk * L], &swapped, sizeof swapped);
        }
    }
}

// RIPEMD-160 of up to kGroup 32-byte messages given as stage words; writes out[0..n).
template <class V, int L>
VANIKEYS_LANES_INLINE void ripemd160_32_stage(const StageWords words, std::size_t n,
                                              std::uint8_t (*out)[20]) {
    for (int chunk = 0; chunk < kGroup / L && static_cast<std::size_t>(chunk * L) < n; ++chunk) {
        V x[8], s[5];
        for (int i = 0; i < 8; ++i) x[i] = load_row<V>(&words[i][chunk * L]);
        ripemd160_32_words(x, s);
        alignas(64) std::uint32_t digest[5][L];
        for (int i = 0; i < 5; ++i) std::memcpy(digest[i], &s[i], sizeof s[i]);
        for (int lane = 0; lane < L; ++lane) {
            const std::size_t k = static_cast<std::size_t>(chunk * L + lane);
            if (k >= n) break;
            for (int i = 0; i < 5; ++i) std::memcpy(out[k] + 4 * i, &digest[i][lane], 4);
        }
    }
}

// Keccak-256 of n <= L 64-byte messages, in vectors V of L uint64_t.
template <class V, int L>
VANIKEYS_LANES_INLINE void keccak256_64_group(const std::uint8_t (*in)[64], std::size_t n,
                                              std::uint8_t (*out)[32]) {
    alignas(64) std::uint64_t words[8][L];
    for (int lane = 0; lane < L; ++lane) {
        const std::uint8_t* msg = in[static_cast<std::size_t>(lane) < n ? lane : 0];
        for (int i = 0; i < 8; ++i) std::memcpy(&words[i][lane], msg + 8 * i, 8);
    }
    V w[8], d[4];
    for (int i = 0; i < 8; ++i) w[i] = load_row<V>(words[i]);
    keccak256_64_words(w, d);
    alignas(64) std::uint64_t digest[4][L];
    for (int i = 0; i < 4; ++i) std::memcpy(digest[i], &d[i], sizeof d[i]);
    for (std::size_t lane = 0; lane < n; ++lane)
        for (int i = 0; i < 4; ++i) std::memcpy(out[lane] + 8 * i, &digest[i][lane], 8);
}

template <class V, int L>
VANIKEYS_LANES_INLINE void keccak256_64_batch(const std::uint8_t (*in)[64],
                                              std::uint8_t (*out)[32], std::size_t count) {
    for (std::size_t done = 0; done < count; done += L) {
        const std::size_t n = count - done < L ? count - done : L;
        keccak256_64_group<V, L>(in + done, n, out + done);
    }
}

} // namespace vanikeys::hash::lanes
