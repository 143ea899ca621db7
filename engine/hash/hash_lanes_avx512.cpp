// The AVX-512 instantiations of the multi-lane hashes (16 x 32-bit, 8 x 64-bit lanes); with
// AVX-512 the compiler turns rotations into vprold/vprolq and boolean chains into vpternlog.
#if defined(__x86_64__)

// The lane templates pass GCC vectors by value between always_inline functions; the ABI
// note GCC attaches to that (-Wpsabi) is about calls that never happen here.
#pragma GCC diagnostic ignored "-Wpsabi"

#include "engine/hash/hash_stages.h"

namespace vanikeys::hash::stages {

#define VANIKEYS_TARGET_AVX512 __attribute__((target("avx512f,avx512vl,avx512bw,avx512dq")))

VANIKEYS_TARGET_AVX512 void sha256_33_stage_avx512(const std::uint8_t (*keys)[33], std::size_t n,
                                                   StageWords words) {
    lanes::sha256_33_stage<lanes::U32x16, 16>(keys, n, words);
}

VANIKEYS_TARGET_AVX512 void ripemd160_32_stage_avx512(const StageWords words, std::size_t n,
                                                      std::uint8_t (*out)[20]) {
    lanes::ripemd160_32_stage<lanes::U32x16, 16>(words, n, out);
}

VANIKEYS_TARGET_AVX512 void keccak256_64_batch_avx512(const std::uint8_t (*in)[64],
                                                      std::uint8_t (*out)[32], std::size_t count) {
    lanes::keccak256_64_batch<lanes::U64x8, 8>(in, out, count);
}

} // namespace vanikeys::hash::stages

#endif
