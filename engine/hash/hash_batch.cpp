// Run-time dispatch of the host batch hashes, and the portable stages every CPU can run.
#include "engine/hash/hash_batch.h"

#include <atomic>
#include <cstring>
#include <vector>

#include "engine/hash/hash_stages.h"

namespace vanikeys::hash {

namespace stages {

void sha256_33_stage_portable(const std::uint8_t (*keys)[33], std::size_t n, StageWords words) {
    for (std::size_t k = 0; k < n; ++k) {
        std::uint32_t state[8];
        sha256_33_words(keys[k], state);
        for (int i = 0; i < 8; ++i) words[i][k] = byte_swap32(state[i]);
    }
}

void ripemd160_32_stage_portable(const StageWords words, std::size_t n, std::uint8_t (*out)[20]) {
    for (std::size_t k = 0; k < n; ++k) {
        std::uint32_t x[8], state[5];
        for (int i = 0; i < 8; ++i) x[i] = words[i][k];
        ripemd160_32_words(x, state);
        ripemd160_detail::store_state(state, out[k]);
    }
}

void p2pkh_checksum_stage_portable(std::uint8_t (*payload)[25], std::size_t n) {
    for (std::size_t k = 0; k < n; ++k) sha256d_checksum(payload[k], 21, payload[k] + 21);
}

void keccak256_64_batch_portable(const std::uint8_t (*in)[64], std::uint8_t (*out)[32],
                                 std::size_t count) {
    for (std::size_t k = 0; k < count; ++k) keccak256_64(in[k], out[k]);
}

} // namespace stages

namespace {

struct Kernels {
    HashBackend id;
    std::string_view name;
    stages::Sha256Stage sha256_33;
    stages::Ripemd160Stage ripemd160_32;
    stages::ChecksumStage p2pkh_checksum;
    stages::Keccak256Batch keccak256_64;
};

// In order of preference, least preferred first. Measured on AMD Zen 5 (see the bench,
// tests/engine/bench_hash.cpp): AVX-512 SHA-256 on 16 keys beats SHA-NI there, SHA-NI beats
// AVX2's 8 keys. Every back end computes the same digests; the order only sets the speed.
constexpr Kernels kKernels[] = {
    {HashBackend::Portable, "portable", stages::sha256_33_stage_portable,
     stages::ripemd160_32_stage_portable, stages::p2pkh_checksum_stage_portable,
     stages::keccak256_64_batch_portable},
#if defined(__x86_64__)
    {HashBackend::Avx2, "avx2", stages::sha256_33_stage_avx2, stages::ripemd160_32_stage_avx2,
     stages::p2pkh_checksum_stage_avx2, stages::keccak256_64_batch_avx2},
    {HashBackend::ShaNiAvx2, "sha-ni+avx2", stages::sha256_33_stage_shani,
     stages::ripemd160_32_stage_avx2, stages::p2pkh_checksum_stage_avx2,
     stages::keccak256_64_batch_avx2},
    {HashBackend::ShaNiAvx512, "sha-ni+avx512", stages::sha256_33_stage_shani,
     stages::ripemd160_32_stage_avx512, stages::p2pkh_checksum_stage_avx512,
     stages::keccak256_64_batch_avx512},
    {HashBackend::Avx512, "avx512", stages::sha256_33_stage_avx512,
     stages::ripemd160_32_stage_avx512, stages::p2pkh_checksum_stage_avx512,
     stages::keccak256_64_batch_avx512},
#endif
};

bool cpu_supports(HashBackend backend) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    const bool avx2 = __builtin_cpu_supports("avx2");
    // __builtin_cpu_supports also checks that the OS saves the wider registers (XCR0).
    const bool avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
                        __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq");
    const bool sha_ni = __builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1") &&
                        __builtin_cpu_supports("ssse3");
    switch (backend) {
    case HashBackend::Portable: return true;
    case HashBackend::Avx2: return avx2;
    case HashBackend::ShaNiAvx2: return sha_ni && avx2;
    case HashBackend::Avx512: return avx512;
    case HashBackend::ShaNiAvx512: return sha_ni && avx512;
    }
    return false;
#else
    return backend == HashBackend::Portable;
#endif
}

const Kernels* find_kernels(HashBackend backend) {
    for (const Kernels& k : kKernels)
        if (k.id == backend) return &k;
    return nullptr;
}

const Kernels* best_kernels() {
    const Kernels* best = &kKernels[0];
    for (const Kernels& k : kKernels)
        if (cpu_supports(k.id)) best = &k;
    return best;
}

std::atomic<const Kernels*> g_active{nullptr};

const Kernels& active_kernels() {
    const Kernels* k = g_active.load(std::memory_order_acquire);
    if (k == nullptr) {
        k = best_kernels();
        g_active.store(k, std::memory_order_release);
    }
    return *k;
}

} // namespace

void hash160_33_batch(const std::uint8_t (*keys)[33], std::uint8_t (*out)[20], std::size_t count) {
    const Kernels& k = active_kernels();
    alignas(64) stages::StageWords words;
    for (std::size_t done = 0; done < count; done += lanes::kGroup) {
        const std::size_t n = count - done < lanes::kGroup ? count - done : lanes::kGroup;
        k.sha256_33(keys + done, n, words);
        k.ripemd160_32(words, n, out + done);
    }
}

void p2pkh_payload_33_batch(const std::uint8_t (*keys)[33], std::uint8_t (*out)[25],
                            std::size_t count, bool checksum) {
    const Kernels& k = active_kernels();
    alignas(64) stages::StageWords words;
    std::uint8_t digests[lanes::kGroup][20];
    for (std::size_t done = 0; done < count; done += lanes::kGroup) {
        const std::size_t n = count - done < lanes::kGroup ? count - done : lanes::kGroup;
        k.sha256_33(keys + done, n, words);
        k.ripemd160_32(words, n, digests);
        for (std::size_t i = 0; i < n; ++i) {
            out[done + i][0] = 0x00;  // mainnet P2PKH version byte
            std::memcpy(out[done + i] + 1, digests[i], 20);
            if (!checksum) std::memset(out[done + i] + 21, 0, 4);
        }
        if (checksum) k.p2pkh_checksum(out + done, n);
    }
}

void keccak256_64_batch(const std::uint8_t (*in)[64], std::uint8_t (*out)[32], std::size_t count) {
    active_kernels().keccak256_64(in, out, count);
}

HashBackend hash_backend() { return active_kernels().id; }

std::string_view hash_backend_name() { return active_kernels().name; }

std::string_view hash_backend_name(HashBackend backend) {
    const Kernels* k = find_kernels(backend);
    return k != nullptr ? k->name : std::string_view("unknown");
}

std::span<const HashBackend> available_hash_backends() {
    static const std::vector<HashBackend> available = [] {
        std::vector<HashBackend> list;
        for (const Kernels& k : kKernels)
            if (cpu_supports(k.id)) list.push_back(k.id);
        return list;
    }();
    return available;
}

bool set_hash_backend_for_testing(HashBackend backend) {
    const Kernels* k = find_kernels(backend);
    if (k == nullptr || !cpu_supports(backend)) return false;
    g_active.store(k, std::memory_order_release);
    return true;
}

void reset_hash_backend_for_testing() { g_active.store(best_kernels(), std::memory_order_release); }

} // namespace vanikeys::hash
