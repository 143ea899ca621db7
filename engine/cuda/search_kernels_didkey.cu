// The search kernel's instantiations for didkey (one file per format: they compile in parallel).
#include "engine/cuda/search_kernel.cuh"

namespace vanikeys::gpu::kernels {

const void* search_kernel_didkey(MatchKind kind) {
    return search_kernel_for<KeyFormat::DidKey>(kind);
}

} // namespace vanikeys::gpu::kernels
