// CloudSession: what the CLI and the app use to run split-key searches on cloud GPUs. It builds
// the providers from the credentials (curl, retries, the adapters), keeps the job list and the
// split-key secrets on disk, routes with the cost model, and accepts a returned key only after
// HitVerifier has rebuilt and checked it. Its calls block on the network: the app runs them off
// the GUI thread (CloudSearchEngine does that for a running search).
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cloud/client/cloud_group.h"
#include "cloud/client/cloud_settings.h"
#include "cloud/cost/cost_model.h"
#include "cloud/providers/runpod_adapter.h"
#include "cloud/router/fan_out.h"
#include "cloud/router/router.h"
#include "cloud/store/job_store.h"
#include "cloud/store/secret_store.h"
#include "cloud/transport/retrying_transport.h"
#include "engine/search/search_engine.h"

namespace vanikeys::cloud {

struct CloudSessionOptions {
    ProviderCredentials credentials;
    std::filesystem::path directory;              // the job list; secrets in directory/secrets
    std::string runpod_api_base = kRunPodApiBase;   // --api-base for RunPod (tests: an emulator)
    std::string modal_url;                        // --api-base for Modal; empty: credentials.modal_url
    RetryPolicy retry;
    std::chrono::milliseconds request_timeout{30'000};
    std::string ca_file;                          // extra trust anchors (PEM) for a test server
    FanOutOptions fan_out;                        // poll interval, give-up count, overall wait
    RoutingRules rules;
    // Catalog platform per provider, for quotes and cost so far ("runpod" -> "runpod-4090").
    std::map<std::string, std::string> platforms;
    std::shared_ptr<const cost::CostModel> cost_model;  // null: the built-in catalog
    std::shared_ptr<SecretStore> secrets;         // null: files in directory/secrets (the app: keychain)
    // Providers to use instead of the HTTP adapters (tests); a name here counts as set up.
    std::map<std::string, std::shared_ptr<ICloudProvider>> providers;
};

// One cloud search to start.
struct CloudSearchRequest {
    Pattern pattern;
    JobKind kind = JobKind::Grind;
    std::uint64_t pull_keys = 0;         // pulls: keys to draw
    WorkerBudget budget;                 // max_seconds > 0: every cloud job has a time bound
    int workers = 1;                     // grinds may fan out; pulls run on one worker
    std::string provider = "auto";       // "runpod", "modal", or "auto" (the router decides)
    RouteObjective objective = RouteObjective::DefaultRule;
    double deadline_seconds = 0;
    double expected_attempts = 0;        // 1/p from the estimate (routing and quotes)
    double progress_interval_seconds = 5;
    std::string group;                   // the group's name; empty: a fresh "vk-<random>"
};

struct SubmittedGroup {
    std::string group;
    RouteDecision route;
    FanOutPlan plan;
    FanOutOutcome outcome;   // per worker: its handle, or why it was not submitted
};

// What following a group found. Keys are exact matches whose private keys were rebuilt from d
// and verified; `best` is the best candidate, rebuilt the same way (a pull's prize).
struct GroupResult {
    CloudGroup group;
    std::vector<SearchHit> keys;
    std::optional<SearchHit> best;
    FanOutOutcome outcome;
    std::vector<std::string> problems;   // results that could not be accepted, and why
};

struct FollowCallbacks {
    std::function<void(const CloudGroup&)> on_progress;   // after every poll that brought news
    std::function<void(const SearchHit&)> on_key;         // each verified key, once, at once
    std::function<WatchControl()> control;                // absent: Continue
};

class CloudSession {
public:
    // Opens the job list in options.directory (created 0700). A damaged list that cannot be
    // recovered is a Storage error; nothing is changed then.
    static CloudResult<std::unique_ptr<CloudSession>> open(CloudSessionOptions options);
    ~CloudSession();
    CloudSession(const CloudSession&) = delete;
    CloudSession& operator=(const CloudSession&) = delete;

    // Providers with credentials (or given in the options), "runpod" first.
    [[nodiscard]] std::vector<std::string> available_providers() const;
    // The provider's adapter; a Config error naming the missing variables when it is not set up.
    CloudResult<ICloudProvider*> provider(const std::string& name);
    JobStore& store() { return *store_; }
    SecretStore& secrets() { return *secrets_; }
    [[nodiscard]] const cost::CostModel& cost_model() const { return *cost_model_; }
    // The catalog platform `provider`'s jobs are priced at (nullptr: none).
    [[nodiscard]] const cost::Platform* platform_for(const std::string& provider) const;

    // Which provider runs `request`: the named one, or the router's choice for "auto".
    [[nodiscard]] CloudResult<RouteDecision> route(const CloudSearchRequest& request) const;

    // Routes, draws d from the OS CSPRNG and stores it before anything is sent, then submits the
    // group's jobs (Q = d*G only), recording each in the job list. Error when nothing could be
    // submitted (the secret is then removed again).
    CloudResult<SubmittedGroup> submit(const CloudSearchRequest& request, const FanOutCallbacks& callbacks = {});

    // Follows a group in the job list: polls its unfinished workers until they end (cancelling
    // the rest once one returns an accepted match) or `control` says otherwise; checks every
    // result (HitVerifier, with d) before it counts, and marks what was checked as collected.
    CloudResult<GroupResult> follow(const std::string& group, const FollowCallbacks& callbacks = {});
    // One poll of each unfinished worker, then the group as it stands (keys included).
    CloudResult<GroupResult> refresh(const std::string& group);
    // Cancels every worker still running, then reads what they left.
    CloudResult<GroupResult> cancel(const std::string& group);
    // Forgets the group: its jobs leave the list and its secret is deleted (after which its keys
    // cannot be rebuilt). Refused while a worker still runs.
    CloudResult<bool> remove(const std::string& group);

    // Every group in the job list, newest first (no network).
    [[nodiscard]] std::vector<CloudGroup> groups() const;
    [[nodiscard]] CloudResult<CloudGroup> group(const std::string& name) const;

private:
    explicit CloudSession(CloudSessionOptions options);
    struct Providers;

    CloudSessionOptions options_;
    std::unique_ptr<JobStore> store_;
    std::shared_ptr<SecretStore> secrets_;
    std::shared_ptr<const cost::CostModel> cost_model_;
    std::unique_ptr<Providers> providers_;
    SystemRetryClock clock_;
};

} // namespace vanikeys::cloud
