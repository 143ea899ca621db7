// The part of a search that every backend shares: it owns the secret start keys (searchers
// only ever see public points), counts attempts against the budget, verifies every candidate a
// searcher claims with libsecp256k1 and the reference scorer before anyone sees it, and
// publishes throttled progress, hits and the final summary to the observers.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "engine/pattern/matcher.h"
#include "engine/search/search_engine.h"

namespace vanikeys {

// What a searcher claims about one candidate: key index `index` of start `start_id`, after the
// negation / endomorphism transform, matched `matched_chars` (exact or not).
struct CandidateReport {
    int start_id = 0;
    std::uint64_t index = 0;
    std::uint8_t endo = 0;
    bool negate = false;
    std::uint16_t matched_chars = 0;
    bool exact = false;
    // Keys this searcher tested since it last called add_attempts(), this one included; the
    // coordinator adds the committed total, so a single-threaded search knows exactly how many
    // keys it took to find a hit.
    std::uint64_t uncommitted_attempts = 0;
};

// A walker's public starting point: (s + first_index)*G, or Q + (t0 + first_index)*G for a
// split-key search. The secret s stays inside the coordinator.
struct StartPoint {
    int start_id = 0;
    PublicKey point;
};

// Observers registered with an engine, shared by its jobs.
class ObserverList {
public:
    std::unique_ptr<Subscription> add(SearchObserver observer);
    void progress(const SearchProgress& p) const;
    void hit(const SearchHit& h) const;
    void finished(const SearchSummary& s) const;

private:
    struct Entry {
        int id;
        SearchObserver observer;
    };
    mutable std::mutex mutex_;
    std::vector<Entry> entries_;
    int next_id_ = 0;
    friend class ObserverSubscription;
    void remove(int id);
};

class SearchCoordinator {
public:
    using Clock = std::chrono::steady_clock;

    SearchCoordinator(SearchSpec spec, MatcherTables matcher, const ObserverList& observers);
    ~SearchCoordinator();

    const SearchSpec& spec() const { return spec_; }
    const MatcherTables& matcher() const { return matcher_; }

    // A fresh random start (from the OS CSPRNG). Thread-safe. Error 3 if libsecp256k1 refuses
    // the (astronomically unlikely) point.
    Result<StartPoint> new_start(std::uint64_t first_index);

    // Called by searchers (thread-safe, lock-free): count `n` more tested keys. Returns false
    // once the job should end (budget spent, stop requested, or a hit ended a grind).
    bool add_attempts(std::uint64_t n);
    [[nodiscard]] bool stopping() const { return stop_.load(std::memory_order_relaxed); }
    // Keys counted so far by all searchers (a GPU searcher sizes its last launches by the budget).
    [[nodiscard]] std::uint64_t attempts() const { return attempts_.load(std::memory_order_relaxed); }
    // Candidates worth reporting must beat this many matched characters (or be exact).
    [[nodiscard]] int best_hint() const { return best_hint_.load(std::memory_order_relaxed); }
    void report(const CandidateReport& candidate);
    void request_stop(StopReason reason);
    // A searcher failed (device error): the job ends with StopReason::Failed and this error.
    void fail(Error error);
    // Per-device rates for progress (CUDA: one per GPU).
    void set_device_rates(std::vector<DeviceRate> rates);

    // Runs on the engine's control thread until every searcher has called searcher_done()
    // `searcher_count` times: verifies reported candidates, publishes progress at the spec's
    // interval, enforces the time budget. Returns the summary (also sent to on_finished).
    SearchSummary run(int searcher_count);
    void searcher_done();

private:
    struct StartKey;
    void verify_pending();
    std::optional<SearchHit> verify(const CandidateReport& c, std::uint64_t attempts);
    void publish_progress(Clock::time_point now);
    static void fill_single_device_rate(std::vector<DeviceRate>& devices, double keys_per_second);
    double elapsed(Clock::time_point now) const;

    SearchSpec spec_;
    MatcherTables matcher_;
    const ObserverList& observers_;
    Clock::time_point started_;

    std::atomic<std::uint64_t> attempts_{0};
    std::atomic<bool> stop_{false};
    std::atomic<int> best_hint_{-1};
    std::atomic<std::uint64_t> exact_seen_{0};  // exact candidates claimed; beyond max_hits only counted

    std::mutex mutex_;  // guards everything below
    std::condition_variable wake_;
    std::vector<std::unique_ptr<StartKey>> starts_;
    struct PendingCandidate {
        CandidateReport report;
        std::uint64_t attempts;  // keys tested when it was found
    };
    std::deque<PendingCandidate> pending_;
    std::optional<StopReason> stop_reason_;
    std::optional<Error> error_;
    std::vector<DeviceRate> device_rates_;
    int searchers_finished_ = 0;

    // Owned by the control thread.
    std::optional<SearchHit> best_;
    std::vector<SearchHit> hits_;
    std::deque<std::pair<Clock::time_point, std::uint64_t>> rate_window_;
};

} // namespace vanikeys
