// Address text for each format (SPEC §1) from a public key, the private-key texts users import
// (hex, WIF, nsec), and the free part of an address as matcher symbols.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/result.h"
#include "engine/core/secret_key.h"
#include "engine/format/format_info.h"
#include "engine/verify/libsecp.h"

namespace vanikeys {

// The full address a user sees: did:key:zQ3sh..., 1..., 0x... (EIP-55 case), npub1...
std::string address_of(KeyFormat format, const PublicKey& key);

// Where the free part starts in the address text (the fixed lead's length).
inline int free_part_offset(KeyFormat format) {
    return static_cast<int>(format_info(format).fixed_lead.size());
}

// The free part of `address` as symbol indices into the format's matcher alphabet, or nullopt
// if the text is not an address of that format (wrong lead, foreign characters, length).
std::optional<std::vector<std::uint8_t>> free_part_symbols(KeyFormat format, std::string_view address);

// Private-key texts. hex: 64 lowercase digits. WIF: compressed, mainnet (starts with K or L).
// nsec: NIP-19 bech32.
std::string secret_hex(const SecretKey& secret);
std::string secret_wif(const SecretKey& secret);
std::string secret_nsec(const SecretKey& secret);

// Accepts 64 hex digits (optionally 0x), a compressed mainnet WIF, or an nsec; rejects
// anything that is not a valid secp256k1 private key (0 or >= n) with a message that says why.
// The message never contains the input.
Result<SecretKey> parse_secret(std::string_view text);

// A SEC1 public key in hex (33-byte compressed or 65-byte uncompressed).
Result<PublicKey> parse_public_key_hex(std::string_view hex);

std::string public_key_hex(const PublicKey& key);  // compressed, 66 hex digits

} // namespace vanikeys
