// Bech32 (BIP-173; not BIP-350's bech32m) and the NIP-19 npub/nsec strings built on it: the
// host string functions, and the hot-path npub symbols (values 0..31) for host and device.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/hd.h"
#include "engine/core/secret_key.h"
#include "engine/hash/unroll.h"

namespace vanikeys::encoding {

inline constexpr std::string_view kBech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

struct Bech32Decoded {
    std::string hrp;                 // lower case
    std::vector<std::uint8_t> data;  // 5-bit values, the checksum removed
};

// hrp + "1" + the data symbols + the 6 checksum symbols, all lower case. The hrp must be 1 to
// 83 characters in 33..126 (upper-case letters are lowered) and every data value below 32;
// otherwise the result is "".
std::string bech32_encode(std::string_view hrp, std::span<const std::uint8_t> data5);

// A bech32 string by BIP-173's rules (at most 90 characters, not mixed case, non-empty hrp of
// characters 33..126, the last "1" followed by at least 6 charset characters, a valid
// checksum); nullopt otherwise.
std::optional<Bech32Decoded> bech32_decode(std::string_view text);

// Regroups a bit string from `from`-bit to `to`-bit values (1..8 bits each), big-endian.
// With pad, a short last group is zero-filled; without, leftover bits must be fewer than
// `from` and zero. nullopt when an input value does not fit in `from` bits or padding is wrong.
std::optional<std::vector<std::uint8_t>> convert_bits(std::span<const std::uint8_t> in, int from,
                                                      int to, bool pad);

// NIP-19 strings of a 32-byte x-only public key ("npub1" + 58 symbols) and a 32-byte secret
// key ("nsec1" + 58 symbols).
std::string npub_encode(const std::uint8_t x[32]);
std::string nsec_encode(const SecretKey& key);
std::optional<std::array<std::uint8_t, 32>> npub_decode(std::string_view text);
std::optional<SecretKey> nsec_decode(std::string_view text);

namespace bech32_detail {

// One step of BIP-173's checksum polynomial (the reference "polymod"), without branches.
VANIKEYS_HD_HOT constexpr std::uint32_t polymod_step(std::uint32_t chk, std::uint32_t value) {
    const std::uint32_t top = chk >> 25;
    chk = ((chk & 0x1ffffffu) << 5) ^ value;
    chk ^= (0u - (top & 1u)) & 0x3b6a57b2u;
    chk ^= (0u - ((top >> 1) & 1u)) & 0x26508e6du;
    chk ^= (0u - ((top >> 2) & 1u)) & 0x1ea119fau;
    chk ^= (0u - ((top >> 3) & 1u)) & 0x3d4233ddu;
    chk ^= (0u - ((top >> 4) & 1u)) & 0x2a1462b3u;
    return chk;
}

// The checksum state after the expanded hrp (high bits, 0, low bits), from the start value 1.
constexpr std::uint32_t hrp_state(std::string_view hrp) {
    std::uint32_t chk = 1;
    for (char c : hrp) chk = polymod_step(chk, static_cast<std::uint32_t>(static_cast<unsigned char>(c)) >> 5);
    chk = polymod_step(chk, 0);
    for (char c : hrp) chk = polymod_step(chk, static_cast<std::uint32_t>(static_cast<unsigned char>(c)) & 31);
    return chk;
}

inline constexpr std::uint32_t kNpubHrpState = hrp_state("npub");

// The polymod step is linear in the state, so an npub's checksum is a constant (the "npub"
// part and the six closing zeros) xor one term per data symbol: base ^ term[i][data[i]], where
// term[i][v] is v carried through the 57 - i steps that follow it. Host only (a 6.5 KB table).
struct NpubChecksumTable {
    std::uint32_t base;
    std::uint32_t term[52][32];
};

constexpr NpubChecksumTable make_npub_checksum_table() {
    NpubChecksumTable table{};
    std::uint32_t chk = kNpubHrpState;
    for (int i = 0; i < 58; ++i) chk = polymod_step(chk, 0);
    table.base = chk ^ 1;  // bech32's final constant
    for (int i = 0; i < 52; ++i) {
        for (std::uint32_t v = 0; v < 32; ++v) {
            std::uint32_t term = v;
            for (int step = i + 1; step < 58; ++step) term = polymod_step(term, 0);
            table.term[i][v] = term;
        }
    }
    return table;
}

inline constexpr NpubChecksumTable kNpubChecksumTable = make_npub_checksum_table();

VANIKEYS_HD_HOT void checksum_symbols(std::uint32_t chk, std::uint8_t checksum[6]) {
    VANIKEYS_UNROLL
    for (int i = 0; i < 6; ++i) checksum[i] = static_cast<std::uint8_t>((chk >> (5 * (5 - i))) & 31);
}

} // namespace bech32_detail

// The 52 data symbols of npub(x): x as a 260-bit big-endian number (x * 16), 5 bits each.
VANIKEYS_HD void npub_data_symbols(const std::uint8_t x[32], std::uint8_t data[52]) {
    // Six groups of 5 bytes = 8 symbols each, then 2 bytes + 4 zero bits = 4 symbols.
    VANIKEYS_UNROLL
    for (int g = 0; g < 6; ++g) {
        std::uint64_t v = 0;
        VANIKEYS_UNROLL
        for (int b = 0; b < 5; ++b) v = (v << 8) | x[5 * g + b];
        VANIKEYS_UNROLL
        for (int s = 0; s < 8; ++s) data[8 * g + s] = static_cast<std::uint8_t>((v >> (35 - 5 * s)) & 31);
    }
    const std::uint32_t tail = ((std::uint32_t{x[30]} << 8) | x[31]) << 4;
    VANIKEYS_UNROLL
    for (int s = 0; s < 4; ++s) data[48 + s] = static_cast<std::uint8_t>((tail >> (15 - 5 * s)) & 31);
}

// The 6 checksum symbols of an npub with these 52 data symbols, by BIP-173's definition: the
// polymod steps one symbol at a time from the precomputed "npub" state (what the GPU runs).
VANIKEYS_HD void npub_checksum_symbols_polymod(const std::uint8_t data[52], std::uint8_t checksum[6]) {
    std::uint32_t chk = bech32_detail::kNpubHrpState;
    for (int i = 0; i < 52; ++i) chk = bech32_detail::polymod_step(chk, data[i]);
    VANIKEYS_UNROLL
    for (int i = 0; i < 6; ++i) chk = bech32_detail::polymod_step(chk, 0);
    bech32_detail::checksum_symbols(chk ^ 1, checksum);  // bech32m would xor 0x2bc830a3
}

// The same checksum from the linear table: 52 independent lookups instead of 58 dependent
// steps (host only).
inline void npub_checksum_symbols_table(const std::uint8_t data[52], std::uint8_t checksum[6]) {
    const auto& table = bech32_detail::kNpubChecksumTable;
    std::uint32_t chk = table.base;
    for (int i = 0; i < 52; ++i) chk ^= table.term[i][data[i] & 31];
    bech32_detail::checksum_symbols(chk, checksum);
}

// The 6 checksum symbols of an npub with these 52 data symbols (values below 32).
VANIKEYS_HD void npub_checksum_symbols(const std::uint8_t data[52], std::uint8_t checksum[6]) {
#if VANIKEYS_ON_DEVICE
    npub_checksum_symbols_polymod(data, checksum);
#else
    npub_checksum_symbols_table(data, checksum);
#endif
}

// All 58 symbol values of npub(x) after "npub1": 52 data symbols, then 6 checksum symbols.
// Matchers that only look at the data part can call npub_data_symbols alone.
VANIKEYS_HD void npub_symbols(const std::uint8_t x[32], std::uint8_t out[58]) {
    npub_data_symbols(x, out);
    npub_checksum_symbols(out, out + 52);
}

} // namespace vanikeys::encoding
