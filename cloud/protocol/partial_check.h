// Checks a split-key hit with public data only: the worker claims a partial (t, endo, negate)
// and the final public key K; with the user's Q we recompute
//     K' = sign * lambda^endo * (Q + t*G)
// with libsecp256k1 and require K' == K. A worker that lies about the partial is caught here,
// before the secret d is ever touched. (cloud/client/hit_verifier.h then derives the address
// from K, re-scores it, and rebuilds k from d.)
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "cloud/protocol/worker_protocol.h"

namespace vanikeys::cloud {

// True when q is a point on the curve (libsecp256k1 parses it).
bool is_valid_public_key(const std::array<std::uint8_t, 33>& q);

// The public key K that the partial implies for Q (compressed), or nullopt when Q is not a
// valid point or the partial leads to the point at infinity.
std::optional<std::array<std::uint8_t, 33>> partial_public_key(const std::array<std::uint8_t, 33>& q,
                                                               const WirePartial& partial);

// nullopt when hit.public_key is what hit.partial implies for Q; otherwise a Malformed error.
std::optional<CloudError> verify_hit_public_key(const std::array<std::uint8_t, 33>& q, const WireHit& hit);

// Every hit and best candidate of a result, checked with verify_hit_public_key, plus
// validate_result_for. nullopt when all of it holds.
std::optional<CloudError> verify_result(const WorkerJob& job, const WorkerResult& result);

} // namespace vanikeys::cloud
