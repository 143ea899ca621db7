// The AVX2 instantiations of the multi-lane hashes (8 x 32-bit, 4 x 64-bit lanes).
#if defined(__x86_64__)

// The lane templates pass GCC vectors by value between always_inline functions; the ABI
// note GCC attaches to that (-Wpsabi) is about calls that never happen here.
#pragma GCC diagnostic ignored "-Wpsabi"

#include "engine/hash/hash_stages.h"

namespace vanikeys::hash::stages {

#define VANIKEYS_TARGET_AVX2 __attribute__((target("avx2")))

VANIKEYS_TARGET_AVX2 void sha256_33_stage_avx2(const std::uint8_t (*keys)[33], std::size_t n,
                                               StageWords words) {
    lanes::sha256_33_stage<lanes::U32x8, 8>(keys, n, words);
}

VANIKEYS_TARGET_AVX2 void ripemd160_32_stage_avx2(const StageWords words, std::size_t n,
                                                  std::uint8_t (*out)[20]) {
    lanes::ripemd160_32_stage<lanes::U32x8, 8>(words, n, out);
}

VANIKEYS_TARGET_AVX2 void keccak256_64_batch_avx2(const std::uint8_t (*in)[64],
                                                  std::uint8_t (*out)[32], std::size_t count) {
    lanes::keccak256_64_batch<lanes::U64x4, 4>(in, out, count);
}

} // namespace vanikeys::hash::stages

#endif
