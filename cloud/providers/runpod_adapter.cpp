#include "cloud/providers/runpod_adapter.h"

#include <cmath>

#include "cloud/protocol/partial_check.h"
#include "cloud/providers/provider_support.h"
#include "cloud/transport/url_policy.h"

namespace vanikeys::cloud {
namespace {

using nlohmann::json;

ProviderWords words_for(const RunPodConfig& config) {
    return ProviderWords{"RunPod",
                         "check your API key (RUNPOD_API_KEY) and that endpoint id '" + config.endpoint_id +
                             "' (RUNPOD_ENDPOINT_ID) belongs to that account"};
}

// What a final state means for the user when no result came with it.
void explain_final_state(JobState state, const json& reply, JobUpdate& update) {
    const std::string text = read_error_text(reply);
    switch (state) {
    case JobState::Failed:
        if (!update.error) update.error = text.empty() ? "RunPod reports the job failed without a reason" : text;
        break;
    case JobState::TimedOut:
        update.error = "RunPod timed the job out (it waited in the queue past its TTL, or ran past its "
                       "executionTimeout)" + (text.empty() ? std::string() : ": " + text);
        break;
    case JobState::Cancelled:
        update.error = "the job was cancelled";
        break;
    default:
        break;
    }
}

} // namespace

RunPodAdapter::RunPodAdapter(HttpTransport& transport, RunPodConfig config)
    : transport_(transport), config_(std::move(config)) {}

std::optional<CloudError> RunPodAdapter::check_config() const {
    if (config_.api_key.empty())
        return cloud_error(CloudErrorKind::Config, "no RunPod API key: set RUNPOD_API_KEY (RunPod console → Settings → API Keys)");
    if (config_.endpoint_id.empty() || !valid_provider_id(config_.endpoint_id) ||
        config_.endpoint_id.find_first_of(".:") != std::string::npos)
        return cloud_error(CloudErrorKind::Config,
                           "RunPod endpoint id '" + config_.endpoint_id +
                               "' is missing or invalid: set RUNPOD_ENDPOINT_ID to the id shown on the endpoint's page");
    if (std::optional<CloudError> insecure = check_url_policy(config_.api_base)) {
        insecure->message = "RunPod API base: " + insecure->message;
        return insecure;
    }
    return std::nullopt;
}

std::optional<CloudError> RunPodAdapter::check_handle(const JobHandle& handle) const {
    if (handle.provider != "runpod")
        return cloud_error(CloudErrorKind::Config, "job " + handle.job_id + " belongs to " + handle.provider + ", not RunPod");
    if (!valid_provider_id(handle.job_id))
        return cloud_error(CloudErrorKind::Malformed, "invalid RunPod job id '" + handle.job_id + "'");
    if (handle.endpoint != config_.endpoint_id)
        return cloud_error(CloudErrorKind::Config, "job " + handle.job_id + " ran on endpoint " + handle.endpoint +
                                                       ", but RUNPOD_ENDPOINT_ID is " + config_.endpoint_id);
    return check_config();
}

HttpRequest RunPodAdapter::request(HttpMethod method, const std::string& path, std::string body) const {
    HttpRequest r;
    r.method = method;
    r.url = join_url(config_.api_base, "/" + config_.endpoint_id + path);
    r.headers = {{"authorization", "Bearer " + config_.api_key}, {"accept", "application/json"}};
    if (method == HttpMethod::Post) r.headers.emplace_back("content-type", "application/json");
    r.body = std::move(body);
    r.timeout = config_.request_timeout;
    return r;
}

CloudResult<JobHandle> RunPodAdapter::submit(const WorkerJob& job) {
    if (std::optional<CloudError> bad = check_config()) return *bad;
    if (std::optional<CloudError> invalid = validate_job(job)) return *invalid;
    if (!is_valid_public_key(job.split_key))
        return cloud_error(CloudErrorKind::Malformed, "the job's split-key Q is not a point on secp256k1");
    const double timeout_ms =
        std::ceil(job.budget.max_seconds * 1000.0) + static_cast<double>(config_.execution_margin.count()) * 1000.0;
    const json body{{"input", job_to_json(job)},
                     {"policy", {{"executionTimeout", static_cast<std::uint64_t>(std::max(10'000.0, timeout_ms))}}}};
    HttpRequest r = request(HttpMethod::Post, "/run", body.dump());
    r.idempotent = false;  // a second POST would start (and bill) a second job
    CloudResult<json> reply = json_reply(transport_.send(r), words_for(config_), "submitting the job");
    if (!reply.ok()) return reply.error();
    const json& j = reply.value();
    if (!j.contains("id") || !j["id"].is_string() || !valid_provider_id(j["id"].get<std::string>()))
        return cloud_error(CloudErrorKind::Malformed, "RunPod accepted the job but returned no valid job id");
    return JobHandle{"runpod", config_.endpoint_id, j["id"].get<std::string>(), job.job_id};
}

CloudResult<JobUpdate> RunPodAdapter::status(const JobHandle& handle, const WorkerJob& job) {
    if (std::optional<CloudError> bad = check_handle(handle)) return *bad;
    CloudResult<JobReply> reply = fetch_job_reply(transport_, request(HttpMethod::Get, "/status/" + handle.job_id),
                                                  words_for(config_), "reading the status of job " + handle.job_id);
    if (!reply.ok()) return reply.error();
    auto& [body, update] = reply.value();
    if (body.contains("output") && !body["output"].is_null()) absorb_worker_items(body["output"], job, update);
    if (update.state == JobState::Completed && !update.result && !update.rejection && !update.error)
        update.rejection = "RunPod reports the job completed, but its output holds no result";
    explain_final_state(update.state, body, update);
    return std::move(update);
}

CloudResult<JobUpdate> RunPodAdapter::stream(const JobHandle& handle, const WorkerJob& job) {
    if (std::optional<CloudError> bad = check_handle(handle)) return *bad;
    CloudResult<JobReply> reply = fetch_job_reply(transport_, request(HttpMethod::Get, "/stream/" + handle.job_id),
                                                  words_for(config_), "streaming job " + handle.job_id);
    if (!reply.ok()) return reply.error();
    auto& [body, update] = reply.value();
    if (body.contains("stream") && !body["stream"].is_null()) {
        const json& chunks = body["stream"];
        if (!chunks.is_array()) return cloud_error(CloudErrorKind::Malformed, "RunPod: \"stream\" is not a list");
        json items = json::array();
        for (const json& chunk : chunks) {
            if (chunk.is_object() && chunk.contains("output")) items.push_back(chunk["output"]);
            else update.warnings.push_back("a stream chunk without \"output\" was skipped");
        }
        absorb_worker_items(items, job, update);
    }
    explain_final_state(update.state, body, update);
    return std::move(update);
}

CloudResult<JobState> RunPodAdapter::cancel(const JobHandle& handle) {
    if (std::optional<CloudError> bad = check_handle(handle)) return *bad;
    const ProviderWords words = words_for(config_);
    CloudResult<json> reply = json_reply(transport_.send(request(HttpMethod::Post, "/cancel/" + handle.job_id, "{}")),
                                         words, "cancelling job " + handle.job_id);
    if (!reply.ok()) return reply.error();
    if (!reply->contains("status")) return JobState::Cancelled;
    return read_state(reply.value(), words);
}

CloudResult<ProviderHealth> RunPodAdapter::health() {
    if (std::optional<CloudError> bad = check_config()) return *bad;
    CloudResult<json> reply =
        json_reply(transport_.send(request(HttpMethod::Get, "/health")), words_for(config_), "checking the endpoint's health");
    if (!reply.ok()) return reply.error();
    const json& j = reply.value();
    auto count = [](const json& parent, const char* group, const char* key) {
        if (!parent.contains(group) || !parent[group].is_object()) return 0;
        const json& g = parent[group];
        if (!g.contains(key) || !g[key].is_number_integer()) return 0;
        return static_cast<int>(std::clamp<std::int64_t>(g[key].get<std::int64_t>(), 0, 1'000'000));
    };
    if (!j.contains("workers") || !j.contains("jobs"))
        return cloud_error(CloudErrorKind::Malformed, "RunPod: the health reply lacks \"workers\" or \"jobs\"");
    ProviderHealth h;
    h.workers_idle = count(j, "workers", "idle");
    h.workers_running = count(j, "workers", "running");
    h.jobs_in_queue = count(j, "jobs", "inQueue");
    h.jobs_in_progress = count(j, "jobs", "inProgress");
    h.detail = j.dump();
    return h;
}

} // namespace vanikeys::cloud
