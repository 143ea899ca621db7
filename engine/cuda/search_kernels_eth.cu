// The search kernel's instantiations for eth (one file per format: they compile in parallel).
#include "engine/cuda/search_kernel.cuh"

namespace vanikeys::gpu::kernels {

const void* search_kernel_eth(MatchKind kind) {
    return search_kernel_for<KeyFormat::Eth>(kind);
}

} // namespace vanikeys::gpu::kernels
