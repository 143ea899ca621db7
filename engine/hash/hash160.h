// Bitcoin's HASH160 = RIPEMD-160(SHA-256(m)), host and device. hash160_33 is the per-key
// step of P2PKH (the compressed public key); hash_batch.h has the fast host batch version.
#pragma once

#include <cstddef>
#include <cstdint>

#include "engine/core/hd.h"
#include "engine/hash/ripemd160.h"
#include "engine/hash/sha256.h"

namespace vanikeys::hash {

// Reverses the bytes of each 32-bit word (W: uint32_t, or a vector of them).
template <class W>
VANIKEYS_HD_HOT W byte_swap32(W v) {
    return (v << 24) | ((v & 0xff00u) << 8) | ((v >> 8) & 0xff00u) | (v >> 24);
}

// SHA-256 leaves big-endian digest words; RIPEMD-160 reads the same bytes as little-endian
// words. So the RIPEMD-160 input word i is the byte-swapped SHA-256 state word i.
VANIKEYS_HD_HOT void hash160_33_words(const std::uint8_t key[33], std::uint32_t digest[5]) {
    std::uint32_t sha[8];
    sha256_33_words(key, sha);
    VANIKEYS_UNROLL
    for (int i = 0; i < 8; ++i) sha[i] = byte_swap32(sha[i]);
    ripemd160_32_words(sha, digest);
}

VANIKEYS_HD void hash160_33(const std::uint8_t key[33], std::uint8_t out[20]) {
    std::uint32_t digest[5];
    hash160_33_words(key, digest);
    ripemd160_detail::store_state(digest, out);
}

VANIKEYS_HD void hash160(const std::uint8_t* data, std::size_t len, std::uint8_t out[20]) {
    std::uint8_t sha[32];
    sha256(data, len, sha);
    ripemd160(sha, 32, out);
}

} // namespace vanikeys::hash
