// SHA-256 (FIPS 180-4), written once for the host and the GPU. The round function is a
// template over the word type so that the multi-lane CPU variants (hash_lanes.h) reuse it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>

#include "engine/core/hd.h"
#include "engine/hash/unroll.h"

namespace vanikeys::hash {

namespace sha256_detail {

inline constexpr std::uint32_t kRoundConstants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

// The initial hash value H(0). (Written as code, not a table: device code may read a host
// constexpr array only inside constant expressions.)
template <class W>
VANIKEYS_HD_HOT void set_initial_state(W s[8]) {
    s[0] = W{} + 0x6a09e667u;
    s[1] = W{} + 0xbb67ae85u;
    s[2] = W{} + 0x3c6ef372u;
    s[3] = W{} + 0xa54ff53au;
    s[4] = W{} + 0x510e527fu;
    s[5] = W{} + 0x9b05688cu;
    s[6] = W{} + 0x1f83d9abu;
    s[7] = W{} + 0x5be0cd19u;
}

template <int N, class W>
VANIKEYS_HD_HOT W rotr(W x) {
    return (x >> N) | (x << (32 - N));
}

// Round I of the compression. The eight working variables live in s[] and are renamed by
// index instead of moved: in round I, variable a is s[(0 - I) & 7], b is s[(1 - I) & 7], ...
// The message schedule is the rolling 16-word window w[] (FIPS 180-4 §6.2.2 step 1, in place).
template <int I, class W>
VANIKEYS_HD_HOT void round(W s[8], W w[16]) {
    constexpr int a = (0 - I) & 7, b = (1 - I) & 7, c = (2 - I) & 7, d = (3 - I) & 7;
    constexpr int e = (4 - I) & 7, f = (5 - I) & 7, g = (6 - I) & 7, h = (7 - I) & 7;
    if constexpr (I >= 16) {
        const W w2 = w[(I - 2) & 15];
        const W w15 = w[(I - 15) & 15];
        const W sigma1 = rotr<17>(w2) ^ rotr<19>(w2) ^ (w2 >> 10);
        const W sigma0 = rotr<7>(w15) ^ rotr<18>(w15) ^ (w15 >> 3);
        w[I & 15] = w[I & 15] + sigma1 + w[(I - 7) & 15] + sigma0;
    }
    const W big_sigma1 = rotr<6>(s[e]) ^ rotr<11>(s[e]) ^ rotr<25>(s[e]);
    const W choose = s[g] ^ (s[e] & (s[f] ^ s[g]));
    constexpr std::uint32_t k = kRoundConstants[I];
    const W t1 = s[h] + big_sigma1 + choose + k + w[I & 15];
    const W big_sigma0 = rotr<2>(s[a]) ^ rotr<13>(s[a]) ^ rotr<22>(s[a]);
    const W majority = (s[a] & s[b]) | (s[c] & (s[a] | s[b]));
    s[d] = s[d] + t1;
    s[h] = t1 + big_sigma0 + majority;
}

template <class W, int... I>
VANIKEYS_HD_HOT void rounds(W s[8], W w[16], std::integer_sequence<int, I...>) {
    (round<I>(s, w), ...);
}

VANIKEYS_HD_HOT std::uint32_t load_be32(const std::uint8_t* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) |
           (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]};
}

VANIKEYS_HD_HOT void store_be32(std::uint8_t* p, std::uint32_t v) {
    p[0] = static_cast<std::uint8_t>(v >> 24);
    p[1] = static_cast<std::uint8_t>(v >> 16);
    p[2] = static_cast<std::uint8_t>(v >> 8);
    p[3] = static_cast<std::uint8_t>(v);
}

VANIKEYS_HD_HOT void store_state(const std::uint32_t state[8], std::uint8_t out[32]) {
    VANIKEYS_UNROLL
    for (int i = 0; i < 8; ++i) store_be32(out + 4 * i, state[i]);
}

} // namespace sha256_detail

// One SHA-256 compression on any word type W that has the unsigned 32-bit operators (a
// uint32_t, or a GCC vector of them for several messages at once).
// On input, state holds the chaining value and w the 16 message words (big-endian words of
// the block). On output, state is the next chaining value; w is overwritten (schedule).
template <class W>
VANIKEYS_HD_HOT void sha256_transform(W state[8], W w[16]) {
    W s[8];
    VANIKEYS_UNROLL
    for (int i = 0; i < 8; ++i) s[i] = state[i];
    sha256_detail::rounds(s, w, std::make_integer_sequence<int, 64>{});
    VANIKEYS_UNROLL
    for (int i = 0; i < 8; ++i) state[i] = state[i] + s[i];
}

// One compression of a 64-byte block into state (the FIPS 180-4 chaining value).
VANIKEYS_HD void sha256_compress(std::uint32_t state[8], const std::uint8_t block[64]) {
    std::uint32_t w[16];
    VANIKEYS_UNROLL
    for (int i = 0; i < 16; ++i) w[i] = sha256_detail::load_be32(block + 4 * i);
    sha256_transform(state, w);
}

