#include "cloud/client/cloud_session.h"

#include <algorithm>
#include <ctime>

#include "cloud/client/cost_quotes.h"
#include "cloud/client/hit_verifier.h"
#include "cloud/providers/modal_adapter.h"
#include "cloud/transport/curl_transport.h"
#include "engine/core/os_random.h"

namespace vanikeys::cloud {
namespace {

std::string join(const std::vector<std::string>& words, const std::string& separator) {
    std::string out;
    for (const std::string& w : words) out += (out.empty() ? "" : separator) + w;
    return out;
}

std::string fresh_group_name() {
    std::array<std::uint8_t, 6> random{};
    os_random_bytes(random);
    return "vk-" + to_hex(random);
}

bool same_key(const SearchHit& a, const SearchHit& b) {
    return a.public_key == b.public_key && a.partial.has_value() == b.partial.has_value() &&
           (!a.partial || (a.partial->offset == b.partial->offset && a.partial->endo == b.partial->endo &&
                           a.partial->negate == b.partial->negate));
}

std::string provider_title(const std::string& provider) { return provider == "modal" ? "Modal" : "RunPod"; }

} // namespace

struct CloudSession::Providers {
    CurlTransport curl;
    RetryingTransport retrying;
    RunPodAdapter runpod;
    ModalAdapter modal;

    Providers(const CloudSessionOptions& o, RetryClock& clock)
        : curl(curl_options(o)),
          retrying(curl, o.retry, clock),
          runpod(retrying, RunPodConfig{o.credentials.runpod_api_key, o.credentials.runpod_endpoint_id, o.runpod_api_base,
                                        o.request_timeout}),
          modal(retrying, ModalConfig{o.modal_url.empty() ? o.credentials.modal_url : o.modal_url, o.credentials.modal_key,
                                      o.credentials.modal_secret, o.request_timeout}) {}

