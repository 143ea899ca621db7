// The search kernel: glue around gpu_step.h (memory layout, block reductions, atomics). All
// arithmetic, hashing, encoding and matching is the engine's host/device code, tested on the CPU.
// Each search_kernels_<format>.cu instantiates it for one format (so they compile in parallel).
//
// Design (nothing here has been measured on a GPU yet; docs/BENCHMARKS.md says what to measure):
//
// - Work split. One thread = one independent walk (group_walk.h) from its own start, t * 2^40
//   keys after the device's start point; each launch runs `groups` groups per thread and keeps
//   the walk state in device memory between launches (structure of arrays, coalesced). The
//   grid is one wave of resident blocks (multiprocessors x occupancy), so every thread is busy
//   for the whole launch and no block waits for a second wave.
// - Registers vs local memory. The centre point, the running inverse and the point being
//   scored stay in registers; the walk's prefix products (H+1 field elements, 4 KB at H = 128)
//   are a per-thread local array: each is written once and read once per group, interleaved
//   by the hardware across the warp (fully coalesced), and mostly served from L1/L2. At about
//   64 bytes per point this is far below the memory bandwidth; the cost that matters is the
//   integer multiply-adds of the field and the hash rounds.
// - H (gpu_step.h default_half_width): one inversion (~270 multiplications) per 2H+1 points;
//   at H = 128 it is ~1 multiplication per point against ~10 for the point itself and much
//   more for encoding. Hash-heavy formats (p2pkh, eth) use H = 64 so that one group, the unit
//   between stop checks, stays short.
// - Occupancy. 128-thread blocks; the block count per multiprocessor comes from
//   cudaOccupancyMaxActiveBlocksPerMultiprocessor for the instantiation actually launched. No
//   minimum is forced by default: ptxas (CUDA 13.0, sm_75) gives 168 registers to most
//   instantiations (3 blocks = 12 warps per SM), 255 to eth (keccak's 25 lanes), 128 with
//   ~250 bytes of spills to p2pkh automaton, and a 5-6 KB stack frame (4 KB is the prefix
//   array). Whether capping registers to reach more warps pays is the first thing to measure:
//   -DVANIKEYS_CUDA_MIN_BLOCKS_PER_SM=N (CMake) sets __launch_bounds__'s minimum.
// - Divergence. Every thread of a launch does the same work: one kernel instantiation per
//   format and match kind (templates), so no format or mode switch runs per candidate, and
//   the only data-dependent branches are the matcher's early exits and the walk's slow path
//   (probability ~2^-246). eth's EIP-55 case is a uniform run-time flag.
// - p2pkh prefix. The checksum (two of the four SHA-256/RIPEMD-160 compressions) decides the
//   prefix only when it can carry into the prefix digits; the kernel encodes the payload with
//   checksum 00000000 and computes the checksum only when a carry could climb into the
//   prefix (p2pkh_free_prefix_without_checksum, shared with the CPU pipeline).
// - Output. Only exact hits (a bounded buffer with a counter; overflow is counted) and the
//   launch's best candidate (a block reduction, then one atomicMax per block) go back, with the
//   number of candidates tested (one atomicAdd per block).
// - Launch size. The host times each launch and aims at ~150 ms (progress several times a
//   second); a stop flag in mapped host memory, read before each group, ends a launch early.
// - Questions for ncu first: registers per thread and achieved occupancy of the didkey and
//   p2pkh instantiations; local-memory (LDL/STL) traffic beyond the prefix array (byte arrays
//   of the encoders indexed at run time); issue-slot utilisation of IMAD.HI/IMAD.WIDE in the
//   field multiplication; the matcher's table loads (L1 hit rate).
#pragma once

#include <cuda_runtime.h>

#include "engine/cuda/search_kernels.h"

