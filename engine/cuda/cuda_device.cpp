// CudaDevice: GpuDevice on a CUDA GPU (device memory, the search kernels, launch timing, the
// stop flag), and the device enumeration behind cuda_searcher.h.
#include <chrono>
#include <cstdlib>
#include <thread>

#include "engine/cuda/cuda_check.h"
#include "engine/cuda/cuda_searcher.h"
#include "engine/cuda/search_kernels.h"
#include "engine/search/walk_table.h"

namespace vanikeys {
namespace {

using secp::Affine;
using secp::Fe32;

// Exact matches one launch can hand back; more are counted and dropped (a pattern that easy
// is a pull, and its best key is kept anyway).
constexpr int kHitCapacity = 1 << 14;

// Owns count elements of device memory.
template <class T>
class DeviceBuffer {
public:
    DeviceBuffer() = default;
    DeviceBuffer(const DeviceBuffer&) = delete;
    DeviceBuffer& operator=(const DeviceBuffer&) = delete;
    ~DeviceBuffer() { reset(); }

    Result<bool> allocate(std::size_t count) {
        reset();
        if (count == 0) return true;
        VANIKEYS_CUDA_CHECK(cudaMalloc(reinterpret_cast<void**>(&ptr_), count * sizeof(T)));
        count_ = count;
        return true;
    }
    Result<bool> upload(const T* host, std::size_t count) {
        VANIKEYS_CUDA_CHECK(cudaMemcpy(ptr_, host, count * sizeof(T), cudaMemcpyHostToDevice));
        return true;
    }
    void reset() {
        if (ptr_ != nullptr) cudaFree(ptr_);
        ptr_ = nullptr;
        count_ = 0;
    }
    [[nodiscard]] T* get() const { return ptr_; }
    [[nodiscard]] std::size_t size() const { return count_; }

private:
    T* ptr_ = nullptr;
    std::size_t count_ = 0;
};

// Checks a Result<bool> step inside a function returning Result<U>.
#define VANIKEYS_TRY(expr)                                  \
    do {                                                    \
        auto vanikeys_try_result = (expr);                  \
        if (!vanikeys_try_result) return vanikeys_try_result.error(); \
    } while (0)

class CudaDevice final : public GpuDevice {
public:
    CudaDevice(int index, std::string name) : index_(index), name_(std::move(name)) {}
    ~CudaDevice() override {
        cudaSetDevice(index_);
        if (stream_ != nullptr) cudaStreamDestroy(stream_);
        if (started_ != nullptr) cudaEventDestroy(started_);
        if (finished_ != nullptr) cudaEventDestroy(finished_);
        if (stop_flag_ != nullptr) cudaFreeHost(const_cast<std::int32_t*>(stop_flag_));
    }

    [[nodiscard]] int index() const override { return index_; }
    [[nodiscard]] std::string name() const override { return name_; }
    [[nodiscard]] int thread_count() const override { return threads_; }

