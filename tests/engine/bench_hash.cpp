// Micro-benchmark of the hot hashes (not a test): ns per message on one core, for every host
// back end this CPU runs and for the portable single-message functions.
//   bench_hash [seconds per measurement, default 0.3]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "engine/hash/hash160.h"
#include "engine/hash/hash_batch.h"
#include "engine/hash/keccak256.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace vanikeys::hash;

// The best ns per item of several runs (the minimum is the least disturbed by other load).
template <class F>
double ns_per_item(double seconds, std::size_t items_per_call, F&& call) {
    constexpr int kRepeats = 5;
    call();  // warm up
    double best = 1e30;
    for (int r = 0; r < kRepeats; ++r) {
        std::size_t calls = 0;
        const auto start = Clock::now();
        auto now = start;
        do {
            for (int i = 0; i < 16; ++i) call();
            calls += 16;
            now = Clock::now();
        } while (std::chrono::duration<double>(now - start).count() < seconds / kRepeats);
        const double ns = std::chrono::duration<double, std::nano>(now - start).count() /
                          static_cast<double>(calls * items_per_call);
        best = ns < best ? ns : best;
    }
    return best;
}

volatile std::uint8_t g_sink;

} // namespace

int main(int argc, char** argv) {
    const double seconds = argc > 1 ? std::atof(argv[1]) : 0.3;
    constexpr std::size_t kBatch = 1024;
    std::mt19937_64 rng(1);
    std::vector<std::uint8_t> keys(kBatch * 33), msgs(kBatch * 64), out(kBatch * 32);
    for (auto& b : keys) b = static_cast<std::uint8_t>(rng());
    for (auto& b : msgs) b = static_cast<std::uint8_t>(rng());
    auto* keys33 = reinterpret_cast<const std::uint8_t(*)[33]>(keys.data());
    auto* msgs64 = reinterpret_cast<const std::uint8_t(*)[64]>(msgs.data());

    std::printf("%-16s %14s %16s\n", "backend", "hash160_33 ns", "keccak256_64 ns");
    for (HashBackend backend : available_hash_backends()) {
        set_hash_backend_for_testing(backend);
        const double h = ns_per_item(seconds, kBatch, [&] {
            hash160_33_batch(keys33, reinterpret_cast<std::uint8_t(*)[20]>(out.data()), kBatch);
        });
        const double k = ns_per_item(seconds, kBatch, [&] {
            keccak256_64_batch(msgs64, reinterpret_cast<std::uint8_t(*)[32]>(out.data()), kBatch);
        });
        std::printf("%-16s %14.1f %16.1f\n", std::string(hash_backend_name()).c_str(), h, k);
    }
    reset_hash_backend_for_testing();
    std::printf("automatic choice: %s\n", std::string(hash_backend_name()).c_str());

    std::uint8_t digest[32];
    const double s33 = ns_per_item(seconds, 1, [&] {
        sha256_33(keys.data(), digest);
        keys[0] = digest[0];
    });
    const double r32 = ns_per_item(seconds, 1, [&] {
        ripemd160_32(keys.data(), digest);
        keys[1] = digest[1];
    });
    const double s1k = ns_per_item(seconds, 1, [&] {
        sha256(msgs.data(), 1024, digest);
        msgs[0] = digest[0];
    });
    g_sink = digest[0];
    std::printf("portable sha256_33 %.1f ns, ripemd160_32 %.1f ns, sha256 %.2f ns/byte\n", s33,
                r32, s1k / 1024);
    return 0;
}
