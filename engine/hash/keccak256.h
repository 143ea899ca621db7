// Keccak-256 as Ethereum uses it: the original Keccak submission's padding (0x01 ... 0x80),
// not FIPS 202 SHA3-256's (0x06 ... 0x80). Written once for the host and the GPU; the
// permutation is a template over the lane type so hash_lanes.h can run 4 or 8 at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>

#include "engine/core/hd.h"
#include "engine/hash/unroll.h"

namespace vanikeys::hash {

namespace keccak_detail {

// Rotation offset of lane x + 5y (FIPS 202 §3.2.2 rho: walk (x, y) from (1, 0) with
// (x, y) <- (y, 2x + 3y) and rotate the t-th lane by (t + 1)(t + 2) / 2).
VANIKEYS_HD constexpr int rho_offset(int lane) {
    int x = 1, y = 0;
    for (int t = 0; t < 24; ++t) {
        if (x + 5 * y == lane) return ((t + 1) * (t + 2) / 2) % 64;
        const int next_y = (2 * x + 3 * y) % 5;
        x = y;
        y = next_y;
    }
    return 0;  // lane 0 is not rotated
}

// Where pi moves lane x + 5y: to lane y + 5 * ((2x + 3y) mod 5).
VANIKEYS_HD constexpr int pi_target(int lane) {
    const int x = lane % 5, y = lane / 5;
    return y + 5 * ((2 * x + 3 * y) % 5);
}

// Round constant of round ir (FIPS 202 §3.2.5 iota, from the degree-8 LFSR rc(t)).
VANIKEYS_HD constexpr std::uint64_t round_constant(int ir) {
    std::uint64_t rc = 0;
    for (int j = 0; j <= 6; ++j) {
        int t = j + 7 * ir;
        std::uint32_t r = 1;  // the LFSR state, bit 0 = R[0]
        for (int i = 1; i <= t % 255; ++i) {
            r <<= 1;  // R = 0 || R
            if (r & 0x100) r ^= 0x171;  // R[0,4,5,6] ^= R[8], then drop R[8]
        }
        if (r & 1) rc |= std::uint64_t{1} << ((1 << j) - 1);
    }
    return rc;
}

template <int N, class W>
VANIKEYS_HD_HOT W rotl(W x) {
    if constexpr (N == 0) return x;
    else return (x << N) | (x >> (64 - N));
}

template <class W, int... I>
VANIKEYS_HD_HOT void rho_pi(const W a[25], W b[25], std::integer_sequence<int, I...>) {
    ((b[pi_target(I)] = rotl<rho_offset(I)>(a[I])), ...);
}

template <int R, class W>
VANIKEYS_HD_HOT void round(W a[25]) {
    W c[5], d[5], b[25];
    VANIKEYS_UNROLL
    for (int x = 0; x < 5; ++x) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    VANIKEYS_UNROLL
    for (int x = 0; x < 5; ++x) d[x] = c[(x + 4) % 5] ^ rotl<1>(c[(x + 1) % 5]);
    VANIKEYS_UNROLL
    for (int i = 0; i < 25; ++i) a[i] = a[i] ^ d[i % 5];
    rho_pi(a, b, std::make_integer_sequence<int, 25>{});
    VANIKEYS_UNROLL
    for (int i = 0; i < 25; ++i) {
        const int row = i - i % 5;
        a[i] = b[i] ^ (~b[row + (i + 1) % 5] & b[row + (i + 2) % 5]);
    }
    constexpr std::uint64_t rc = round_constant(R);
    a[0] = a[0] ^ rc;
}

template <class W, int... R>
VANIKEYS_HD_HOT void rounds(W a[25], std::integer_sequence<int, R...>) {
    (round<R>(a), ...);
}

inline constexpr int kRate = 136;  // bytes: 1600 - 2 * 256 bits of capacity

VANIKEYS_HD_HOT std::uint64_t load_le64(const std::uint8_t* p) {
    std::uint64_t v = 0;
    VANIKEYS_UNROLL
    for (int i = 0; i < 8; ++i) v |= std::uint64_t{p[i]} << (8 * i);
    return v;
}

VANIKEYS_HD_HOT void store_le64(std::uint8_t* p, std::uint64_t v) {
    VANIKEYS_UNROLL
    for (int i = 0; i < 8; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}

} // namespace keccak_detail

// Keccak-f[1600] on any lane type W with the unsigned 64-bit operators. a[x + 5y] is lane
// (x, y) of FIPS 202; on output a holds the permuted state.
template <class W>
VANIKEYS_HD_HOT void keccak_f1600(W a[25]) {
    keccak_detail::rounds(a, std::make_integer_sequence<int, 24>{});
}

// The Keccak sponge with rate 136 and padding byte `pad` (0x01: Keccak-256, 0x06: SHA3-256).
VANIKEYS_HD void keccak256_sponge(const std::uint8_t* data, std::size_t len, std::uint8_t pad,
                                  std::uint8_t out[32]) {
    using keccak_detail::kRate;
    std::uint64_t a[25];
    for (int i = 0; i < 25; ++i) a[i] = 0;
    for (; len >= kRate; data += kRate, len -= kRate) {
        for (int i = 0; i < kRate / 8; ++i) a[i] ^= keccak_detail::load_le64(data + 8 * i);
        keccak_f1600(a);
    }
    std::uint8_t block[kRate];
    for (std::size_t i = 0; i < len; ++i) block[i] = data[i];
    for (std::size_t i = len; i < kRate; ++i) block[i] = 0;
    block[len] = pad;
    block[kRate - 1] |= 0x80;
    for (int i = 0; i < kRate / 8; ++i) a[i] ^= keccak_detail::load_le64(block + 8 * i);
    keccak_f1600(a);
    for (int i = 0; i < 4; ++i) keccak_detail::store_le64(out + 8 * i, a[i]);
}

VANIKEYS_HD void keccak256(const std::uint8_t* data, std::size_t len, std::uint8_t out[32]) {
    keccak256_sponge(data, len, 0x01, out);
}

// FIPS 202 SHA3-256: the same permutation with the standard's padding. Not used by any format;
// it lets the tests check the permutation and sponge against an independent SHA3-256.
VANIKEYS_HD void sha3_256(const std::uint8_t* data, std::size_t len, std::uint8_t out[32]) {
    keccak256_sponge(data, len, 0x06, out);
}

// Keccak-256 of a 64-byte message given as its eight little-endian 64-bit words (an
// uncompressed public key x || y, as lanes): one block, the padding folded in.
// On output, digest[0..3] hold the four little-endian words of the digest.
template <class W>
VANIKEYS_HD_HOT void keccak256_64_words(const W in[8], W digest[4]) {
    W a[25];
    VANIKEYS_UNROLL
    for (int i = 0; i < 8; ++i) a[i] = in[i];
    a[8] = W{} + std::uint64_t{0x01};
    VANIKEYS_UNROLL
    for (int i = 9; i < 25; ++i) a[i] = W{};
    a[16] = W{} + (std::uint64_t{0x80} << 56);  // the final padding bit, byte 135 of the block
    keccak_f1600(a);
    VANIKEYS_UNROLL
    for (int i = 0; i < 4; ++i) digest[i] = a[i];
}

VANIKEYS_HD void keccak256_64(const std::uint8_t in[64], std::uint8_t out[32]) {
    std::uint64_t words[8], digest[4];
    VANIKEYS_UNROLL
    for (int i = 0; i < 8; ++i) words[i] = keccak_detail::load_le64(in + 8 * i);
    keccak256_64_words(words, digest);
    VANIKEYS_UNROLL
    for (int i = 0; i < 4; ++i) keccak_detail::store_le64(out + 8 * i, digest[i]);
}

} // namespace vanikeys::hash
