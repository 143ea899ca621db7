// CloudSearchEngine: a cloud search seen through ISearchEngine, so that the app's grind view and
// charts, and the CLI's search runner, drive it like the CPU or CUDA engine. start() returns at
// once; a background thread routes the job, submits it (split-key: a fresh d stays on this
// machine), follows the workers and publishes their progress (attempts, rate, best score
// summed over the workers), each key once it has been rebuilt from d and verified, and one
// summary. request_stop() cancels every worker. The job list keeps all of it, so a search that
// outlives the program can be picked up again with resume().
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "cloud/client/cloud_session.h"
#include "cloud/client/hit_verifier.h"
#include "engine/search/search_coordinator.h"

namespace vanikeys::cloud {

struct CloudEngineOptions {
    std::string provider = "auto";      // "runpod", "modal" or "auto"
    RouteObjective objective = RouteObjective::DefaultRule;
    double deadline_seconds = 0;
    int workers = 1;
    double default_max_seconds = 3600;  // a spec without a time limit gets this one
    double progress_interval_seconds = 5;  // how often each worker reports
    std::string group;                  // the search's name; empty: a fresh one
    // One line for people per event: the route, each submission, each problem (engine thread).
    std::function<void(const std::string&)> on_note;
};

class CloudSearchEngine final : public ISearchEngine {
public:
    // `session` must outlive the engine.
    CloudSearchEngine(CloudSession& session, CloudEngineOptions options);
    ~CloudSearchEngine() override;

    [[nodiscard]] std::string name() const override { return "cloud"; }
    [[nodiscard]] std::string device_description() const override;

    // Error 2 for a spec a cloud job cannot take: a split key of the caller's own (the engine
    // makes its own), no pattern, a pull without a key count.
    Result<bool> start(const SearchSpec& spec) override;
    // Follows a search already in the job list (after a restart) instead of starting one.
    Result<bool> resume(const std::string& group);
    void request_stop() override;
    SearchSummary wait() override;
    [[nodiscard]] bool running() const override;
    [[nodiscard]] std::unique_ptr<Subscription> subscribe(SearchObserver observer) override;

    // The search's name in the job list, once it is known (empty before).
    [[nodiscard]] std::string group() const;
    // The provider that runs it, once routed (empty before).
    [[nodiscard]] std::string provider() const;
    // The group as it last stood (after the search: its final state, timings and cost).
    [[nodiscard]] std::optional<CloudGroup> last_group() const;

private:
    Result<bool> launch(std::function<void()> body);
    void run_new(SearchSpec spec);
    void run_existing(std::string group);
    void follow_and_finish(const std::string& group);
    void note(const std::string& line) const;
    void publish(const CloudGroup& g, const HitVerifier* verifier);
    void finish(SearchSummary summary);
    void fail(const Error& error);

    CloudSession& session_;
    CloudEngineOptions options_;
    ObserverList observers_;
    std::thread thread_;
    std::atomic<bool> running_{false};
    std::atomic<bool> stop_{false};    // cancel every worker
    std::atomic<bool> detach_{false};  // stop following; the workers go on
    mutable std::mutex mutex_;  // guards everything below
    std::string group_;
    std::string provider_;
    std::optional<CloudGroup> last_group_;
    std::optional<SearchSummary> summary_;
    std::chrono::steady_clock::time_point started_;
};

} // namespace vanikeys::cloud
