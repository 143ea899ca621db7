// The reference implementation: libsecp256k1 (Bitcoin Core's library) derives every public key
// we show and every secret we rebuild, in constant time. Our own arithmetic only proposes.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "engine/core/secret_key.h"

namespace vanikeys {

// A public key in the two serialisations the formats need.
struct PublicKey {
    std::array<std::uint8_t, 33> compressed{};  // SEC1: 02/03 || x
    std::array<std::uint8_t, 64> xy{};          // x || y, big endian (uncompressed without 04)

    friend bool operator==(const PublicKey&, const PublicKey&) = default;
};

// k*G via libsecp256k1. nullopt when `secret` is not a valid key (0 or >= n).
std::optional<PublicKey> libsecp_public_key(const SecretKey& secret);

// Parses a SEC1 public key (33-byte compressed or 65-byte uncompressed) via libsecp256k1.
std::optional<PublicKey> libsecp_parse_public_key(const std::uint8_t* data, std::size_t size);

// Constant-time scalar arithmetic mod n on secrets (libsecp256k1's tweak functions). Each
// returns false when the result would be invalid (zero) or an input is out of range.
bool libsecp_secret_add(SecretKey& secret, const std::array<std::uint8_t, 32>& tweak);
bool libsecp_secret_mul(SecretKey& secret, const std::array<std::uint8_t, 32>& tweak);
bool libsecp_secret_negate(SecretKey& secret);
bool libsecp_secret_valid(const SecretKey& secret);

// Public-key arithmetic: Q + t*G and Q*t (for split-key results).
std::optional<PublicKey> libsecp_public_add_tweak(const PublicKey& q, const std::array<std::uint8_t, 32>& tweak);
std::optional<PublicKey> libsecp_public_mul_tweak(const PublicKey& q, const std::array<std::uint8_t, 32>& tweak);
std::optional<PublicKey> libsecp_public_negate(const PublicKey& q);

} // namespace vanikeys
