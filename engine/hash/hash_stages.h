// Internal to engine/hash: the per-ISA building blocks that hash_batch.cpp dispatches to.
// Each is defined in a file of its own compiled for its ISA (target attributes) and may be
// called only when the CPU has that ISA (hash_batch.cpp checks).
#pragma once

#include <cstddef>
#include <cstdint>

#include "engine/hash/hash_lanes.h"

namespace vanikeys::hash::stages {

using lanes::StageWords;

// SHA-256 stages: n <= lanes::kGroup 33-byte keys in, RIPEMD-160 input words out.
using Sha256Stage = void (*)(const std::uint8_t (*keys)[33], std::size_t n, StageWords words);
// RIPEMD-160 stages: n <= lanes::kGroup messages as stage words in, digests out.
using Ripemd160Stage = void (*)(const StageWords words, std::size_t n, std::uint8_t (*out)[20]);
// Keccak-256 of any number of 64-byte messages.
using Keccak256Batch = void (*)(const std::uint8_t (*in)[64], std::uint8_t (*out)[32],
                                std::size_t count);

void sha256_33_stage_portable(const std::uint8_t (*keys)[33], std::size_t n, StageWords words);
void ripemd160_32_stage_portable(const StageWords words, std::size_t n, std::uint8_t (*out)[20]);
void keccak256_64_batch_portable(const std::uint8_t (*in)[64], std::uint8_t (*out)[32],
                                 std::size_t count);

#if defined(__x86_64__)
void sha256_33_stage_shani(const std::uint8_t (*keys)[33], std::size_t n, StageWords words);

void sha256_33_stage_avx2(const std::uint8_t (*keys)[33], std::size_t n, StageWords words);
void ripemd160_32_stage_avx2(const StageWords words, std::size_t n, std::uint8_t (*out)[20]);
void keccak256_64_batch_avx2(const std::uint8_t (*in)[64], std::uint8_t (*out)[32],
                             std::size_t count);

void sha256_33_stage_avx512(const std::uint8_t (*keys)[33], std::size_t n, StageWords words);
void ripemd160_32_stage_avx512(const StageWords words, std::size_t n, std::uint8_t (*out)[20]);
void keccak256_64_batch_avx512(const std::uint8_t (*in)[64], std::uint8_t (*out)[32],
                               std::size_t count);
#endif

} // namespace vanikeys::hash::stages
