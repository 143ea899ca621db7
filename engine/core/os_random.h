// The only source of key material: the operating system's CSPRNG (getrandom(2)).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "engine/core/secret_key.h"

namespace vanikeys {

// Fills `out` from the OS CSPRNG. Throws std::runtime_error if the kernel refuses (it blocks
// only until the pool is initialised at boot, never afterwards).
void os_random_bytes(std::span<std::uint8_t> out);

// A uniformly random valid secp256k1 private key: 32 bytes from the OS CSPRNG, redrawn in the
// (astronomically rare) case they are 0 or >= n. All 256 bits come from the kernel.
SecretKey random_secret_key();

} // namespace vanikeys