    static CurlTransportOptions curl_options(const CloudSessionOptions& o) {
        CurlTransportOptions c;
        c.ca_file = o.ca_file;
        return c;
    }
};

CloudSession::CloudSession(CloudSessionOptions options) : options_(std::move(options)) {}
CloudSession::~CloudSession() = default;

CloudResult<std::unique_ptr<CloudSession>> CloudSession::open(CloudSessionOptions options) {
    std::unique_ptr<CloudSession> session(new CloudSession(std::move(options)));
    CloudSessionOptions& o = session->options_;
    CloudResult<std::unique_ptr<JobStore>> store = JobStore::open(o.directory);
    if (!store) return store.error();
    session->store_ = std::move(store).value();
    session->secrets_ = o.secrets ? o.secrets : std::make_shared<FileSecretStore>(o.directory / "secrets");
    if (o.cost_model) {
        session->cost_model_ = o.cost_model;
    } else {
        Result<cost::PricingCatalog> catalog = cost::builtin_catalog();
        if (!catalog) return cloud_error(CloudErrorKind::Config, "the built-in pricing catalog: " + catalog.error().message);
        session->cost_model_ = std::make_shared<const cost::CostModel>(std::move(catalog.value()), cost::RateBook{});
    }
    session->providers_ = std::make_unique<Providers>(o, session->clock_);
    return session;
}

std::vector<std::string> CloudSession::available_providers() const {
    std::vector<std::string> out;
    for (const char* name : {"runpod", "modal"}) {
        const bool injected = options_.providers.count(name) > 0;
        if (injected || missing_credentials(options_.credentials, name, !options_.modal_url.empty()).empty())
            out.emplace_back(name);
    }
    return out;
}

CloudResult<ICloudProvider*> CloudSession::provider(const std::string& name) {
    if (auto injected = options_.providers.find(name); injected != options_.providers.end()) return injected->second.get();
    if (!is_provider_name(name))
        return cloud_error(CloudErrorKind::Config, "unknown cloud provider '" + name + "': use runpod or modal");
    const std::vector<std::string> missing = missing_credentials(options_.credentials, name, !options_.modal_url.empty());
    if (!missing.empty())
        return cloud_error(CloudErrorKind::Config,
                           provider_title(name) + " is not set up: set " + join(missing, ", ") +
                               (name == "runpod" ? " (RunPod console: Settings > API Keys, and the endpoint's page)"
                                                 : " (MODAL_URL is printed by `modal deploy`; MODAL_KEY/MODAL_SECRET are a "
                                                   "proxy auth token: Modal > Settings > Proxy Auth Tokens)"));
    if (name == "runpod") return static_cast<ICloudProvider*>(&providers_->runpod);
    return static_cast<ICloudProvider*>(&providers_->modal);
}

const cost::Platform* CloudSession::platform_for(const std::string& provider) const {
    return provider_platform(cost_model_->catalog(), provider, options_.platforms);
}

CloudResult<RouteDecision> CloudSession::route(const CloudSearchRequest& request) const {
    if (request.provider != "auto") {
        if (!is_provider_name(request.provider) && options_.providers.count(request.provider) == 0)
            return cloud_error(CloudErrorKind::Config, "unknown cloud provider '" + request.provider + "': use runpod, modal or auto");
        return RouteDecision{request.provider, "you chose " + request.provider};
    }
    QuoteSettings quotes{request.pattern.format, request.workers, options_.platforms};
    const Router router(options_.rules, make_cost_quotes(cost_model_, quotes));
    RouteRequest r;
    r.kind = request.kind;
    r.expected_attempts = request.kind == JobKind::Pull ? static_cast<double>(request.pull_keys) : request.expected_attempts;
    r.objective = request.objective;
    r.deadline_seconds = request.deadline_seconds;
    r.available = available_providers();
    return router.choose(r);
}

CloudResult<SubmittedGroup> CloudSession::submit(const CloudSearchRequest& request, const FanOutCallbacks& callbacks) {
    if (request.kind == JobKind::Pull && request.workers != 1)
        return cloud_error(CloudErrorKind::Config, "a pull runs on one worker; --workers is for grinds");
    CloudResult<RouteDecision> route_decision = route(request);
    if (!route_decision) return route_decision.error();
    CloudResult<ICloudProvider*> chosen = provider(route_decision->provider);
    if (!chosen) return chosen.error();

    const std::string name = request.group.empty() ? fresh_group_name() : request.group;
    if (group(name).ok())
        return cloud_error(CloudErrorKind::Config, "a cloud search named " + name + " is already in the job list");
    SecretKey d = random_secret_key();
    const std::optional<PublicKey> q = libsecp_public_key(d);
    if (!q) return cloud_error(CloudErrorKind::Config, "libsecp256k1 refused a fresh secret (this should never happen)");

    WorkerJob base;
    base.job_id = name;
    base.kind = request.kind;
    base.format = request.pattern.format;
    base.pattern = request.pattern.text;
    base.mode = request.pattern.options.mode;
    base.case_sensitive = request.pattern.options.case_sensitive;
    base.fuzzy = request.pattern.options.fuzzy;
    base.split_key = q->compressed;
    base.budget = request.budget;
    base.pull_keys = request.kind == JobKind::Pull ? request.pull_keys : 0;
    base.progress_interval_seconds = request.progress_interval_seconds;
    CloudResult<FanOutPlan> plan = plan_fan_out(base, request.workers, name);
    if (!plan) return plan.error();

    // d is safe on disk before any worker can find something only d can unlock.
    if (CloudResult<bool> stored = secrets_->put(name, d); !stored) return stored.error();
    d.wipe();
    FanOut fan_out(*chosen.value(), clock_, store_.get(), options_.fan_out);
    SubmittedGroup submitted{name, route_decision.value(), plan.value(), fan_out.submit(plan.value(), callbacks)};
    const bool any = std::any_of(submitted.outcome.workers.begin(), submitted.outcome.workers.end(),
                                 [](const WorkerOutcome& w) { return w.handle.has_value(); });
    if (!any) {
        secrets_->remove(name);
        if (submitted.outcome.fatal) return *submitted.outcome.fatal;
        const std::string why = submitted.outcome.workers.empty() || !submitted.outcome.workers.front().problem
                                    ? "no worker could be submitted"
                                    : *submitted.outcome.workers.front().problem;
        return cloud_error(CloudErrorKind::ServerError, why);
    }
    return submitted;
}

CloudResult<GroupResult> CloudSession::follow(const std::string& name, const FollowCallbacks& callbacks) {
    const std::vector<StoredJob> jobs = store_->list();
    CloudResult<FanOutPlan> plan = plan_from_store(jobs, name);
    if (!plan) return plan.error();
    const std::vector<StoredJob> members = group_members(jobs, name);
    const std::string provider_name = members.front().handle.provider;
    CloudResult<ICloudProvider*> chosen = provider(provider_name);
    if (!chosen) return chosen.error();
    CloudResult<SecretKey> d = secrets_->get(members.front().secret_ref);
    if (!d)
        return cloud_error(CloudErrorKind::Storage, "the split-key secret of " + name + " cannot be read (" + d.error().message +
                                                        "): its keys cannot be rebuilt; the job list was not changed");
    CloudResult<HitVerifier> verifier = HitVerifier::for_job(plan->jobs.front());
    if (!verifier) return verifier.error();

    GroupResult out;
    std::vector<std::string> accepted_refs;
    auto note_problem = [&out](const std::string& problem) {
        if (std::find(out.problems.begin(), out.problems.end(), problem) == out.problems.end()) out.problems.push_back(problem);
    };
    // A result counts only when every key in it rebuilds and verifies; a worker that lies about
    // one hit is trusted with none.
    // A secret that does not fit is our problem, not the worker's: the result is kept (not
    // collected), so that restoring the right secret still unlocks it.
    auto accept = [&](const std::string& ref, const WorkerResult& result) -> std::optional<std::string> {
        if (std::optional<std::string> lie = verifier->check_result(result)) return lie;
        std::vector<SearchHit> keys;
        std::optional<SearchHit> best;
        auto rebuild = [&](const WireHit& hit) -> CloudResult<SearchHit> { return verifier->rebuild(hit, d.value()); };
        for (const WireHit& hit : result.hits) {
            CloudResult<SearchHit> key = rebuild(hit);
            if (!key && key.error().kind == CloudErrorKind::Storage) {
                note_problem(key.error().message);
                return std::nullopt;
            }
            if (!key) return key.error().message;
            keys.push_back(std::move(key).value());
        }
        if (result.best) {
            CloudResult<SearchHit> key = rebuild(*result.best);
            if (!key && key.error().kind == CloudErrorKind::Storage) {
                note_problem(key.error().message);
                return std::nullopt;
            }
            if (!key) return key.error().message;
            best = std::move(key).value();
        }
        for (SearchHit& key : keys) {
            const bool known = std::any_of(out.keys.begin(), out.keys.end(), [&](const SearchHit& k) { return same_key(k, key); });
            if (known) continue;
            if (callbacks.on_key) callbacks.on_key(key);
            out.keys.push_back(std::move(key));
        }
        if (best && (!out.best || best->match.matched_chars > out.best->match.matched_chars)) out.best = std::move(best);
        accepted_refs.push_back(ref);
        return std::nullopt;
    };
    // Results collected by an earlier run (or this run's own earlier polls) count again: keys
    // are rebuilt every time, never stored.
    for (const StoredJob& j : members) {
        if (!j.result) continue;
        if (std::optional<std::string> refused = accept(j.handle.client_ref, *j.result))
            note_problem("w" + std::to_string(j.job.worker_index) + ": " + *refused);
    }

    FanOutCallbacks fan_callbacks;
    fan_callbacks.check_result = accept;
    fan_callbacks.control = callbacks.control;
    fan_callbacks.on_update = [&](const std::string&, const JobUpdate&) {
        if (callbacks.on_progress)
            callbacks.on_progress(summarize_group(group_members(store_->list(), name), platform_for(provider_name)));
    };
    FanOut fan_out(*chosen.value(), clock_, store_.get(), options_.fan_out);
    out.outcome = fan_out.watch(plan.value(), outcome_from_store(jobs, plan.value()), fan_callbacks);
    d.value().wipe();

    std::sort(accepted_refs.begin(), accepted_refs.end());
    accepted_refs.erase(std::unique(accepted_refs.begin(), accepted_refs.end()), accepted_refs.end());
    for (const std::string& ref : accepted_refs)
        if (std::optional<StoredJob> j = store_->find(ref); j && !j->collected) store_->mark_collected(ref);
    for (const WorkerOutcome& w : out.outcome.workers)
        if (w.problem) note_problem(w.client_ref + ": " + *w.problem);
    out.group = summarize_group(group_members(store_->list(), name), platform_for(provider_name));
    return out;
}

CloudResult<GroupResult> CloudSession::refresh(const std::string& name) {
    FollowCallbacks callbacks;
    callbacks.control = [] { return WatchControl::Detach; };
    return follow(name, callbacks);
}

CloudResult<GroupResult> CloudSession::cancel(const std::string& name) {
    FollowCallbacks callbacks;
    callbacks.control = [] { return WatchControl::CancelAll; };
    return follow(name, callbacks);
}

CloudResult<bool> CloudSession::remove(const std::string& name) {
    CloudResult<CloudGroup> g = group(name);
    if (!g) return g.error();
    for (const StoredJob& j : g->workers)
        if (!is_final(j.state))
            return cloud_error(CloudErrorKind::Config, name + " still has a worker running (" + j.handle.client_ref +
                                                           "): cancel it first");
    for (const StoredJob& j : g->workers)
        if (CloudResult<bool> removed = store_->remove(j.handle.client_ref); !removed) return removed;
    return secrets_->remove(g->workers.front().secret_ref);
}

std::vector<CloudGroup> CloudSession::groups() const {
    return summarize_groups(store_->list(), [this](const std::string& provider) { return platform_for(provider); });
}

CloudResult<CloudGroup> CloudSession::group(const std::string& name) const {
    std::vector<StoredJob> members = group_members(store_->list(), name);
    if (members.empty()) return cloud_error(CloudErrorKind::Config, "no cloud search named " + name + " in the job list");
    const std::string provider = members.front().handle.provider;
    return summarize_group(std::move(members), platform_for(provider));
}

} // namespace vanikeys::cloud
