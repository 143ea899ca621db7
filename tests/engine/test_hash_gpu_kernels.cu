// The device half of test_hash_gpu: runs compute_record in a kernel, one record per thread.
#include <cuda_runtime.h>

#include <string>
#include <vector>

#include "test_hd_record.h"

namespace {

__global__ void compute_records(const std::uint8_t* in, const std::uint32_t* lens, std::uint8_t* out,
                                int count) {
    const int i = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
    if (i >= count) return;
    vanikeys::test::compute_record(in + static_cast<std::size_t>(i) * vanikeys::test::kRecordInputBytes,
                                   lens[i],
                                   out + static_cast<std::size_t>(i) * vanikeys::test::kRecordOutputBytes);
}

bool check(cudaError_t status, const char* what, std::string& error) {
    if (status == cudaSuccess) return true;
    error = std::string(what) + ": " + cudaGetErrorString(status);
    return false;
}

} // namespace

namespace vanikeys::test {

// Runs the records on the first CUDA device. On failure (no device included) returns false
// and says why in `error`.
bool compute_records_on_gpu(const std::vector<std::uint8_t>& in, const std::vector<std::uint32_t>& lens,
                            std::vector<std::uint8_t>& out, std::string& error) {
    int devices = 0;
    if (!check(cudaGetDeviceCount(&devices), "cudaGetDeviceCount", error)) return false;
    if (devices == 0) {
        error = "no CUDA device";
        return false;
    }
    const int count = static_cast<int>(lens.size());
    out.assign(static_cast<std::size_t>(count) * kRecordOutputBytes, 0);
    std::uint8_t* d_in = nullptr;
    std::uint32_t* d_lens = nullptr;
    std::uint8_t* d_out = nullptr;
    bool ok = check(cudaMalloc(&d_in, in.size()), "cudaMalloc", error) &&
              check(cudaMalloc(&d_lens, lens.size() * sizeof(std::uint32_t)), "cudaMalloc", error) &&
              check(cudaMalloc(&d_out, out.size()), "cudaMalloc", error) &&
              check(cudaMemcpy(d_in, in.data(), in.size(), cudaMemcpyHostToDevice), "cudaMemcpy", error) &&
              check(cudaMemcpy(d_lens, lens.data(), lens.size() * sizeof(std::uint32_t), cudaMemcpyHostToDevice),
                    "cudaMemcpy", error);
    if (ok) {
        constexpr int kThreads = 128;
        compute_records<<<(count + kThreads - 1) / kThreads, kThreads>>>(d_in, d_lens, d_out, count);
        ok = check(cudaGetLastError(), "kernel launch", error) &&
             check(cudaDeviceSynchronize(), "kernel", error) &&
             check(cudaMemcpy(out.data(), d_out, out.size(), cudaMemcpyDeviceToHost), "cudaMemcpy", error);
    }
    cudaFree(d_in);
    cudaFree(d_lens);
    cudaFree(d_out);
    return ok;
}

} // namespace vanikeys::test
