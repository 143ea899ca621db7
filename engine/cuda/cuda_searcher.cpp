#include "engine/cuda/cuda_searcher.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace vanikeys {
namespace {

// A positive integer from the environment, or `fallback`.
int env_int(const char* name, int fallback) {
    const char* text = std::getenv(name);
    if (text == nullptr) return fallback;
    const int v = std::atoi(text);
    return v > 0 ? v : fallback;
}

std::string available_ids(const std::vector<std::unique_ptr<GpuDevice>>& devices) {
    std::string ids;
    for (const auto& d : devices) ids += (ids.empty() ? "" : ", ") + std::to_string(d->index());
    return ids.empty() ? "none" : ids;
}

// The next launch's groups per thread: aim at the target duration, moving at most 4x per
// launch so that one odd timing cannot swing it far.
int next_groups(int groups, double seconds, double target, int max_groups) {
    if (seconds <= 0) return std::min(groups * 4, max_groups);
    const double want = groups * target / seconds;
    const double bounded = std::clamp(want, groups / 4.0, groups * 4.0);
    return std::clamp(static_cast<int>(std::lround(bounded)), 1, max_groups);
}

} // namespace

CudaSearcher::CudaSearcher(std::vector<std::unique_ptr<GpuDevice>> devices) : devices_(std::move(devices)) {}

CudaSearcher::~CudaSearcher() {
    stop_and_join();
}

std::string CudaSearcher::device_description() const {
    std::string text;
    for (const auto& d : devices_) text += (text.empty() ? "" : "; ") + d->name();
    return text;
}

Result<bool> CudaSearcher::start(const SearchSpec& spec) {
    if (auto ready = ready_for_job(); !ready) return ready;
    auto matcher = compile_matcher(spec.pattern);
    if (!matcher) return matcher.error();

    std::vector<GpuDevice*> chosen;
    if (spec.gpu_ids.empty()) {
        for (auto& d : devices_) chosen.push_back(d.get());
    } else {
        for (int id : spec.gpu_ids) {
            auto it = std::find_if(devices_.begin(), devices_.end(), [id](const auto& d) { return d->index() == id; });
            if (it == devices_.end())
                return bad_input("GPU " + std::to_string(id) + " is not usable here; usable GPUs: " + available_ids(devices_));
            if (std::find(chosen.begin(), chosen.end(), it->get()) == chosen.end()) chosen.push_back(it->get());
        }
    }
    if (chosen.empty()) return runtime_failure("no usable CUDA GPU");

    int half_width = tuning_.half_width > 0 ? tuning_.half_width : gpu::default_half_width(spec.pattern.format);
    half_width = env_int("VANIKEYS_CUDA_HALF_WIDTH", half_width);
    if (half_width > gpu::kMaxHalfWidth)
        return bad_input("VANIKEYS_CUDA_HALF_WIDTH must be at most " + std::to_string(gpu::kMaxHalfWidth));
    tuning_.target_launch_seconds = env_int("VANIKEYS_CUDA_LAUNCH_MS", 0) > 0
                                        ? env_int("VANIKEYS_CUDA_LAUNCH_MS", 150) / 1000.0
                                        : tuning_.target_launch_seconds;

    std::vector<DeviceRate> rates;
    for (GpuDevice* d : chosen) rates.push_back(DeviceRate{d->name(), 0});
    {
        std::lock_guard lock(rates_mutex_);
        rates_ = rates;
    }
    launch(spec, std::move(matcher.value()), std::move(rates), static_cast<int>(chosen.size()),
           [this, chosen, half_width](int i) {
               run_device(*chosen[static_cast<std::size_t>(i)], static_cast<std::size_t>(i), half_width);
           });
    return true;
}

void CudaSearcher::publish_rate(std::size_t slot, double keys_per_second) {
    std::lock_guard lock(rates_mutex_);
    rates_[slot].keys_per_second = keys_per_second;
    coordinator().set_device_rates(rates_);
}

