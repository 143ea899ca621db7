// The search kernel's instantiations for npub (one file per format: they compile in parallel).
#include "engine/cuda/search_kernel.cuh"

namespace vanikeys::gpu::kernels {

const void* search_kernel_npub(MatchKind kind) {
    return search_kernel_for<KeyFormat::Npub>(kind);
}

} // namespace vanikeys::gpu::kernels
