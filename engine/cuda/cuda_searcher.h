// CudaSearcher: the search on one or more GPUs behind ISearchEngine. It drives GpuDevices (one
// host thread each) through a shared SearchCoordinator, which owns the secret starts: a device
// only ever receives public points. The device enumeration and make_cuda_searcher are built
// only with the CUDA engine (vanikeys_engine_cuda); the searcher itself is plain C++.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "engine/cuda/gpu_device.h"
#include "engine/search/coordinated_searcher.h"

namespace vanikeys {

struct CudaDeviceInfo {
    int index = 0;
    std::string name;             // "NVIDIA H100 80GB HBM3"
    int compute_major = 0;
    int compute_minor = 0;
    int multiprocessors = 0;
    std::size_t memory_bytes = 0;
};

// Implemented by vanikeys_engine_cuda (cuda_device.cpp).
// The usable CUDA devices (empty without a driver or a GPU).
std::vector<CudaDeviceInfo> cuda_devices();
// Every usable device, or none with the reason in `why_not`.
std::vector<std::unique_ptr<GpuDevice>> make_cuda_devices(std::string& why_not);
// A CudaSearcher over every usable device, or null with the reason in `why_not`.
std::unique_ptr<ISearchEngine> make_cuda_searcher(std::string& why_not);

class CudaSearcher final : public CoordinatedSearcher {
public:
    // Knobs of the launch loop; the defaults are for real GPUs. Environment overrides (for
    // tuning runs): VANIKEYS_CUDA_HALF_WIDTH, VANIKEYS_CUDA_LAUNCH_MS.
    struct Tuning {
        int half_width = 0;                          // 0: gpu::default_half_width(format)
        double target_launch_seconds = 0.15;         // progress several times a second
        int max_groups = 1024;                       // per launch
        std::uint64_t stride = std::uint64_t{1} << 40;  // keys between two threads' starts
    };

    explicit CudaSearcher(std::vector<std::unique_ptr<GpuDevice>> devices);
    ~CudaSearcher() override;

    [[nodiscard]] std::string name() const override { return "cuda"; }
    [[nodiscard]] std::string device_description() const override;

    Result<bool> start(const SearchSpec& spec) override;

    void set_tuning(const Tuning& tuning) { tuning_ = tuning; }
    [[nodiscard]] const std::vector<std::unique_ptr<GpuDevice>>& devices() const { return devices_; }

private:
    void run_device(GpuDevice& device, std::size_t slot, int half_width);
    void publish_rate(std::size_t slot, double keys_per_second);

    std::vector<std::unique_ptr<GpuDevice>> devices_;
    Tuning tuning_;
    std::mutex rates_mutex_;
    std::vector<DeviceRate> rates_;
};

} // namespace vanikeys