    Result<bool> prepare(const MatcherTables& matcher, int half_width) override {
        if (half_width < 1 || half_width > gpu::kMaxHalfWidth) return bad_input("walk half-width out of range");
        VANIKEYS_CUDA_CHECK(cudaSetDevice(index_));
        VANIKEYS_TRY(create_resources());
        format_ = matcher.format;
        kind_ = gpu::match_kind_of(matcher.mode);
        half_width_ = half_width;

        int multiprocessors = 0;
        VANIKEYS_CUDA_CHECK(cudaDeviceGetAttribute(&multiprocessors, cudaDevAttrMultiProcessorCount, index_));
        int blocks_per_sm = 0;
        VANIKEYS_CUDA_CHECK(gpu::search_kernel_occupancy(format_, kind_, &blocks_per_sm));
        if (const char* env = std::getenv("VANIKEYS_CUDA_BLOCKS_PER_SM"); env != nullptr && std::atoi(env) > 0)
            blocks_per_sm = std::atoi(env);
        if (blocks_per_sm < 1) return runtime_failure(name_ + ": the search kernel does not fit on this GPU");
        threads_ = multiprocessors * blocks_per_sm * gpu::kSearchThreadsPerBlock;

        // Public tables: j*G for the walk, k*G windows for the thread starts, the matcher.
        const WalkTableStorage<Fe32> table(half_width);
        VANIKEYS_TRY(multiples_.allocate(table.multiples().size()));
        VANIKEYS_TRY(multiples_.upload(table.multiples().data(), table.multiples().size()));
        VANIKEYS_TRY(upload_gen_table());
        const std::size_t matcher_bytes = packed_matcher_size(matcher);
        std::vector<std::uint64_t> packed((matcher_bytes + 7) / 8);
        VANIKEYS_TRY(matcher_.allocate(packed.size()));
        const MatcherView view = pack_matcher(matcher, packed.data(), matcher_.get());
        VANIKEYS_TRY(matcher_.upload(packed.data(), packed.size()));
        params_ = gpu::StepParams<Fe32>{WalkTable<Fe32>{multiples_.get(), table.step(), half_width}, view,
                                        matcher.needs_eth_case};

        // Per-thread state and the launch outputs.
        const auto n = static_cast<std::size_t>(threads_);
        VANIKEYS_TRY(state_x_.allocate(8 * n));
        VANIKEYS_TRY(state_y_.allocate(8 * n));
        VANIKEYS_TRY(state_index_.allocate(n));
        VANIKEYS_TRY(state_infinity_.allocate(n));
        VANIKEYS_TRY(best_.allocate(n));
        VANIKEYS_TRY(hits_.allocate(kHitCapacity));
        VANIKEYS_TRY(counters_.allocate(1));
        VANIKEYS_TRY(base_.allocate(1));
        return true;
    }

    Result<bool> start_walk(const PublicKey& base, std::uint64_t stride) override {
        VANIKEYS_CUDA_CHECK(cudaSetDevice(index_));
        const Affine<Fe32> point = affine_from_public_key<Fe32>(base);
        VANIKEYS_TRY(base_.upload(&point, 1));
        VANIKEYS_CUDA_CHECK(
            gpu::launch_thread_starts(base_.get(), gen_table_.get(), stride, half_width_, states(), stream_));
        VANIKEYS_CUDA_CHECK(cudaStreamSynchronize(stream_));
        return true;
    }

