#include "engine/search/search_coordinator.h"

#include <algorithm>

#include "engine/core/os_random.h"
#include "engine/format/address.h"
#include "engine/search/key_derivation.h"
#include "engine/verify/key_verifier.h"

namespace vanikeys {

// ---- observers -------------------------------------------------------------------------

class ObserverSubscription final : public Subscription {
public:
    ObserverSubscription(ObserverList& list, int id) : list_(list), id_(id) {}
    ~ObserverSubscription() override { list_.remove(id_); }

private:
    ObserverList& list_;
    int id_;
};

std::unique_ptr<Subscription> ObserverList::add(SearchObserver observer) {
    std::lock_guard lock(mutex_);
    const int id = next_id_++;
    entries_.push_back({id, std::move(observer)});
    return std::make_unique<ObserverSubscription>(*this, id);
}

void ObserverList::remove(int id) {
    std::lock_guard lock(mutex_);
    std::erase_if(entries_, [id](const Entry& e) { return e.id == id; });
}

// Callbacks run under the list's lock so that a Subscription destroyed on another thread
// waits for a callback in flight instead of racing with it.
void ObserverList::progress(const SearchProgress& p) const {
    std::lock_guard lock(mutex_);
    for (const Entry& e : entries_)
        if (e.observer.on_progress) e.observer.on_progress(p);
}

void ObserverList::hit(const SearchHit& h) const {
    std::lock_guard lock(mutex_);
    for (const Entry& e : entries_)
        if (e.observer.on_hit) e.observer.on_hit(h);
}

void ObserverList::finished(const SearchSummary& s) const {
    std::lock_guard lock(mutex_);
    for (const Entry& e : entries_)
        if (e.observer.on_finished) e.observer.on_finished(s);
}

// ---- coordinator ----------------------------------------------------------------------

struct SearchCoordinator::StartKey {
    std::optional<SecretKey> secret;            // local search: s (never leaves this class)
    std::array<std::uint8_t, 32> public_offset{};  // split-key search: t0
};

namespace {

std::array<std::uint8_t, 32> u64_bytes(std::uint64_t v) {
    std::array<std::uint8_t, 32> out{};
    for (int i = 0; i < 8; ++i) out[31 - i] = static_cast<std::uint8_t>(v >> (8 * i));
    return out;
}

bool better(const SearchHit& a, const SearchHit& b) {
    if (a.match.exact != b.match.exact) return a.match.exact;
    return a.match.matched_chars > b.match.matched_chars;
}

} // namespace

SearchCoordinator::SearchCoordinator(SearchSpec spec, MatcherTables matcher, const ObserverList& observers)
    : spec_(std::move(spec)), matcher_(std::move(matcher)), observers_(observers), started_(Clock::now()) {}

SearchCoordinator::~SearchCoordinator() = default;

Result<StartPoint> SearchCoordinator::new_start(std::uint64_t first_index) {
    auto key = std::make_unique<StartKey>();
    std::optional<PublicKey> point;
    if (spec_.split_key) {
        SecretKey t0 = random_secret_key();  // public in a split-key search, but unpredictable
        std::copy(t0.bytes().begin(), t0.bytes().end(), key->public_offset.begin());
        auto first = add_offset(key->public_offset, first_index);
        if (!first) return first.error();
        point = libsecp_public_add_tweak(*spec_.split_key, *first);
    } else {
        key->secret.emplace(random_secret_key());
        SecretKey first = key->secret->clone();
        if (first_index != 0 && !libsecp_secret_add(first, u64_bytes(first_index)))
            return runtime_failure("could not derive a start key");
        point = libsecp_public_key(first);
    }
    if (!point) return runtime_failure("libsecp256k1 rejected a start point");
    std::lock_guard lock(mutex_);
    starts_.push_back(std::move(key));
    return StartPoint{static_cast<int>(starts_.size() - 1), *point};
}

bool SearchCoordinator::add_attempts(std::uint64_t n) {
    const std::uint64_t total = attempts_.fetch_add(n, std::memory_order_relaxed) + n;
    if (spec_.max_keys != 0 && total >= spec_.max_keys) request_stop(StopReason::Budget);
    return !stopping();
}

void SearchCoordinator::report(const CandidateReport& candidate) {
    if (candidate.exact && exact_seen_.fetch_add(1, std::memory_order_relaxed) >= spec_.max_hits) return;
    const std::uint64_t attempts = attempts_.load(std::memory_order_relaxed) + candidate.uncommitted_attempts;
    {
        std::lock_guard lock(mutex_);
        pending_.push_back({candidate, attempts});
    }
    // Raise the hint at once so that other threads stop reporting candidates that are no better.
    int hint = best_hint_.load(std::memory_order_relaxed);
    const int claimed = candidate.matched_chars;
    while (claimed > hint && !best_hint_.compare_exchange_weak(hint, claimed, std::memory_order_relaxed)) {
    }
    wake_.notify_one();
}

void SearchCoordinator::request_stop(StopReason reason) {
    {
        std::lock_guard lock(mutex_);
        if (!stop_reason_) stop_reason_ = reason;
    }
    stop_.store(true, std::memory_order_relaxed);
    wake_.notify_one();
}

void SearchCoordinator::fail(Error error) {
    {
        std::lock_guard lock(mutex_);
        if (!error_) error_ = std::move(error);
        stop_reason_ = StopReason::Failed;
    }
    stop_.store(true, std::memory_order_relaxed);
    wake_.notify_one();
}

void SearchCoordinator::set_device_rates(std::vector<DeviceRate> rates) {
    std::lock_guard lock(mutex_);
    device_rates_ = std::move(rates);
}

void SearchCoordinator::searcher_done() {
    {
        std::lock_guard lock(mutex_);
        ++searchers_finished_;
    }
    wake_.notify_one();
}

double SearchCoordinator::elapsed(Clock::time_point now) const {
    return std::chrono::duration<double>(now - started_).count();
}

std::optional<SearchHit> SearchCoordinator::verify(const CandidateReport& c, std::uint64_t attempts) {
    StartKey* start = nullptr;
    {
        std::lock_guard lock(mutex_);
        if (c.start_id >= 0 && c.start_id < static_cast<int>(starts_.size()))
            start = starts_[static_cast<std::size_t>(c.start_id)].get();
    }
    if (!start) {
        fail(runtime_failure("internal check failed: a searcher reported an unknown start"));
        return std::nullopt;
    }
    SearchHit hit;
    hit.format = spec_.pattern.format;
    hit.attempts = attempts;
    hit.seconds = elapsed(Clock::now());
    if (start->secret) {
        SplitKeyPartial partial{u64_bytes(c.index), c.endo, c.negate};
        auto secret = derive_candidate_secret(*start->secret, partial);
        if (!secret) {
            fail(secret.error());
            return std::nullopt;
        }
        auto verified = verify_secret(spec_.pattern.format, *secret, &spec_.pattern);
        if (!verified) {
            fail(verified.error());
            return std::nullopt;
        }
        hit.address = verified->address;
        hit.public_key = verified->public_key;
        hit.match = *verified->match;
        hit.private_key = std::make_shared<const SecretKey>(std::move(secret.value()));
    } else {
        auto offset = add_offset(start->public_offset, c.index);
        if (!offset) {
            fail(offset.error());
            return std::nullopt;
        }
        SplitKeyPartial partial{*offset, c.endo, c.negate};
        auto point = derive_candidate_public(*spec_.split_key, partial);
        if (!point) {
            fail(runtime_failure("libsecp256k1 rejected a split-key candidate"));
            return std::nullopt;
        }
        hit.public_key = *point;
        hit.address = address_of(spec_.pattern.format, *point);
        auto m = match_address(spec_.pattern, hit.address);
        if (!m) {
            fail(m.error());
            return std::nullopt;
        }
        hit.match = *m;
        hit.partial = partial;
    }
    // The searcher's claim must be exactly what the independent path computes; anything else is
    // a bug in the fast path, and a search that has one must not be trusted.
    if (hit.match.exact != c.exact || hit.match.matched_chars != c.matched_chars) {
        fail(runtime_failure("internal check failed: the search engine claimed " +
                             std::to_string(c.matched_chars) + " matched characters for " + hit.address +
                             " but libsecp256k1 and the reference scorer give " +
                             std::to_string(hit.match.matched_chars) + "; please report this"));
        return std::nullopt;
    }
    return hit;
}

void SearchCoordinator::verify_pending() {
    std::deque<PendingCandidate> batch;
    {
        std::lock_guard lock(mutex_);
        batch.swap(pending_);
    }
    // Only the best non-exact claim can change best_, so skip the others: verification costs a
    // constant-time key derivation each.
    std::optional<PendingCandidate> best_claim;
    for (const PendingCandidate& p : batch) {
        const CandidateReport& c = p.report;
        if (c.exact) {
            auto hit = verify(c, p.attempts);
            if (!hit) continue;
            hits_.push_back(*hit);
            if (!best_ || better(*hit, *best_)) best_ = *hit;
            observers_.hit(*hit);
            if (spec_.stop_at_first_hit) request_stop(StopReason::Found);
        } else if (!best_claim || c.matched_chars > best_claim->report.matched_chars) {
            best_claim = p;
        }
    }
    if (best_claim && (!best_ || (!best_->match.exact && best_claim->report.matched_chars > best_->match.matched_chars))) {
        if (auto hit = verify(best_claim->report, best_claim->attempts)) best_ = *hit;
    }
}

// An engine with one device (the CPU) does not measure it separately: its rate is the whole rate.
void SearchCoordinator::fill_single_device_rate(std::vector<DeviceRate>& devices, double keys_per_second) {
    if (devices.size() == 1 && devices.front().keys_per_second == 0) devices.front().keys_per_second = keys_per_second;
}

void SearchCoordinator::publish_progress(Clock::time_point now) {
    const std::uint64_t attempts = attempts_.load(std::memory_order_relaxed);
    rate_window_.emplace_back(now, attempts);
    // Smooth over about two seconds, so the rate neither jumps nor lags.
    while (rate_window_.size() > 2 && now - rate_window_.front().first > std::chrono::seconds(2)) rate_window_.pop_front();
    SearchProgress p;
    p.attempts = attempts;
    p.seconds = elapsed(now);
    const auto& [t0, a0] = rate_window_.front();
    const double window = std::chrono::duration<double>(now - t0).count();
    p.keys_per_second = window > 0 ? static_cast<double>(attempts - a0) / window
                                   : (p.seconds > 0 ? static_cast<double>(attempts) / p.seconds : 0);
    p.best = best_;
    {
        std::lock_guard lock(mutex_);
        p.devices = device_rates_;
    }
    fill_single_device_rate(p.devices, p.keys_per_second);
    observers_.progress(p);
}

SearchSummary SearchCoordinator::run(int searcher_count) {
    const auto interval = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(std::max(0.01, spec_.progress_interval_seconds)));
    auto next_progress = started_ + interval;
    rate_window_.emplace_back(started_, 0);
    for (;;) {
        bool all_done = false;
        {
            std::unique_lock lock(mutex_);
            wake_.wait_until(lock, next_progress, [&] {
                return !pending_.empty() || searchers_finished_ >= searcher_count;
            });
            all_done = searchers_finished_ >= searcher_count;
        }
        verify_pending();
        const auto now = Clock::now();
        if (spec_.max_seconds > 0 && elapsed(now) >= spec_.max_seconds) request_stop(StopReason::Budget);
        if (now >= next_progress) {
            publish_progress(now);
            next_progress = now + interval;
        }
        if (all_done) break;
    }
    verify_pending();

    SearchSummary summary;
    const auto end = Clock::now();
    summary.attempts = attempts_.load();
    summary.seconds = elapsed(end);
    summary.keys_per_second = summary.seconds > 0 ? static_cast<double>(summary.attempts) / summary.seconds : 0;
    summary.best = best_;
    summary.hits = hits_;
    const std::uint64_t exact_seen = exact_seen_.load();
    summary.unreported_hits = exact_seen > spec_.max_hits ? exact_seen - spec_.max_hits : 0;
    {
        std::lock_guard lock(mutex_);
        summary.devices = device_rates_;
        summary.error = error_;
        summary.reason = stop_reason_.value_or(StopReason::Budget);
        // Secrets of the starts are no longer needed: wipe them now rather than at destruction.
        for (auto& s : starts_)
            if (s->secret) s->secret->wipe();
    }
    if (summary.error) summary.reason = StopReason::Failed;
    fill_single_device_rate(summary.devices, summary.keys_per_second);
    observers_.finished(summary);
    return summary;
}

} // namespace vanikeys