// Streaming SHA-256: update() any number of times, then finalize() once (after which the
// object must be reset() before reuse).
class Sha256 {
public:
    VANIKEYS_HD Sha256() { reset(); }

    VANIKEYS_HD void reset() {
        sha256_detail::set_initial_state(state_);
        length_ = 0;
    }

    VANIKEYS_HD Sha256& update(const std::uint8_t* data, std::size_t len) {
        std::size_t used = static_cast<std::size_t>(length_ % 64);
        length_ += len;
        if (used != 0) {
            const std::size_t take = len < 64 - used ? len : 64 - used;
            for (std::size_t i = 0; i < take; ++i) buffer_[used + i] = data[i];
            data += take;
            len -= take;
            used += take;
            if (used < 64) return *this;
            sha256_compress(state_, buffer_);
        }
        for (; len >= 64; data += 64, len -= 64) sha256_compress(state_, data);
        for (std::size_t i = 0; i < len; ++i) buffer_[i] = data[i];
        return *this;
    }

    // On output, out holds the digest of everything passed to update().
    VANIKEYS_HD void finalize(std::uint8_t out[32]) {
        const std::uint64_t bit_length = length_ * 8;
        std::size_t used = static_cast<std::size_t>(length_ % 64);
        buffer_[used++] = 0x80;
        if (used > 56) {
            for (; used < 64; ++used) buffer_[used] = 0;
            sha256_compress(state_, buffer_);
            used = 0;
        }
        for (; used < 56; ++used) buffer_[used] = 0;
        for (int i = 0; i < 8; ++i)
            buffer_[56 + i] = static_cast<std::uint8_t>(bit_length >> (56 - 8 * i));
        sha256_compress(state_, buffer_);
        sha256_detail::store_state(state_, out);
    }

private:
    std::uint32_t state_[8];
    std::uint8_t buffer_[64];
    std::uint64_t length_;
};

VANIKEYS_HD void sha256(const std::uint8_t* data, std::size_t len, std::uint8_t out[32]) {
    Sha256 h;
    h.update(data, len);
    h.finalize(out);
}

// SHA-256 of a 33-byte message (a compressed public key): one block, the padding folded in.
// On output, state holds the digest as eight big-endian words (word i = bytes 4i..4i+3).
VANIKEYS_HD_HOT void sha256_33_words(const std::uint8_t in[33], std::uint32_t state[8]) {
    std::uint32_t w[16];
    VANIKEYS_UNROLL
    for (int i = 0; i < 8; ++i) w[i] = sha256_detail::load_be32(in + 4 * i);
    w[8] = (std::uint32_t{in[32]} << 24) | 0x00800000u;
    VANIKEYS_UNROLL
    for (int i = 9; i < 15; ++i) w[i] = 0;
    w[15] = 33 * 8;
    sha256_detail::set_initial_state(state);
    sha256_transform(state, w);
}

VANIKEYS_HD void sha256_33(const std::uint8_t in[33], std::uint8_t out[32]) {
    std::uint32_t state[8];
    sha256_33_words(in, state);
    sha256_detail::store_state(state, out);
}

// SHA-256 of a 32-byte message given as eight big-endian words (e.g. a first SHA-256 digest
// in the form sha256_33_words() leaves it): the second half of SHA-256d without byte shuffles.
VANIKEYS_HD_HOT void sha256_32_words(const std::uint32_t in[8], std::uint32_t state[8]) {
    std::uint32_t w[16];
    VANIKEYS_UNROLL
    for (int i = 0; i < 8; ++i) w[i] = in[i];
    w[8] = 0x80000000u;
    VANIKEYS_UNROLL
    for (int i = 9; i < 15; ++i) w[i] = 0;
    w[15] = 32 * 8;
    sha256_detail::set_initial_state(state);
    sha256_transform(state, w);
}

// SHA-256(SHA-256(data)), Bitcoin's double hash.
VANIKEYS_HD void sha256d(const std::uint8_t* data, std::size_t len, std::uint8_t out[32]) {
    std::uint8_t first[32];
    sha256(data, len, first);
    std::uint32_t words[8];
    VANIKEYS_UNROLL
    for (int i = 0; i < 8; ++i) words[i] = sha256_detail::load_be32(first + 4 * i);
    std::uint32_t state[8];
    sha256_32_words(words, state);
    sha256_detail::store_state(state, out);
}

// The base58check checksum: the first 4 bytes of SHA-256d(data).
VANIKEYS_HD void sha256d_checksum(const std::uint8_t* data, std::size_t len, std::uint8_t out[4]) {
    std::uint8_t digest[32];
    sha256d(data, len, digest);
    for (int i = 0; i < 4; ++i) out[i] = digest[i];
}

} // namespace vanikeys::hash
