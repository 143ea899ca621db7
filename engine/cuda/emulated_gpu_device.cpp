#include <chrono>

#include "engine/cuda/gpu_device.h"
#include "engine/search/walk_table.h"
#include "engine/secp/selftest.h"

namespace vanikeys {

using secp::Fe32;

struct EmulatedGpuDevice::Job {
    MatcherTables matcher;
    gpu::MatchKind kind;
    WalkTableStorage<Fe32> table;
    std::vector<WalkState<Fe32>> states;
    std::vector<Fe32> prefix;

    Job(const MatcherTables& m, int half_width)
        : matcher(m), kind(gpu::match_kind_of(m.mode)), table(half_width), prefix(static_cast<std::size_t>(half_width) + 1) {}
};

EmulatedGpuDevice::EmulatedGpuDevice(int index, int threads, int fail_after_launches)
    : index_(index), threads_(threads), fail_after_launches_(fail_after_launches) {}

EmulatedGpuDevice::~EmulatedGpuDevice() = default;

std::string EmulatedGpuDevice::name() const {
    return "GPU " + std::to_string(index_) + ": emulated on the CPU (" + std::to_string(threads_) + " threads)";
}

Result<bool> EmulatedGpuDevice::prepare(const MatcherTables& matcher, int half_width) {
    if (half_width < 1 || half_width > gpu::kMaxHalfWidth) return bad_input("walk half-width out of range");
    job_ = std::make_unique<Job>(matcher, half_width);
    job_->states.resize(static_cast<std::size_t>(threads_));
    return true;
}

Result<bool> EmulatedGpuDevice::start_walk(const PublicKey& base, std::uint64_t stride) {
    if (!job_) return runtime_failure("emulated device: start_walk before prepare");
    const auto base_point = affine_from_public_key<Fe32>(base);
    const int h = job_->table.view().half_width;
    for (int t = 0; t < threads_; ++t)
        job_->states[static_cast<std::size_t>(t)] =
            gpu::thread_start(base_point, secp::gen_table<Fe32>(), static_cast<std::uint64_t>(t) * stride, h);
    return true;
}

Result<GpuLaunchResult> EmulatedGpuDevice::launch(const GpuLaunchRequest& request, const std::function<bool()>& stop) {
    if (!job_) return runtime_failure("emulated device: launch before prepare");
    last_request_ = request;
    if (fail_after_launches_ >= 0 && launches_ >= fail_after_launches_)
        return runtime_failure(name() + ": emulated device failure (test)");
    ++launches_;
    const auto started = std::chrono::steady_clock::now();
    GpuLaunchResult result;
    const gpu::StepParams<Fe32> params{job_->table.view(), view_of(job_->matcher), job_->matcher.needs_eth_case};
    int best_matched = -1;
    auto on_hit = [&](const gpu::CandidateId& id, const MatchOutcome& m) {
        result.hits.push_back(CandidateReport{0, id.index, id.endo, id.negate, m.matched_chars, true, 0});
    };
    const int active = std::min(request.active_threads, threads_);
    // The GPU's threads run their groups side by side; here the groups go in lockstep, with the
    // stop check between them as the kernel has it.
    for (int g = 0; g < request.groups; ++g) {
        if (stop && stop()) {
            result.interrupted = true;
            break;
        }
        for (int t = 0; t < active; ++t) {
            const bool recording = t < request.record_threads;
            auto record = [&](const gpu::CandidateId& id, const MatchOutcome& m, const std::uint8_t* symbols, int known) {
                if (!recording) return;
                gpu::CandidateRecord r{};
                gpu::fill_record(r, id, m, symbols, known);
                result.records.push_back(r);
            };
            const gpu::ThreadOutcome outcome = gpu::dispatch_kernel_kind(
                job_->matcher.format, job_->kind, [&]<KeyFormat kFormat, gpu::MatchKind kKind>() {
                    return gpu::run_thread_launch<kFormat, kKind>(job_->states[static_cast<std::size_t>(t)], params,
                                                                  job_->prefix.data(), 1, request.best_floor, nullptr,
                                                                  on_hit, record);
                });
            result.tested += outcome.tested;
            if (outcome.best_matched > best_matched) {
                best_matched = outcome.best_matched;
                result.best = CandidateReport{0, outcome.best.index, outcome.best.endo, outcome.best.negate,
                                              static_cast<std::uint16_t>(outcome.best_matched), false, 0};
            }
        }
    }
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

Result<std::vector<std::array<std::uint8_t, 32>>> EmulatedGpuDevice::field_digests(std::uint64_t first_seed, int count,
                                                                                    int rounds) {
    std::vector<std::array<std::uint8_t, 32>> digests(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i)
        secp::selftest_digest(secp::gen_table<Fe32>(), first_seed + static_cast<std::uint64_t>(i), rounds,
                              digests[static_cast<std::size_t>(i)].data());
    return digests;
}

} // namespace vanikeys
