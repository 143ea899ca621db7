// SHA-256 of 33-byte keys with the x86 SHA extensions (SHA-NI). sha256rnds2 has a latency of
// several cycles and each message is one long dependency chain, so kStreams keys are hashed
// side by side and their instructions interleave.
#if defined(__x86_64__)

#include <immintrin.h>

#include "engine/hash/hash_stages.h"

namespace vanikeys::hash::stages {
namespace {

#define VANIKEYS_TARGET_SHANI __attribute__((target("sha,sse4.1,ssse3")))
#define VANIKEYS_SHANI_INLINE VANIKEYS_TARGET_SHANI inline __attribute__((always_inline))

constexpr int kStreams = 4;

// Byte order shuffle: the block's big-endian words into the instructions' dword order.
VANIKEYS_SHANI_INLINE __m128i load_be_words(const std::uint8_t* p) {
    const __m128i swap = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
    return _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), swap);
}

// Four rounds 4g..4g+3 on every stream. The instructions keep the state as two vectors:
// (A, B, E, F) and (C, D, G, H), highest dword first; sha256rnds2 does two rounds and
// returns the new (A, B, E, F), while the old one becomes the new (C, D, G, H).
template <int G>
VANIKEYS_SHANI_INLINE void four_rounds(__m128i abef[kStreams], __m128i cdgh[kStreams],
                                       __m128i msg[kStreams][16]) {
    const __m128i k = _mm_loadu_si128(
        reinterpret_cast<const __m128i*>(&sha256_detail::kRoundConstants[4 * G]));
    VANIKEYS_UNROLL
    for (int j = 0; j < kStreams; ++j) {
        if constexpr (G >= 4) {
            // W[t] = sigma1(W[t-2]) + W[t-7] + sigma0(W[t-15]) + W[t-16] for four t at once.
            __m128i t = _mm_sha256msg1_epu32(msg[j][G - 4], msg[j][G - 3]);
            t = _mm_add_epi32(t, _mm_alignr_epi8(msg[j][G - 1], msg[j][G - 2], 4));
            msg[j][G] = _mm_sha256msg2_epu32(t, msg[j][G - 1]);
        }
        __m128i wk = _mm_add_epi32(msg[j][G], k);
        cdgh[j] = _mm_sha256rnds2_epu32(cdgh[j], abef[j], wk);
        wk = _mm_shuffle_epi32(wk, 0x0e);
        abef[j] = _mm_sha256rnds2_epu32(abef[j], cdgh[j], wk);
    }
}

template <int... G>
VANIKEYS_SHANI_INLINE void all_rounds(__m128i abef[kStreams], __m128i cdgh[kStreams],
                                      __m128i msg[kStreams][16], std::integer_sequence<int, G...>) {
    (four_rounds<G>(abef, cdgh, msg), ...);
}

// Hashes keys[0..kStreams) (the caller passes valid pointers for every stream) and writes
// stage words for streams 0..n of group lane `first`.
VANIKEYS_TARGET_SHANI void hash_streams(const std::uint8_t* const keys[kStreams], std::size_t n,
                                        StageWords words, int first) {
    constexpr std::uint32_t h0 = 0x6a09e667, h1 = 0xbb67ae85, h2 = 0x3c6ef372, h3 = 0xa54ff53a;
    constexpr std::uint32_t h4 = 0x510e527f, h5 = 0x9b05688c, h6 = 0x1f83d9ab, h7 = 0x5be0cd19;
    const __m128i abef0 = _mm_set_epi32(static_cast<int>(h0), static_cast<int>(h1),
                                        static_cast<int>(h4), static_cast<int>(h5));
    const __m128i cdgh0 = _mm_set_epi32(static_cast<int>(h2), static_cast<int>(h3),
                                        static_cast<int>(h6), static_cast<int>(h7));
    __m128i abef[kStreams], cdgh[kStreams], msg[kStreams][16];
    for (int j = 0; j < kStreams; ++j) {
        const std::uint8_t* key = keys[j];
        msg[j][0] = load_be_words(key);
        msg[j][1] = load_be_words(key + 16);
        // Words 8..15: the last key byte, the 0x80 padding byte, zeros, the bit length 264.
        msg[j][2] = _mm_cvtsi32_si128(static_cast<int>((std::uint32_t{key[32]} << 24) | 0x00800000u));
        msg[j][3] = _mm_set_epi32(33 * 8, 0, 0, 0);
        abef[j] = abef0;
        cdgh[j] = cdgh0;
    }
    all_rounds(abef, cdgh, msg, std::make_integer_sequence<int, 16>{});
    for (std::size_t j = 0; j < n; ++j) {
        alignas(16) std::uint32_t x[4], y[4];
        _mm_store_si128(reinterpret_cast<__m128i*>(x), _mm_add_epi32(abef[j], abef0));
        _mm_store_si128(reinterpret_cast<__m128i*>(y), _mm_add_epi32(cdgh[j], cdgh0));
        // x = (F, E, B, A), y = (H, G, D, C) from dword 0 up.
        const std::uint32_t state[8] = {x[3], x[2], y[3], y[2], x[1], x[0], y[1], y[0]};
        for (int i = 0; i < 8; ++i) words[i][first + static_cast<int>(j)] = byte_swap32(state[i]);
    }
}

} // namespace

void sha256_33_stage_shani(const std::uint8_t (*keys)[33], std::size_t n, StageWords words) {
    for (std::size_t done = 0; done < n; done += kStreams) {
        const std::size_t m = n - done < kStreams ? n - done : kStreams;
        const std::uint8_t* streams[kStreams];
        for (std::size_t j = 0; j < kStreams; ++j) streams[j] = keys[done + (j < m ? j : 0)];
        hash_streams(streams, m, words, static_cast<int>(done));
    }
}

} // namespace vanikeys::hash::stages

#endif
