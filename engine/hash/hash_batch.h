// Host batch hashing for the CPU searcher: HASH160 of compressed keys and Keccak-256 of
// uncompressed keys, on a batch of candidates at a time, with the fastest code this CPU runs
// (SHA-NI, AVX2, AVX-512; chosen at run time, never at build time).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace vanikeys::hash {

// The host hash back ends. Each names the code used for each hash:
//   Portable     the VANIKEYS_HD code (the GPU's), one message at a time;
//   Avx2         SHA-256 and RIPEMD-160 8 messages per vector, Keccak 4 per vector;
//   ShaNiAvx2    SHA-256 with the SHA extensions, the rest as Avx2;
//   Avx512       SHA-256 and RIPEMD-160 16 per vector, Keccak 8 per vector;
//   ShaNiAvx512  SHA-256 with the SHA extensions, the rest as Avx512.
enum class HashBackend : std::uint8_t { Portable, Avx2, ShaNiAvx2, Avx512, ShaNiAvx512 };

// HASH160 = RIPEMD-160(SHA-256(key)) of each 33-byte compressed public key.
// On input, keys[0..count) are the keys; on output, out[i] is the HASH160 of keys[i].
// keys and out must not overlap. Thread-safe.
void hash160_33_batch(const std::uint8_t (*keys)[33], std::uint8_t (*out)[20], std::size_t count);

// The 25 bytes that a P2PKH address is the base58 of, for each 33-byte compressed key: the
// version byte 0x00, HASH160(key), and the first 4 bytes of SHA-256d of those 21 bytes (feed
// them to encoding::base58_digits<25, 34>). keys and out must not overlap. Thread-safe.
// With `checksum` false the last 4 bytes are zero instead (for prefix patterns, which rarely
// need them: see p2pkh_free_prefix_without_checksum).
void p2pkh_payload_33_batch(const std::uint8_t (*keys)[33], std::uint8_t (*out)[25],
                            std::size_t count, bool checksum = true);

// Keccak-256 (Ethereum's) of each 64-byte message (an uncompressed key x || y without the
// 0x04 prefix). in and out must not overlap. Thread-safe.
void keccak256_64_batch(const std::uint8_t (*in)[64], std::uint8_t (*out)[32], std::size_t count);

// The back end in use: the fastest this CPU supports unless a test forced another.
HashBackend hash_backend();
// For bench output and logs: "portable", "avx2", "sha-ni+avx2", "avx512", "sha-ni+avx512".
std::string_view hash_backend_name();
std::string_view hash_backend_name(HashBackend backend);

// Every back end this CPU can run, least preferred (Portable) first.
std::span<const HashBackend> available_hash_backends();

// Tests (and benches) force a back end: returns false, changing nothing, when this CPU cannot
// run it. Affects every thread; not meant to be called while other threads hash.
bool set_hash_backend_for_testing(HashBackend backend);
// Back to the automatic choice.
void reset_hash_backend_for_testing();

} // namespace vanikeys::hash
