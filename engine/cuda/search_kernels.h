// The host's view of the search kernels (search_kernels.cu): argument blocks, the records the
// kernels write to device memory, and launch functions. Included by cuda_device.cpp (host C++).
#pragma once

#include <cuda_runtime_api.h>

#include <cstdint>

#include "engine/cuda/gpu_step.h"

namespace vanikeys::gpu {

// Threads per block of the search kernel: 4 warps, so that a multiprocessor can hold several
// blocks whatever the register count comes to (occupancy is read off the device at run time).
inline constexpr int kSearchThreadsPerBlock = 128;

// Per-launch totals in device memory; the host zeroes them before each launch.
struct LaunchCounters {
    unsigned long long tested;    // candidates tested (one atomicAdd per block)
    unsigned long long best_key;  // max over threads of (best matched + 1) << 32 | thread; 0: none
    unsigned int hit_count;       // exact matches found (those past the buffer are dropped)
    unsigned int record_count;    // candidate records written or dropped (self-test mode)
};

// An exact match as the kernel found it.
struct HitRecord {
    std::uint64_t index;
    std::uint16_t matched_chars;
    std::uint8_t endo;
    std::uint8_t negate;
};

// A thread's best non-exact candidate of the launch (valid for the thread best_key names).
struct BestRecord {
    std::uint64_t index;
    std::int32_t matched_chars;
    std::uint8_t endo;
    std::uint8_t negate;
};

// Everything one launch of the search kernel reads and writes (device pointers, except `stop`,
// which is mapped host memory the host sets to end a launch early).
struct SearchKernelArgs {
    StepParams<secp::Fe32> params;
    WalkStateArrays states;
    int active_threads = 0;  // threads 0..active_threads-1 walk; the others keep their state
    int groups = 1;
    int best_floor = -1;     // only candidates scoring above this are tracked
    const volatile std::int32_t* stop = nullptr;
    LaunchCounters* counters = nullptr;
    HitRecord* hits = nullptr;
    int hit_capacity = 0;
    BestRecord* best = nullptr;          // one per thread
    CandidateRecord* records = nullptr;  // self-test mode: every candidate of the first threads
    int record_threads = 0;
    int record_capacity = 0;
};

// Launches the search kernel instantiated for (format, kind) on `stream`, with enough blocks of
// kSearchThreadsPerBlock threads for args.active_threads. Returns the launch's error status.
cudaError_t launch_search_kernel(KeyFormat format, MatchKind kind, const SearchKernelArgs& args, cudaStream_t stream);

// Blocks of the (format, kind) search kernel that fit on one multiprocessor at once.
cudaError_t search_kernel_occupancy(KeyFormat format, MatchKind kind, int* blocks_per_multiprocessor);

// Fills `states` with thread t's start thread_start(*base, gen_table, t * stride, half_width)
// for every thread t < states.count.
cudaError_t launch_thread_starts(const secp::Affine<secp::Fe32>* base, const secp::Affine<secp::Fe32>* gen_table,
                                 std::uint64_t stride, int half_width, const WalkStateArrays& states,
                                 cudaStream_t stream);

// digests[i] = secp::selftest_digest(gen_table, first_seed + i, rounds) for i < count (32 bytes
// each), on the device with Fe32.
cudaError_t launch_field_digests(const secp::Affine<secp::Fe32>* gen_table, std::uint64_t first_seed, int count,
                                 int rounds, std::uint8_t* digests, cudaStream_t stream);

} // namespace vanikeys::gpu
