// Kernel dispatch and launches (the search kernel itself is in search_kernel.cuh), and the
// kernel that computes every thread's start point.
#include <cuda_runtime.h>

#include "engine/cuda/search_kernels.h"
#include "engine/secp/selftest.h"

namespace vanikeys::gpu {
namespace kernels {
const void* search_kernel_didkey(MatchKind kind);
const void* search_kernel_p2pkh(MatchKind kind);
const void* search_kernel_eth(MatchKind kind);
const void* search_kernel_npub(MatchKind kind);
} // namespace kernels

namespace {

using secp::Affine;
using secp::Fe32;

__global__ void thread_starts_kernel(const Affine<Fe32>* base, const Affine<Fe32>* gen_table, std::uint64_t stride,
                                     int half_width, const WalkStateArrays states) {
    const int t = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
    if (t >= states.count) return;
    store_walk_state(states, t, thread_start(*base, gen_table, static_cast<std::uint64_t>(t) * stride, half_width));
}

__global__ void field_digest_kernel(const Affine<Fe32>* gen_table, std::uint64_t first_seed, int count, int rounds,
                                    std::uint8_t* digests) {
    const int i = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
    if (i >= count) return;
    secp::selftest_digest(gen_table, first_seed + static_cast<std::uint64_t>(i), rounds, digests + 32 * i);
}

const void* search_kernel_for(KeyFormat format, MatchKind kind) {
    switch (format) {
    case KeyFormat::DidKey: return kernels::search_kernel_didkey(kind);
    case KeyFormat::P2pkh: return kernels::search_kernel_p2pkh(kind);
    case KeyFormat::Eth: return kernels::search_kernel_eth(kind);
    case KeyFormat::Npub: return kernels::search_kernel_npub(kind);
    }
    return nullptr;
}

int blocks_for(int threads) {
    return (threads + kSearchThreadsPerBlock - 1) / kSearchThreadsPerBlock;
}

} // namespace

cudaError_t launch_search_kernel(KeyFormat format, MatchKind kind, const SearchKernelArgs& args, cudaStream_t stream) {
    const void* kernel = search_kernel_for(format, kind);
    if (kernel == nullptr) return cudaErrorInvalidValue;
    if (args.active_threads <= 0) return cudaSuccess;
    void* params[] = {const_cast<SearchKernelArgs*>(&args)};
    return cudaLaunchKernel(kernel, dim3(static_cast<unsigned>(blocks_for(args.active_threads))),
                            dim3(kSearchThreadsPerBlock), params, 0, stream);
}

cudaError_t search_kernel_occupancy(KeyFormat format, MatchKind kind, int* blocks_per_multiprocessor) {
    const void* kernel = search_kernel_for(format, kind);
    if (kernel == nullptr) return cudaErrorInvalidValue;
    return cudaOccupancyMaxActiveBlocksPerMultiprocessor(blocks_per_multiprocessor, kernel, kSearchThreadsPerBlock, 0);
}

cudaError_t launch_thread_starts(const Affine<Fe32>* base, const Affine<Fe32>* gen_table, std::uint64_t stride,
                                 int half_width, const WalkStateArrays& states, cudaStream_t stream) {
    if (states.count <= 0) return cudaSuccess;
    thread_starts_kernel<<<blocks_for(states.count), kSearchThreadsPerBlock, 0, stream>>>(base, gen_table, stride,
                                                                                      half_width, states);
    return cudaGetLastError();
}

cudaError_t launch_field_digests(const Affine<Fe32>* gen_table, std::uint64_t first_seed, int count, int rounds,
                                 std::uint8_t* digests, cudaStream_t stream) {
    if (count <= 0) return cudaSuccess;
    field_digest_kernel<<<blocks_for(count), kSearchThreadsPerBlock, 0, stream>>>(gen_table, first_seed, count, rounds,
                                                                                 digests);
    return cudaGetLastError();
}

} // namespace vanikeys::gpu
