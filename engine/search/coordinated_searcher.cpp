#include "engine/search/coordinated_searcher.h"

namespace vanikeys {

CoordinatedSearcher::~CoordinatedSearcher() {
    stop_and_join();
}

void CoordinatedSearcher::stop_and_join() {
    request_stop();
    if (control_.joinable()) control_.join();
}

Result<bool> CoordinatedSearcher::ready_for_job() {
    if (running_.load()) return bad_input("a search is already running on this engine; stop it first");
    if (control_.joinable()) control_.join();
    return true;
}

void CoordinatedSearcher::launch(const SearchSpec& spec, MatcherTables matcher, std::vector<DeviceRate> rates,
                                 int searchers, std::function<void(int)> searcher) {
    summary_.reset();
    coordinator_ = std::make_unique<SearchCoordinator>(spec, std::move(matcher), observers_);
    coordinator_->set_device_rates(std::move(rates));
    running_ = true;
    control_ = std::jthread([this, searchers, searcher = std::move(searcher)] {
        std::vector<std::jthread> threads;
        threads.reserve(static_cast<std::size_t>(searchers));
        for (int i = 0; i < searchers; ++i) threads.emplace_back([&searcher, i] { searcher(i); });
        summary_ = coordinator_->run(searchers);
        threads.clear();  // joins
        running_ = false;
    });
}

void CoordinatedSearcher::request_stop() {
    if (coordinator_ && running_.load()) coordinator_->request_stop(StopReason::Requested);
}

SearchSummary CoordinatedSearcher::wait() {
    if (control_.joinable()) control_.join();
    return summary_.value_or(SearchSummary{});
}

bool CoordinatedSearcher::running() const {
    return running_.load();
}

std::unique_ptr<Subscription> CoordinatedSearcher::subscribe(SearchObserver observer) {
    return observers_.add(std::move(observer));
}

} // namespace vanikeys