    Result<GpuLaunchResult> launch(const GpuLaunchRequest& request, const std::function<bool()>& stop) override {
        VANIKEYS_CUDA_CHECK(cudaSetDevice(index_));
        gpu::SearchKernelArgs args;
        args.params = params_;
        args.states = states();
        args.active_threads = std::min(request.active_threads, threads_);
        args.groups = request.groups;
        args.best_floor = request.best_floor;
        args.stop = stop_flag_device_;
        args.counters = counters_.get();
        args.hits = hits_.get();
        args.hit_capacity = kHitCapacity;
        args.best = best_.get();
        if (request.record_threads > 0) {
            const std::size_t capacity = static_cast<std::size_t>(request.record_threads) *
                                         static_cast<std::size_t>(request.groups) *
                                         static_cast<std::size_t>(2 * half_width_ + 1) * 6;
            if (records_.size() < capacity) VANIKEYS_TRY(records_.allocate(capacity));
            args.records = records_.get();
            args.record_threads = request.record_threads;
            args.record_capacity = static_cast<int>(capacity);
        }

        *stop_flag_ = 0;
        VANIKEYS_CUDA_CHECK(cudaMemsetAsync(counters_.get(), 0, sizeof(gpu::LaunchCounters), stream_));
        VANIKEYS_CUDA_CHECK(cudaEventRecord(started_, stream_));
        VANIKEYS_CUDA_CHECK(gpu::launch_search_kernel(format_, kind_, args, stream_));
        VANIKEYS_CUDA_CHECK(cudaEventRecord(finished_, stream_));

        // Wait by polling, so that a stop request can reach the running kernel through the flag.
        GpuLaunchResult result;
        for (;;) {
            const cudaError_t status = cudaEventQuery(finished_);
            if (status == cudaSuccess) break;
            if (status != cudaErrorNotReady)
                return CudaError{status, "the search kernel (launch_search_kernel)", __FILE__, __LINE__}.to_error();
            if (!result.interrupted && stop && stop()) {
                *stop_flag_ = 1;
                result.interrupted = true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        VANIKEYS_CUDA_CHECK(cudaGetLastError());
        float milliseconds = 0;
        VANIKEYS_CUDA_CHECK(cudaEventElapsedTime(&milliseconds, started_, finished_));
        result.seconds = milliseconds / 1000.0;

        gpu::LaunchCounters counters{};
        VANIKEYS_CUDA_CHECK(cudaMemcpy(&counters, counters_.get(), sizeof counters, cudaMemcpyDeviceToHost));
        result.tested = counters.tested;
        const unsigned stored = std::min<unsigned>(counters.hit_count, kHitCapacity);
        result.hits_dropped = counters.hit_count - stored;
        if (stored > 0) {
            std::vector<gpu::HitRecord> hits(stored);
            VANIKEYS_CUDA_CHECK(
                cudaMemcpy(hits.data(), hits_.get(), stored * sizeof(gpu::HitRecord), cudaMemcpyDeviceToHost));
            for (const gpu::HitRecord& h : hits)
                result.hits.push_back(CandidateReport{0, h.index, h.endo, h.negate != 0, h.matched_chars, true, 0});
        }
        if (counters.best_key != 0) {
            const auto thread = static_cast<std::size_t>(counters.best_key & 0xFFFFFFFFu);
            gpu::BestRecord best{};
            VANIKEYS_CUDA_CHECK(cudaMemcpy(&best, best_.get() + thread, sizeof best, cudaMemcpyDeviceToHost));
            result.best = CandidateReport{0, best.index, best.endo, best.negate != 0,
                                          static_cast<std::uint16_t>(best.matched_chars), false, 0};
        }
        if (request.record_threads > 0) {
            const std::size_t count = std::min<std::size_t>(counters.record_count, records_.size());
            result.records.resize(count);
            VANIKEYS_CUDA_CHECK(cudaMemcpy(result.records.data(), records_.get(), count * sizeof(gpu::CandidateRecord),
                                           cudaMemcpyDeviceToHost));
        }
        return result;
    }

    Result<std::vector<std::array<std::uint8_t, 32>>> field_digests(std::uint64_t first_seed, int count,
                                                                     int rounds) override {
        VANIKEYS_CUDA_CHECK(cudaSetDevice(index_));
        VANIKEYS_TRY(create_resources());
        VANIKEYS_TRY(upload_gen_table());
        DeviceBuffer<std::uint8_t> out;
        VANIKEYS_TRY(out.allocate(static_cast<std::size_t>(count) * 32));
        VANIKEYS_CUDA_CHECK(gpu::launch_field_digests(gen_table_.get(), first_seed, count, rounds, out.get(), stream_));
        VANIKEYS_CUDA_CHECK(cudaStreamSynchronize(stream_));
        static_assert(sizeof(std::array<std::uint8_t, 32>) == 32, "digests are copied as one block");
        std::vector<std::array<std::uint8_t, 32>> digests(static_cast<std::size_t>(count));
        VANIKEYS_CUDA_CHECK(cudaMemcpy(digests.data(), out.get(), out.size(), cudaMemcpyDeviceToHost));
        return digests;
    }

private:
    Result<bool> upload_gen_table() {
        if (gen_table_.size() != 0) return true;
        VANIKEYS_TRY(gen_table_.allocate(secp::kGenTableSize));
        VANIKEYS_TRY(gen_table_.upload(secp::gen_table<Fe32>(), secp::kGenTableSize));
        return true;
    }

    Result<bool> create_resources() {
        if (stream_ != nullptr) return true;
        VANIKEYS_CUDA_CHECK(cudaStreamCreateWithFlags(&stream_, cudaStreamNonBlocking));
        VANIKEYS_CUDA_CHECK(cudaEventCreate(&started_));
        VANIKEYS_CUDA_CHECK(cudaEventCreate(&finished_));
        // The stop flag lives in mapped host memory: the host sets it while the kernel runs.
        std::int32_t* flag = nullptr;
        VANIKEYS_CUDA_CHECK(cudaHostAlloc(reinterpret_cast<void**>(&flag), sizeof(std::int32_t), cudaHostAllocMapped));
        stop_flag_ = flag;
        *stop_flag_ = 0;
        std::int32_t* device_flag = nullptr;
        VANIKEYS_CUDA_CHECK(cudaHostGetDevicePointer(reinterpret_cast<void**>(&device_flag), flag, 0));
        stop_flag_device_ = device_flag;
        return true;
    }

    [[nodiscard]] gpu::WalkStateArrays states() const {
        return gpu::WalkStateArrays{state_x_.get(), state_y_.get(), state_index_.get(), state_infinity_.get(), threads_};
    }

    int index_;
    std::string name_;
    KeyFormat format_ = KeyFormat::DidKey;
    gpu::MatchKind kind_ = gpu::MatchKind::Automaton;
    int half_width_ = 0;
    int threads_ = 0;
    gpu::StepParams<Fe32> params_{};

    cudaStream_t stream_ = nullptr;
    cudaEvent_t started_ = nullptr;
    cudaEvent_t finished_ = nullptr;
    volatile std::int32_t* stop_flag_ = nullptr;
    const volatile std::int32_t* stop_flag_device_ = nullptr;

    DeviceBuffer<Affine<Fe32>> multiples_;
    DeviceBuffer<Affine<Fe32>> gen_table_;
    DeviceBuffer<Affine<Fe32>> base_;
    DeviceBuffer<std::uint64_t> matcher_;
    DeviceBuffer<std::uint32_t> state_x_;
    DeviceBuffer<std::uint32_t> state_y_;
    DeviceBuffer<std::uint64_t> state_index_;
    DeviceBuffer<std::uint8_t> state_infinity_;
    DeviceBuffer<gpu::BestRecord> best_;
    DeviceBuffer<gpu::HitRecord> hits_;
    DeviceBuffer<gpu::LaunchCounters> counters_;
    DeviceBuffer<gpu::CandidateRecord> records_;
};

// The number of CUDA devices, or the runtime's reason why there are none.
Result<int> device_count() {
    int count = 0;
    const cudaError_t status = cudaGetDeviceCount(&count);
    if (status != cudaSuccess) {
        cudaGetLastError();  // clear it, so later calls do not report it again
        std::string hint;
        if (status == cudaErrorInsufficientDriver)
            hint = "; is an NVIDIA driver installed? This build needs one for CUDA " +
                   std::to_string(CUDART_VERSION / 1000) + "." + std::to_string(CUDART_VERSION % 1000 / 10) + " or newer";
        else if (status == cudaErrorNoDevice)
            hint = "; no NVIDIA GPU is visible (check nvidia-smi and CUDA_VISIBLE_DEVICES)";
        return runtime_failure(std::string(cudaGetErrorString(status)) + " (" + cudaGetErrorName(status) + ")" + hint);
    }
    if (count == 0) return runtime_failure("no CUDA device is visible");
    return count;
}

} // namespace

std::vector<CudaDeviceInfo> cuda_devices() {
    std::vector<CudaDeviceInfo> devices;
    auto count = device_count();
    if (!count) return devices;
    for (int i = 0; i < *count; ++i) {
        cudaDeviceProp prop{};
        if (cudaGetDeviceProperties(&prop, i) != cudaSuccess) continue;
        devices.push_back(CudaDeviceInfo{i, prop.name, prop.major, prop.minor, prop.multiProcessorCount,
                                         static_cast<std::size_t>(prop.totalGlobalMem)});
    }
    return devices;
}

std::vector<std::unique_ptr<GpuDevice>> make_cuda_devices(std::string& why_not) {
    std::vector<std::unique_ptr<GpuDevice>> devices;
    auto count = device_count();
    if (!count) {
        why_not = count.error().message;
        return devices;
    }
    for (const CudaDeviceInfo& info : cuda_devices())
        devices.push_back(std::make_unique<CudaDevice>(info.index, "GPU " + std::to_string(info.index) + ": " + info.name));
    if (devices.empty()) why_not = "no CUDA device could be queried";
    return devices;
}

std::unique_ptr<ISearchEngine> make_cuda_searcher(std::string& why_not) {
    auto devices = make_cuda_devices(why_not);
    if (devices.empty()) return nullptr;
    return std::make_unique<CudaSearcher>(std::move(devices));
}

} // namespace vanikeys
