// The four key formats of SPEC §1 as data: names, the alphabet their free part is written in,
// the fixed lead, and the free part's length. Everything format-specific that the pattern
// validator, the matcher and the estimate need to agree on starts here.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "engine/core/hd.h"

namespace vanikeys {

enum class KeyFormat : std::uint8_t { DidKey = 0, P2pkh = 1, Eth = 2, Npub = 3 };
inline constexpr int kFormatCount = 4;

// A set of matcher-alphabet symbols: bit i stands for symbol index i (alphabets have <= 58).
using SymbolSet = std::uint64_t;

// The longest free part of any format (npub: 52 data + 6 checksum characters).
inline constexpr int kMaxFreeLength = 58;

struct FormatInfo {
    KeyFormat id;
    std::string_view name;         // the --format value: "didkey", "p2pkh", "eth", "npub"
    std::string_view title;        // for people: "did:key (secp256k1)"
    std::string_view alphabet_name;  // for messages: "base58", "hex", "bech32"
    // The matcher alphabet, in symbol-index order. The free part is handled as a string of
    // symbol indices into this alphabet, never as text, on the CPU and the GPU alike.
    //  - base58 (didkey, p2pkh): index = base58 digit value.
    //  - bech32 (npub): index = 5-bit data value (BIP-173 charset order).
    //  - eth: 0-15 are the lowercase hex digits (index = nibble), 16-21 are 'A'-'F', the
    //    upper case that the EIP-55 checksum gives a letter about half of the time.
    std::string_view symbols;
    std::string_view fixed_lead;   // never matched against: "did:key:zQ3sh", "1", "0x", "npub1"
    int free_min_length;           // p2pkh: 32 (rarely fewer, see below); others: fixed
    int free_max_length;
};

// Symbol strings, in index order.
inline constexpr std::string_view kBase58Symbols =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
inline constexpr std::string_view kBech32Symbols = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
inline constexpr std::string_view kEthSymbols = "0123456789abcdefABCDEF";

// How each free part arises from the key (what the estimate models as uniform):
//  - didkey: V = (0xE70102 or 0xE70103) * 2^256 + x, x the public key's x-coordinate, the
//    middle byte choosing y's parity. base58(V) always has 48 digits; the top 4 are "Q3sh"
//    for every key (the fixed lead) and the free part is the other 44. Its first character
//    lies between 'M' and 'w'.
//  - p2pkh: the 25 bytes 0x00 || h160 || checksum (4 bytes of SHA-256d). The leading 0x00
//    gives the fixed '1'; every further leading zero byte of h160 gives one more '1' in the
//    free part, followed by base58 of the 192-bit number h160 || checksum. Length 33 when that
//    number is >= 58^32 (about 95.6 % of keys), 32 below, shorter with extra leading ones.
//  - eth: 40 lowercase hex digits of the last 20 bytes of Keccak-256(x || y); a letter is
//    upper case when the matching nibble of Keccak-256(lowercase address text) is >= 8.
//  - npub: bech32 "npub" of the 32-byte x-only key: 52 data symbols (x as a 260-bit number
//    x * 16, 5 bits per symbol, so the last data symbol is 'q' or 's') and 6 checksum symbols.
//    Every key has both k and n-k mapping to the same npub (x-only).
inline constexpr FormatInfo kFormats[kFormatCount] = {
    {KeyFormat::DidKey, "didkey", "did:key (secp256k1)", "base58", kBase58Symbols,
     "did:key:zQ3sh", 44, 44},
    {KeyFormat::P2pkh, "p2pkh", "Bitcoin address (P2PKH)", "base58", kBase58Symbols, "1", 32, 33},
    {KeyFormat::Eth, "eth", "Ethereum address", "hex", kEthSymbols, "0x", 40, 40},
    {KeyFormat::Npub, "npub", "Nostr public key (npub)", "bech32", kBech32Symbols, "npub1", 58, 58},
};

constexpr const FormatInfo& format_info(KeyFormat f) { return kFormats[static_cast<int>(f)]; }

inline std::optional<KeyFormat> parse_format_name(std::string_view name) {
    for (const FormatInfo& info : kFormats)
        if (info.name == name) return info.id;
    return std::nullopt;
}

// Symbol index of character c in the format's matcher alphabet, or -1.
constexpr int symbol_index(KeyFormat f, char c) {
    const std::string_view s = format_info(f).symbols;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s[i] == c) return static_cast<int>(i);
    return -1;
}

} // namespace vanikeys
