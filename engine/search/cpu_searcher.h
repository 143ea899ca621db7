// CpuSearcher: the always-available engine. One walker per thread, each from its own random
// start, testing every candidate with the format's CPU pipeline.
#pragma once

#include <memory>
#include <optional>
#include <thread>

#include "engine/search/search_coordinator.h"
#include "engine/search/search_engine.h"

namespace vanikeys {

class CpuSearcher final : public ISearchEngine {
public:
    CpuSearcher();
    ~CpuSearcher() override;

    [[nodiscard]] std::string name() const override { return "cpu"; }
    [[nodiscard]] std::string device_description() const override;

    Result<bool> start(const SearchSpec& spec) override;
    void request_stop() override;
    SearchSummary wait() override;
    [[nodiscard]] bool running() const override;
    [[nodiscard]] std::unique_ptr<Subscription> subscribe(SearchObserver observer) override;

    // Threads a job uses when the spec says 0: one per core.
    static int default_threads();

private:
    void run_job(int threads);
    void run_worker();

    ObserverList observers_;
    std::unique_ptr<SearchCoordinator> coordinator_;
    std::jthread control_;
    std::optional<SearchSummary> summary_;
    std::atomic<bool> running_{false};
};

} // namespace vanikeys
