#include "engine/search/cpu_searcher.h"

#include <fstream>
#include <vector>

#include "engine/search/cpu_pipeline.h"
#include "engine/search/walk_table.h"

namespace vanikeys {
namespace {

const WalkTableStorage<secp::Fe64>& cpu_walk_table() {
    static const WalkTableStorage<secp::Fe64> table(kCpuWalkHalfWidth);
    return table;
}

std::string cpu_model_name() {
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line;
    while (std::getline(cpuinfo, line)) {
        if (line.starts_with("model name")) {
            auto colon = line.find(':');
            if (colon != std::string::npos) return line.substr(colon + 2);
        }
    }
    return "CPU";
}

// Restart a walker long before its 64-bit key index could overflow.
constexpr std::uint64_t kRestartIndex = std::uint64_t{1} << 62;

} // namespace

CpuSearcher::CpuSearcher() = default;

CpuSearcher::~CpuSearcher() {
    stop_and_join();
}

int CpuSearcher::default_threads() {
    const unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : static_cast<int>(n);
}

std::string CpuSearcher::device_description() const {
    return cpu_model_name() + " (" + std::to_string(default_threads()) + " threads)";
}

Result<bool> CpuSearcher::start(const SearchSpec& spec) {
    if (auto ready = ready_for_job(); !ready) return ready;
    auto matcher = compile_matcher(spec.pattern);
    if (!matcher) return matcher.error();
    const int threads = spec.cpu_threads > 0 ? spec.cpu_threads : default_threads();
    cpu_walk_table();  // build the shared table before the threads race for it
    launch(spec, std::move(matcher.value()), {DeviceRate{"CPU (" + std::to_string(threads) + " threads)", 0}}, threads,
           [this](int) { run_worker(); });
    return true;
}

void CpuSearcher::run_worker() {
    SearchCoordinator& coordinator = this->coordinator();
    const WalkTable<secp::Fe64> table = cpu_walk_table().view();
    const int group_size = 2 * table.half_width + 1;
    auto pipeline = make_cpu_pipeline(coordinator.matcher());
    std::vector<secp::Fe64> prefix(static_cast<std::size_t>(table.half_width) + 1);
    std::vector<secp::Affine<secp::Fe64>> points(static_cast<std::size_t>(group_size));
    std::vector<std::int32_t> offsets(static_cast<std::size_t>(group_size));

    CandidateTracker tracker(coordinator, -1);
    WalkState<secp::Fe64> state;
    auto restart = [&]() -> bool {
        auto start = coordinator.new_start(static_cast<std::uint64_t>(table.half_width));
        if (!start) {
            coordinator.fail(start.error());
            return false;
        }
        tracker.set_start(start->start_id);
        state.centre = affine_from_public_key<secp::Fe64>(start->point);
        state.centre_index = static_cast<std::uint64_t>(table.half_width);
        return true;
    };

    if (restart()) {
        int groups = 0;
        while (!coordinator.stopping()) {
            const std::uint64_t centre_index = state.centre_index;
            const int count = walk_group_into(state, table, prefix.data(), points.data(), offsets.data());
            const std::uint64_t tested = pipeline->process(points.data(), offsets.data(), count, centre_index, tracker);
            const bool go_on = coordinator.add_attempts(tested);
            tracker.committed();
            if (!go_on) break;
            if (++groups % 16 == 0) tracker.sync();
            if (state.centre_index >= kRestartIndex && !restart()) break;
        }
    }
    coordinator.searcher_done();
}

} // namespace vanikeys
