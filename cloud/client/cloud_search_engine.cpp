#include "cloud/client/cloud_search_engine.h"

#include "cloud/client/hit_verifier.h"
#include "engine/estimate/estimate.h"
#include "engine/pattern/matcher.h"

namespace vanikeys::cloud {
namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

std::vector<DeviceRate> worker_devices(const CloudGroup& g) {
    std::vector<DeviceRate> out;
    for (const StoredJob& j : g.workers) {
        std::string device = g.provider + " w" + std::to_string(j.job.worker_index);
        double rate = 0;
        if (j.last_progress) {
            if (!j.last_progress->devices.empty()) device += ": " + j.last_progress->devices.front().device;
            if (!is_final(j.state)) rate = j.last_progress->keys_per_second;
        }
        out.push_back({device, rate});
    }
    return out;
}

} // namespace

CloudSearchEngine::CloudSearchEngine(CloudSession& session, CloudEngineOptions options)
    : session_(session), options_(std::move(options)) {}

CloudSearchEngine::~CloudSearchEngine() {
    // Closing the program does not cancel the workers: they stay in the job list for resume().
    detach_ = true;
    if (thread_.joinable()) thread_.join();
}

std::string CloudSearchEngine::device_description() const {
    std::lock_guard lock(mutex_);
    const std::string where = provider_.empty() ? std::string("cloud GPUs (") + options_.provider + ")" : provider_;
    return where + ", " + std::to_string(options_.workers) + (options_.workers == 1 ? " worker" : " workers");
}

std::string CloudSearchEngine::group() const {
    std::lock_guard lock(mutex_);
    return group_;
}

std::string CloudSearchEngine::provider() const {
    std::lock_guard lock(mutex_);
    return provider_;
}

std::optional<CloudGroup> CloudSearchEngine::last_group() const {
    std::lock_guard lock(mutex_);
    return last_group_;
}

bool CloudSearchEngine::running() const { return running_.load(); }

void CloudSearchEngine::request_stop() { stop_ = true; }

std::unique_ptr<Subscription> CloudSearchEngine::subscribe(SearchObserver observer) {
    return observers_.add(std::move(observer));
}

SearchSummary CloudSearchEngine::wait() {
    if (thread_.joinable()) thread_.join();
    std::lock_guard lock(mutex_);
    return summary_.value_or(SearchSummary{});
}

void CloudSearchEngine::note(const std::string& line) const {
    if (options_.on_note) options_.on_note(line);
}

Result<bool> CloudSearchEngine::start(const SearchSpec& spec) {
    if (spec.split_key)
        return bad_input("the cloud engine draws its own split-key secret for every search; give no --split-key");
    if (spec.pattern.words.empty()) return bad_input("the cloud engine needs a pattern");
    if (!spec.stop_at_first_hit && spec.max_keys == 0) return bad_input("a cloud pull needs the number of keys to draw");
    return launch([this, spec] { run_new(spec); });
}

Result<bool> CloudSearchEngine::resume(const std::string& group_name) {
    if (CloudResult<CloudGroup> g = session_.group(group_name); !g) return g.error().to_error();
    return launch([this, group_name] { run_existing(group_name); });
}

Result<bool> CloudSearchEngine::launch(std::function<void()> body) {
    if (running_) return bad_input("a cloud search is already running in this engine");
    if (thread_.joinable()) thread_.join();
    {
        std::lock_guard lock(mutex_);
        group_.clear();
        provider_.clear();
        last_group_.reset();
        summary_.reset();
        started_ = std::chrono::steady_clock::now();
    }
    stop_ = false;
    detach_ = false;
    running_ = true;
    thread_ = std::thread([this, body = std::move(body)] {
        body();
        running_ = false;
    });
    return true;
}

void CloudSearchEngine::finish(SearchSummary summary) {
    {
        std::lock_guard lock(mutex_);
        summary_ = summary;
    }
    observers_.finished(summary);
}

void CloudSearchEngine::fail(const Error& error) {
    note(error.message);
    SearchSummary s;
    s.reason = StopReason::Failed;
    s.error = error;
    s.seconds = seconds_since(started_);
    finish(std::move(s));
}

