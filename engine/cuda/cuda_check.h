// VANIKEYS_CUDA_CHECK: the one way CUDA runtime failures leave the CUDA engine, as a typed
// CudaError (what failed, where) turned into the engine's Error (code 3) for the caller.
#pragma once

#include <cuda_runtime_api.h>

#include <string>

#include "engine/core/result.h"

namespace vanikeys {

struct CudaError {
    cudaError_t status = cudaSuccess;
    const char* expression = "";
    const char* file = "";
    int line = 0;

    [[nodiscard]] std::string message() const {
        return std::string("CUDA error ") + cudaGetErrorName(status) + " (" + cudaGetErrorString(status) + ") in " +
               expression + " at " + file + ":" + std::to_string(line);
    }
    [[nodiscard]] Error to_error() const { return runtime_failure(message()); }
};

} // namespace vanikeys

// Returns the failure as an Error from the enclosing function (which returns Result<T>).
#define VANIKEYS_CUDA_CHECK(expr)                                                                  \
    do {                                                                                           \
        const cudaError_t vanikeys_cuda_status = (expr);                                           \
        if (vanikeys_cuda_status != cudaSuccess)                                                   \
            return ::vanikeys::CudaError{vanikeys_cuda_status, #expr, __FILE__, __LINE__}.to_error(); \
    } while (0)
