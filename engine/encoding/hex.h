// Hex strings, and Ethereum's EIP-55 mixed-case checksum: the host string form and the
// hot-path form (which letters are upper case, as a bit mask) for host and device.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/hd.h"
#include "engine/hash/keccak256.h"
#include "engine/hash/unroll.h"

namespace vanikeys::encoding {

// Lowercase hex, two digits per byte, no prefix.
std::string hex_encode(std::span<const std::uint8_t> data);

// The bytes of a hex string. Accepts upper and lower case digits and one optional "0x" or
// "0X" prefix; nullopt for an odd number of digits or any other character (no white space).
std::optional<std::vector<std::uint8_t>> hex_decode(std::string_view text);

// The EIP-55 form of a 20-byte address: "0x" and 40 hex digits, each letter upper case when
// the matching nibble of Keccak-256(the 40 lowercase digits as ASCII) is 8 or more.
std::string eth_checksum_address(const std::uint8_t addr[20]);

// Bit i set when hex digit i of the address (0 = the first after "0x") is a letter that
// EIP-55 shows in upper case. One Keccak-256 of the lowercase digits, no strings.
VANIKEYS_HD std::uint64_t eip55_upper_mask(const std::uint8_t addr[20]) {
    // The 40 lowercase ASCII digits are exactly five little-endian 64-bit lanes of the block.
    std::uint64_t a[25];
    VANIKEYS_UNROLL
    for (int lane = 0; lane < 5; ++lane) {
        std::uint64_t v = 0;
        VANIKEYS_UNROLL
        for (int b = 0; b < 8; ++b) {
            const int digit = 8 * lane + b;
            const std::uint32_t nibble = (digit & 1) ? addr[digit / 2] & 15u : addr[digit / 2] >> 4;
            const std::uint32_t ascii = nibble < 10 ? '0' + nibble : 'a' - 10 + nibble;
            v |= std::uint64_t{ascii} << (8 * b);
        }
        a[lane] = v;
    }
    a[5] = 0x01;  // Keccak padding right after the 40 bytes
    VANIKEYS_UNROLL
    for (int i = 6; i < 25; ++i) a[i] = 0;
    a[16] = std::uint64_t{0x80} << 56;  // and the last bit of the 136-byte block
    hash::keccak_f1600(a);
    std::uint64_t mask = 0;
    VANIKEYS_UNROLL
    for (int digit = 0; digit < 40; ++digit) {
        const int byte = digit / 2;
        const std::uint32_t hash_byte = static_cast<std::uint32_t>(a[byte / 8] >> (8 * (byte % 8))) & 0xff;
        const std::uint32_t hash_nibble = (digit & 1) ? hash_byte & 15u : hash_byte >> 4;
        const std::uint32_t nibble = (digit & 1) ? addr[byte] & 15u : addr[byte] >> 4;
        if (nibble >= 10 && hash_nibble >= 8) mask |= std::uint64_t{1} << digit;
    }
    return mask;
}

// The 40 digits of an address as symbol indices of the eth matcher alphabet
// (format_info.h: 0-15 = "0".."9", "a".."f"; 16-21 = "A".."F"), upper case per upper_mask.
VANIKEYS_HD void eth_address_symbols(const std::uint8_t addr[20], std::uint64_t upper_mask,
                                     std::uint8_t symbols[40]) {
    VANIKEYS_UNROLL
    for (int digit = 0; digit < 40; ++digit) {
        const std::uint32_t nibble = (digit & 1) ? addr[digit / 2] & 15u : addr[digit / 2] >> 4;
        const std::uint32_t upper = static_cast<std::uint32_t>(upper_mask >> digit) & 1u;
        symbols[digit] = static_cast<std::uint8_t>(nibble + 6 * upper);
    }
}

} // namespace vanikeys::encoding
