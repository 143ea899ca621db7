// One GPU as CudaSearcher drives it: prepare a job, start the threads' walks from a public
// point, run launches. The CUDA implementation is cuda_device.cpp; EmulatedGpuDevice runs the
// same per-thread code on the CPU, so the searcher's logic is tested on machines with no GPU.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/result.h"
#include "engine/cuda/gpu_step.h"
#include "engine/search/search_coordinator.h"

namespace vanikeys {

// What one launch asks for.
struct GpuLaunchRequest {
    int groups = 1;           // walk groups per thread
    int active_threads = 0;   // threads 0..active_threads-1 walk (<= thread_count())
    int best_floor = -1;      // report a best candidate only if it scores above this
    int record_threads = 0;   // self-test: record every candidate of the first threads
};

// What one launch found. Candidate reports carry start_id 0; the searcher fills it in.
struct GpuLaunchResult {
    std::uint64_t tested = 0;                   // candidates tested by all threads
    std::vector<CandidateReport> hits;          // exact matches
    std::uint64_t hits_dropped = 0;             // exact matches past the hit buffer
    std::optional<CandidateReport> best;        // the best non-exact candidate above the floor
    std::vector<gpu::CandidateRecord> records;  // record_threads > 0 only
    double seconds = 0;                         // the launch's duration on the device
    bool interrupted = false;                   // the stop callback fired during the launch
};

class GpuDevice {
public:
    virtual ~GpuDevice() = default;

    // The CUDA device number (what --gpus names) and its description for people.
    [[nodiscard]] virtual int index() const = 0;
    [[nodiscard]] virtual std::string name() const = 0;

    // Uploads the job's tables and allocates per-thread state; thread_count() is valid after.
    // Error 3 for a device failure.
    virtual Result<bool> prepare(const MatcherTables& matcher, int half_width) = 0;
    // Threads one full launch runs (one resident wave of the job's kernel).
    [[nodiscard]] virtual int thread_count() const = 0;

    // Thread t's walk starts at base + t*stride*G, key index t*stride + H from the coordinator's
    // start (base is the start's public point at first_index H).
    virtual Result<bool> start_walk(const PublicKey& base, std::uint64_t stride) = 0;

    // Runs one launch. `stop` is polled while it runs; once it returns true the threads finish
    // their current group and the launch ends early (GpuLaunchResult::interrupted).
    virtual Result<GpuLaunchResult> launch(const GpuLaunchRequest& request, const std::function<bool()>& stop) = 0;

    // secp::selftest_digest(k*G table, first_seed + i, rounds) for i < count, computed on the
    // device with Fe32: every field and point operation, including the device-only PTX carry
    // chains, reduced to digests the host computes too. Needs no prepare().
    virtual Result<std::vector<std::array<std::uint8_t, 32>>> field_digests(std::uint64_t first_seed, int count,
                                                                             int rounds) = 0;
};

// The CPU stand-in for a GPU: the same gpu_step.h code on Fe32, one host thread, a handful of
// simulated GPU threads. For tests of everything above the kernel.
class EmulatedGpuDevice final : public GpuDevice {
public:
    // `fail_after_launches` >= 0 makes launch number fail_after_launches + 1 fail (tests).
    EmulatedGpuDevice(int index, int threads, int fail_after_launches = -1);
    ~EmulatedGpuDevice() override;

    [[nodiscard]] int index() const override { return index_; }
    [[nodiscard]] std::string name() const override;
    Result<bool> prepare(const MatcherTables& matcher, int half_width) override;
    [[nodiscard]] int thread_count() const override { return threads_; }
    Result<bool> start_walk(const PublicKey& base, std::uint64_t stride) override;
    Result<GpuLaunchResult> launch(const GpuLaunchRequest& request, const std::function<bool()>& stop) override;
    Result<std::vector<std::array<std::uint8_t, 32>>> field_digests(std::uint64_t first_seed, int count,
                                                                     int rounds) override;

    // Launches so far, and the last request (tests check the searcher's sizing).
    [[nodiscard]] int launches() const { return launches_; }
    [[nodiscard]] const GpuLaunchRequest& last_request() const { return last_request_; }

private:
    struct Job;
    int index_;
    int threads_;
    int fail_after_launches_;
    int launches_ = 0;
    GpuLaunchRequest last_request_;
    std::unique_ptr<Job> job_;
};

} // namespace vanikeys
