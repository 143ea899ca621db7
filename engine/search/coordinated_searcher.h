// CoordinatedSearcher: what every local engine (CPU threads, CUDA devices) shares around its
// SearchCoordinator: one control thread per job that starts the engine's searchers and runs the
// coordinator, and the ISearchEngine plumbing (stop, wait, running, observers). An engine
// implements only how its searchers walk and test keys.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "engine/search/search_coordinator.h"
#include "engine/search/search_engine.h"

namespace vanikeys {

class CoordinatedSearcher : public ISearchEngine {
public:
    void request_stop() override;
    SearchSummary wait() override;
    [[nodiscard]] bool running() const override;
    [[nodiscard]] std::unique_ptr<Subscription> subscribe(SearchObserver observer) override;

protected:
    CoordinatedSearcher() = default;
    ~CoordinatedSearcher() override;

    // A derived engine's destructor calls this first: the job's threads use its members.
    void stop_and_join();
    // Refuses while a job runs; otherwise joins the last job's control thread.
    Result<bool> ready_for_job();
    // Starts a job of `searchers` searchers: searcher(i) runs on its own thread for i in
    // [0, searchers) and must end with coordinator().searcher_done().
    void launch(const SearchSpec& spec, MatcherTables matcher, std::vector<DeviceRate> rates, int searchers,
                std::function<void(int)> searcher);
    [[nodiscard]] SearchCoordinator& coordinator() { return *coordinator_; }

private:
    ObserverList observers_;
    std::unique_ptr<SearchCoordinator> coordinator_;
    std::jthread control_;
    std::optional<SearchSummary> summary_;
    std::atomic<bool> running_{false};
};

} // namespace vanikeys
