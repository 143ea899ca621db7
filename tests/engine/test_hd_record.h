// One record of host/device cross-check work for test_hash_gpu: every hash and hot-path
// encoding of the engine, computed by the same VANIKEYS_HD code on the GPU (in a kernel) and
// on the CPU, so the two can be compared byte for byte.
#pragma once

#include <cstdint>

#include "engine/encoding/base58.h"
#include "engine/encoding/bech32.h"
#include "engine/encoding/hex.h"
#include "engine/hash/hash160.h"
#include "engine/hash/keccak256.h"
#include "engine/hash/ripemd160.h"
#include "engine/hash/sha256.h"

namespace vanikeys::test {

inline constexpr int kRecordInputBytes = 300;
inline constexpr int kRecordOutputBytes = 32 + 20 + 32 + 4 + 20 + 32 + 48 + 34 + 58 + 8;

// On input, in[0..kRecordInputBytes) with len <= kRecordInputBytes the message length for the
// generic hashes; on output, out[0..kRecordOutputBytes) the results, in a fixed order.
VANIKEYS_HD void compute_record(const std::uint8_t* in, std::uint32_t len, std::uint8_t* out) {
    hash::sha256(in, len, out);
    out += 32;
    hash::ripemd160(in, len, out);
    out += 20;
    hash::keccak256(in, len, out);
    out += 32;
    hash::sha256d_checksum(in, len, out);
    out += 4;
    hash::hash160_33(in, out);
    out += 20;
    hash::keccak256_64(in, out);
    out += 32;
    encoding::base58_digits<35, 48>(in, out);
    out += 48;
    std::uint8_t p2pkh[25];
    for (int i = 0; i < 25; ++i) p2pkh[i] = in[i];
    p2pkh[0] = 0;  // a P2PKH payload's version byte keeps it below 58^34
    encoding::base58_digits<25, 34>(p2pkh, out);
    out += 34;
    encoding::npub_symbols(in, out);
    out += 58;
    const std::uint64_t mask = encoding::eip55_upper_mask(in);
    for (int i = 0; i < 8; ++i) out[i] = static_cast<std::uint8_t>(mask >> (8 * i));
}

} // namespace vanikeys::test