void CloudSearchEngine::run_new(SearchSpec spec) {
    Result<MatcherTables> matcher = compile_matcher(spec.pattern);
    if (!matcher) return fail(matcher.error());
    Result<Estimate> estimate = estimate_pattern(spec.pattern, *matcher);
    if (!estimate) return fail(estimate.error());

    CloudSearchRequest request;
    request.pattern = spec.pattern;
    request.kind = spec.stop_at_first_hit ? JobKind::Grind : JobKind::Pull;
    request.pull_keys = request.kind == JobKind::Pull ? spec.max_keys : 0;
    request.budget.max_keys = request.kind == JobKind::Grind ? spec.max_keys : 0;
    request.budget.max_seconds = spec.max_seconds > 0 ? spec.max_seconds : options_.default_max_seconds;
    request.workers = options_.workers;
    request.provider = options_.provider;
    request.objective = options_.objective;
    request.deadline_seconds = options_.deadline_seconds;
    request.expected_attempts = estimate->expected_attempts;
    request.progress_interval_seconds = options_.progress_interval_seconds;
    request.group = options_.group;

    CloudResult<RouteDecision> route = session_.route(request);
    if (!route) return fail(route.error().to_error());
    note("provider: " + route->provider + " (" + route->reason + ")");
    FanOutCallbacks callbacks;
    callbacks.on_submitted = [this](const JobHandle& h) {
        note("submitted " + h.client_ref + " to " + h.provider + " (job " + h.job_id + ")");
    };
    CloudResult<SubmittedGroup> submitted = session_.submit(request, callbacks);
    if (!submitted) return fail(submitted.error().to_error());
    {
        std::lock_guard lock(mutex_);
        group_ = submitted->group;
        provider_ = submitted->route.provider;
    }
    for (const WorkerOutcome& w : submitted->outcome.workers)
        if (w.problem) note(w.client_ref + " was not submitted: " + *w.problem);
    follow_and_finish(submitted->group);
}

void CloudSearchEngine::run_existing(std::string group_name) {
    CloudResult<CloudGroup> g = session_.group(group_name);
    if (!g) return fail(g.error().to_error());
    {
        std::lock_guard lock(mutex_);
        group_ = group_name;
        provider_ = g->provider;
    }
    follow_and_finish(group_name);
}

void CloudSearchEngine::publish(const CloudGroup& g, const HitVerifier* verifier) {
    SearchProgress p;
    p.attempts = g.attempts;
    p.seconds = seconds_since(started_);
    p.keys_per_second = g.keys_per_second;
    // Shown before d is touched, so checked with public data only; a lie is simply not shown.
    if (g.best && verifier != nullptr) {
        CloudResult<SearchHit> best = verifier->check_public(*g.best);
        if (best) p.best = std::move(best).value();
    }
    p.devices = worker_devices(g);
    {
        std::lock_guard lock(mutex_);
        last_group_ = g;
    }
    observers_.progress(p);
}

void CloudSearchEngine::follow_and_finish(const std::string& group_name) {
    std::optional<HitVerifier> verifier;
    if (CloudResult<CloudGroup> g = session_.group(group_name); g) {
        if (CloudResult<HitVerifier> v = HitVerifier::for_job(g->job); v) verifier.emplace(std::move(v).value());
    }
    FollowCallbacks callbacks;
    callbacks.on_progress = [&](const CloudGroup& g) { publish(g, verifier ? &*verifier : nullptr); };
    callbacks.on_key = [this](const SearchHit& key) { observers_.hit(key); };
    callbacks.control = [this] {
        if (stop_) return WatchControl::CancelAll;
        return detach_ ? WatchControl::Detach : WatchControl::Continue;
    };
    CloudResult<GroupResult> result = session_.follow(group_name, callbacks);
    if (!result) return fail(result.error().to_error());
    for (const std::string& problem : result->problems) note(problem);

    const CloudGroup& g = result->group;
    {
        std::lock_guard lock(mutex_);
        last_group_ = g;
    }
    SearchSummary s;
    s.attempts = g.attempts;
    s.seconds = seconds_since(started_);
    s.keys_per_second = g.seconds > 0 ? static_cast<double>(g.attempts) / g.seconds : 0;
    s.hits = result->keys;
    s.best = result->best ? result->best : (s.hits.empty() ? std::nullopt : std::optional<SearchHit>(s.hits.front()));
    s.devices = worker_devices(g);
    const bool any_result = std::any_of(g.workers.begin(), g.workers.end(), [](const StoredJob& j) { return j.result.has_value(); });
    if (!s.hits.empty()) {
        s.reason = StopReason::Found;
    } else if (g.found) {
        // A genuine match whose key cannot be rebuilt here (the stored secret does not fit).
        s.reason = StopReason::Failed;
        std::string why = "a worker found a match, but its key could not be rebuilt";
        for (const std::string& problem : result->problems) why += "; " + problem;
        s.error = runtime_failure(why);
    } else if (result->outcome.stopped || stop_) {
        s.reason = StopReason::Requested;
    } else if (any_result) {
        s.reason = StopReason::Budget;
    } else {
        s.reason = StopReason::Failed;
        std::string why = result->outcome.timed_out ? "the wait for the workers ended; they stay in the job list"
                                                    : "no worker returned a result that could be accepted";
        for (const std::string& problem : result->problems) why += "; " + problem;
        s.error = runtime_failure(why + " (vanikeys-cli cloud status " + group_name + ")");
    }
    finish(std::move(s));
}

} // namespace vanikeys::cloud
