// The search kernel's instantiations for p2pkh (one file per format: they compile in parallel).
#include "engine/cuda/search_kernel.cuh"

namespace vanikeys::gpu::kernels {

const void* search_kernel_p2pkh(MatchKind kind) {
    return search_kernel_for<KeyFormat::P2pkh>(kind);
}

} // namespace vanikeys::gpu::kernels