// One device's loop: start its threads from a fresh coordinator start, launch, hand hits and
// the best candidate to the coordinator, count the keys, resize the next launch; restart long
// before any thread could walk into the next thread's range.
void CudaSearcher::run_device(GpuDevice& device, std::size_t slot, int half_width) {
    SearchCoordinator& coordinator = this->coordinator();
    auto fail = [&](const Error& e) { coordinator.fail(runtime_failure(device.name() + ": " + e.message)); };
    if (auto prepared = device.prepare(coordinator.matcher(), half_width); !prepared) {
        fail(prepared.error());
        coordinator.searcher_done();
        return;
    }
    const int threads = device.thread_count();
    const auto group_points = static_cast<std::uint64_t>(2 * half_width + 1);
    const std::uint64_t keys_per_thread_group = group_points * candidates_per_point(coordinator.matcher().format);
    const std::uint64_t max_keys = coordinator.spec().max_keys;
    const std::uint64_t device_count = rates_.size();

    int start_id = -1;
    std::uint64_t walked = 0;  // points per thread since the last start
    auto restart = [&]() -> bool {
        auto start = coordinator.new_start(static_cast<std::uint64_t>(half_width));
        if (!start) {
            fail(start.error());
            return false;
        }
        if (auto walking = device.start_walk(start->point, tuning_.stride); !walking) {
            fail(walking.error());
            return false;
        }
        start_id = start->start_id;
        walked = 0;
        return true;
    };

    int groups = 1;
    double rate = 0;
    const auto stop = [&coordinator] { return coordinator.stopping(); };
    if (restart()) {
        while (!coordinator.stopping()) {
            GpuLaunchRequest request;
            request.groups = groups;
            request.active_threads = threads;
            request.best_floor = coordinator.best_hint();
            if (max_keys != 0) {  // near the budget: fewer groups, then fewer threads
                const std::uint64_t done = coordinator.attempts();
                const std::uint64_t left = max_keys > done ? (max_keys - done + device_count - 1) / device_count : 1;
                const std::uint64_t per_group = keys_per_thread_group * static_cast<std::uint64_t>(threads);
                if (left < per_group * static_cast<std::uint64_t>(groups)) {
                    request.groups = static_cast<int>(std::clamp<std::uint64_t>((left + per_group - 1) / per_group, 1, groups));
                    const std::uint64_t per_thread = keys_per_thread_group * static_cast<std::uint64_t>(request.groups);
                    request.active_threads =
                        static_cast<int>(std::clamp<std::uint64_t>((left + per_thread - 1) / per_thread, 1, threads));
                }
            }
            auto result = device.launch(request, stop);
            if (!result) {
                fail(result.error());
                break;
            }
            for (CandidateReport hit : result->hits) {
                hit.start_id = start_id;
                hit.uncommitted_attempts = result->tested;  // found somewhere in this launch
                coordinator.report(hit);
            }
            if (result->best && static_cast<int>(result->best->matched_chars) > coordinator.best_hint()) {
                CandidateReport best = *result->best;
                best.start_id = start_id;
                best.uncommitted_attempts = result->tested;
                coordinator.report(best);
            }
            if (result->seconds > 0) {
                const double launch_rate = static_cast<double>(result->tested) / result->seconds;
                rate = rate == 0 ? launch_rate : 0.7 * rate + 0.3 * launch_rate;
                publish_rate(slot, rate);
            }
            walked += group_points * static_cast<std::uint64_t>(request.groups);
            if (!coordinator.add_attempts(result->tested)) break;
            if (!result->interrupted && request.active_threads == threads && request.groups == groups)
                groups = next_groups(groups, result->seconds, tuning_.target_launch_seconds, tuning_.max_groups);
            if (walked + group_points * static_cast<std::uint64_t>(groups) >= tuning_.stride && !restart()) break;
        }
    }
    coordinator.searcher_done();
}

} // namespace vanikeys
