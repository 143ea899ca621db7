// Rebuilding the private key behind a candidate, in constant time with libsecp256k1.
// A searcher walks points (base + offset)*G and tests their negations and endomorphism images;
// a candidate is therefore identified by (base, offset, endo, negate) and its key is
//     k = (-1)^negate * lambda^endo * (base + offset)   (mod n).
// For a split-key search the base is the user's secret d (the searcher knows only Q = d*G), and
// (offset, endo, negate) is the SplitKeyPartial the searcher returns.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "engine/core/result.h"
#include "engine/core/secret_key.h"
#include "engine/search/search_engine.h"
#include "engine/verify/libsecp.h"

namespace vanikeys {

// lambda and lambda^2 mod n, big endian: lambda*(x, y) = (beta*x, y) on secp256k1.
const std::array<std::uint8_t, 32>& lambda_power_bytes(int endo);

// The 32-byte big-endian value of `start + offset` (mod n), for public offsets.
// Error when the sum is 0 mod n (the walk passed through the point at infinity).
Result<std::array<std::uint8_t, 32>> add_offset(const std::array<std::uint8_t, 32>& start, std::uint64_t offset);

// k = (-1)^negate * lambda^endo * (base + partial.offset). Constant time in the secrets.
// Error 3 if the result is not a valid key (probability ~2^-256: only a corrupt partial does it).
Result<SecretKey> derive_candidate_secret(const SecretKey& base, const SplitKeyPartial& partial);

// The public key of the same candidate from the public base point: (-1)^negate *
// lambda^endo * (Q + offset*G). This is what a split-key searcher can compute, and what a
// claimed partial is checked against before combine.
std::optional<PublicKey> derive_candidate_public(const PublicKey& base_point, const SplitKeyPartial& partial);

} // namespace vanikeys
