// One candidate's free part, from its public point, with the portable code that the CUDA
// kernel runs (no batching, no SIMD). The CPU pipelines produce the same symbols faster; tests
// hold them to this.
#pragma once

#include <cstdint>

#include "engine/core/hd.h"
#include "engine/encoding/base58.h"
#include "engine/encoding/bech32.h"
#include "engine/encoding/hex.h"
#include "engine/format/format_info.h"
#include "engine/hash/hash160.h"
#include "engine/hash/keccak256.h"
#include "engine/hash/sha256.h"
#include "engine/pattern/matcher.h"

namespace vanikeys {

inline constexpr int kDidKeyDigits = 48;      // base58 digits of 0xE7 0x01 || compressed key
inline constexpr int kDidKeyLeadDigits = 4;   // "Q3sh", the same for every key
inline constexpr int kP2pkhDigits = 34;       // base58 digits of the 25-byte payload, zero-padded

// did:key: base58 of 0xE7 0x01 || (02|03) || x; the free part is digits 4..47.
VANIKEYS_HD int didkey_free_symbols(const std::uint8_t x[32], bool y_odd, std::uint8_t out[44]) {
    std::uint8_t payload[35];
    payload[0] = 0xE7;
    payload[1] = 0x01;
    payload[2] = y_odd ? 0x03 : 0x02;
    for (int i = 0; i < 32; ++i) payload[3 + i] = x[i];
    std::uint8_t digits[kDidKeyDigits];
    encoding::base58_digits<35, kDidKeyDigits>(payload, digits);
    for (int i = 0; i < kDidKeyDigits - kDidKeyLeadDigits; ++i) out[i] = digits[kDidKeyLeadDigits + i];
    return kDidKeyDigits - kDidKeyLeadDigits;
}

// P2PKH: the free part of "1" + base58check(0x00 || h160): one '1' (symbol 0) per further
// leading zero byte, then base58 of the 25-byte number without leading zeros.
VANIKEYS_HD int p2pkh_free_symbols_from_payload(const std::uint8_t payload[25], std::uint8_t out[33]) {
    std::uint8_t digits[kP2pkhDigits];
    encoding::base58_digits<25, kP2pkhDigits>(payload, digits);
    int zero_bytes = 0;
    while (zero_bytes < 25 && payload[zero_bytes] == 0) ++zero_bytes;
    int zero_digits = 0;
    while (zero_digits < kP2pkhDigits && digits[zero_digits] == 0) ++zero_digits;
    int n = 0;
    for (int i = 1; i < zero_bytes; ++i) out[n++] = 0;  // the first zero byte is the fixed lead
    for (int i = zero_digits; i < kP2pkhDigits; ++i) out[n++] = digits[i];
    return n;
}

// P2PKH prefix patterns without the checksum, which is half of the hashing. The payload is the
// number N = H * 2^32 + c, with c the checksum; on input payload[21..25) is zero (c = 0). As
// c < 2^32 < 58^6, adding it changes the 6 lowest of the 34 digits and carries at most 1 into
// digit 27, which climbs only through digits equal to 57: every digit above the lowest digit
// in 0..27 that is not 57 is the same for every checksum, and so are the leading zeros (the
// length). Writes the free part with c = 0 to `out` and returns its length when its first
// `needed` symbols are those of the real address; returns -1 when they might not be (about
// 58^-(28 - needed) of keys): then compute the checksum.
VANIKEYS_HD int p2pkh_free_prefix_without_checksum(const std::uint8_t payload[25], std::uint8_t out[33], int needed) {
    std::uint8_t digits[kP2pkhDigits];
    encoding::base58_digits<25, kP2pkhDigits>(payload, digits);
    int stable = kP2pkhDigits - 7;  // digits[0..stable) cannot change; digits[stable] may grow by 1
    while (stable >= 0 && digits[stable] == 57) --stable;
    int zero_bytes = 0;
    while (zero_bytes < 21 && payload[zero_bytes] == 0) ++zero_bytes;
    int zero_digits = 0;
    while (zero_digits < stable && digits[zero_digits] == 0) ++zero_digits;
    if (zero_bytes == 21 || zero_digits >= stable) return -1;
    const int ones = zero_bytes - 1;  // the first zero byte is the fixed lead
    if (needed > ones && zero_digits + (needed - ones) > stable) return -1;
    int n = 0;
    for (int i = 0; i < ones; ++i) out[n++] = 0;
    for (int i = zero_digits; i < kP2pkhDigits; ++i) out[n++] = digits[i];
    return n;
}

// payload[21..25) = the first 4 bytes of SHA-256d(payload[0..21)), the base58check checksum:
// two single-block compressions on words (no streaming buffer, which a GPU would keep in local
// memory).
VANIKEYS_HD void p2pkh_checksum(std::uint8_t payload[25]) {
    std::uint32_t w[16];
    VANIKEYS_UNROLL
    for (int i = 0; i < 5; ++i) w[i] = hash::sha256_detail::load_be32(payload + 4 * i);
    w[5] = (std::uint32_t{payload[20]} << 24) | 0x00800000u;
    VANIKEYS_UNROLL
    for (int i = 6; i < 15; ++i) w[i] = 0;
    w[15] = 21 * 8;
    std::uint32_t first[8];
    hash::sha256_detail::set_initial_state(first);
    hash::sha256_transform(first, w);
    std::uint32_t second[8];
    hash::sha256_32_words(first, second);
    hash::sha256_detail::store_be32(payload + 21, second[0]);
}

// payload[0..21) = 0x00 || HASH160(compressed key); the checksum bytes are left untouched.
VANIKEYS_HD void p2pkh_hash_payload(const std::uint8_t compressed[33], std::uint8_t payload[25]) {
    payload[0] = 0x00;
    hash::hash160_33(compressed, payload + 1);
}

VANIKEYS_HD void p2pkh_payload(const std::uint8_t compressed[33], std::uint8_t payload[25]) {
    p2pkh_hash_payload(compressed, payload);
    p2pkh_checksum(payload);
}

// The free part for a prefix pattern of `needed` characters, computing the checksum only where
// it can change those characters (p2pkh_free_prefix_without_checksum). On input payload[21..25)
// is zero; it holds the checksum on output if it was computed. Returns the length; on output
// out[0..known) are the real free part's first symbols (the rest is only valid when the
// checksum was computed, in which case known is the length).
VANIKEYS_HD int p2pkh_prefix_free_symbols(std::uint8_t payload[25], std::uint8_t out[33], int needed, int& known) {
    const int length = p2pkh_free_prefix_without_checksum(payload, out, needed);
    if (length >= 0) {
        known = needed < length ? needed : length;
        return length;
    }
    p2pkh_checksum(payload);
    known = p2pkh_free_symbols_from_payload(payload, out);
    return known;
}

// eth: the last 20 bytes of Keccak-256(x || y) as 40 symbols, letters upper case per EIP-55 when
// `with_case` (one more Keccak), else all lower case.
VANIKEYS_HD int eth_free_symbols(const std::uint8_t xy[64], bool with_case, std::uint8_t out[40]) {
    std::uint8_t digest[32];
    hash::keccak256_64(xy, digest);
    const std::uint64_t upper = with_case ? encoding::eip55_upper_mask(digest + 12) : 0;
    encoding::eth_address_symbols(digest + 12, upper, out);
    return 40;
}

// npub's symbols as far as matcher `m` reads them: a prefix of at most 52 characters never
// reads the 6 checksum symbols after the 52 data symbols, so they are not computed. Returns
// how many of out[0..58) are valid (52 or 58); match with length 58 either way.
VANIKEYS_HD int npub_symbols_for(const MatcherView& m, const std::uint8_t x[32], std::uint8_t out[58]) {
    if (m.mode == MatchMode::Prefix && m.position_count <= 52) {
        encoding::npub_data_symbols(x, out);
        return 52;
    }
    encoding::npub_symbols(x, out);
    return 58;
}

// Any format, from the candidate point's canonical big-endian coordinates.
VANIKEYS_HD int candidate_free_symbols(KeyFormat format, const std::uint8_t x[32], const std::uint8_t y[32],
                                       bool eth_case, std::uint8_t out[kMaxFreeLength]) {
    const bool y_odd = (y[31] & 1) != 0;
    switch (format) {
    case KeyFormat::DidKey: return didkey_free_symbols(x, y_odd, out);
    case KeyFormat::P2pkh: {
        std::uint8_t compressed[33];
        compressed[0] = y_odd ? 0x03 : 0x02;
        for (int i = 0; i < 32; ++i) compressed[1 + i] = x[i];
        std::uint8_t payload[25];
        p2pkh_payload(compressed, payload);
        return p2pkh_free_symbols_from_payload(payload, out);
    }
    case KeyFormat::Eth: {
        std::uint8_t xy[64];
        for (int i = 0; i < 32; ++i) {
            xy[i] = x[i];
            xy[32 + i] = y[i];
        }
        return eth_free_symbols(xy, eth_case, out);
    }
    case KeyFormat::Npub: encoding::npub_symbols(x, out); return 58;
    }
    return 0;
}

// Negation and endomorphism images that give distinct addresses: 6 per point, 3 for npub
// (x-only: P and -P share the npub).
VANIKEYS_HD constexpr int candidates_per_point(KeyFormat format) {
    return format == KeyFormat::Npub ? 3 : 6;
}

} // namespace vanikeys