namespace vanikeys::gpu::kernels {
// Internal linkage: every search_kernels_<format>.cu has its own copy.
namespace {

using secp::Fe32;

// Exact matches go to the bounded hit buffer.
struct DeviceHits {
    const SearchKernelArgs& a;
    __device__ void operator()(const CandidateId& id, const MatchOutcome& m) const {
        const unsigned slot = atomicAdd(&a.counters->hit_count, 1u);
        if (slot < static_cast<unsigned>(a.hit_capacity))
            a.hits[slot] = HitRecord{id.index, m.matched_chars, id.endo, static_cast<std::uint8_t>(id.negate)};
    }
};

// Self-test mode: every candidate of the first record_threads threads.
struct DeviceRecorder {
    const SearchKernelArgs& a;
    bool enabled;
    __device__ void operator()(const CandidateId& id, const MatchOutcome& m, const std::uint8_t* symbols,
                               int known) const {
        if (!enabled) return;
        const unsigned slot = atomicAdd(&a.counters->record_count, 1u);
        if (slot < static_cast<unsigned>(a.record_capacity)) fill_record(a.records[slot], id, m, symbols, known);
    }
};

// Block-wide sum of `tested` and max of `best_key`, then one atomic of each per block.
__device__ void publish_block_totals(const SearchKernelArgs& a, unsigned long long tested,
                                     unsigned long long best_key) {
    constexpr int kWarps = kSearchThreadsPerBlock / 32;
    __shared__ unsigned long long warp_tested[kWarps];
    __shared__ unsigned long long warp_best[kWarps];
    for (int offset = 16; offset > 0; offset /= 2) {
        tested += __shfl_down_sync(0xffffffffu, tested, offset);
        const unsigned long long other = __shfl_down_sync(0xffffffffu, best_key, offset);
        best_key = other > best_key ? other : best_key;
    }
    const int lane = static_cast<int>(threadIdx.x) % 32;
    const int warp = static_cast<int>(threadIdx.x) / 32;
    if (lane == 0) {
        warp_tested[warp] = tested;
        warp_best[warp] = best_key;
    }
    __syncthreads();
    if (threadIdx.x == 0) {
        for (int w = 1; w < kWarps; ++w) {
            tested += warp_tested[w];
            best_key = warp_best[w] > best_key ? warp_best[w] : best_key;
        }
        if (tested != 0) atomicAdd(&a.counters->tested, tested);
        if (best_key != 0) atomicMax(&a.counters->best_key, best_key);
    }
}

#ifndef VANIKEYS_CUDA_MIN_BLOCKS_PER_SM
#define VANIKEYS_CUDA_MIN_BLOCKS_PER_SM 1
#endif

template <KeyFormat kFormat, MatchKind kKind>
__global__ void __launch_bounds__(kSearchThreadsPerBlock, VANIKEYS_CUDA_MIN_BLOCKS_PER_SM)
    search_kernel(const SearchKernelArgs a) {
    const int t = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
    unsigned long long tested = 0;
    unsigned long long best_key = 0;
    if (t < a.active_threads) {
        WalkState<Fe32> state = load_walk_state(a.states, t);
        Fe32 prefix[kMaxHalfWidth + 1];
        DeviceHits on_hit{a};
        DeviceRecorder record{a, t < a.record_threads};
        const ThreadOutcome outcome = run_thread_launch<kFormat, kKind>(state, a.params, prefix, a.groups,
                                                                        a.best_floor, a.stop, on_hit, record);
        store_walk_state(a.states, t, state);
        tested = outcome.tested;
        if (outcome.best_matched >= 0) {
            a.best[t] = BestRecord{outcome.best.index, outcome.best_matched, outcome.best.endo,
                                   static_cast<std::uint8_t>(outcome.best.negate)};
            best_key = (static_cast<unsigned long long>(outcome.best_matched + 1) << 32) | static_cast<unsigned>(t);
        }
    }
    publish_block_totals(a, tested, best_key);
}

// The instantiation for (kFormat, kind), as a pointer the runtime API accepts.
template <KeyFormat kFormat>
const void* search_kernel_for(MatchKind kind) {
    switch (kind) {
    case MatchKind::Prefix: return reinterpret_cast<const void*>(&search_kernel<kFormat, MatchKind::Prefix>);
    case MatchKind::Suffix: return reinterpret_cast<const void*>(&search_kernel<kFormat, MatchKind::Suffix>);
    case MatchKind::Automaton: return reinterpret_cast<const void*>(&search_kernel<kFormat, MatchKind::Automaton>);
    }
    return nullptr;
}

} // namespace
} // namespace vanikeys::gpu::kernels
