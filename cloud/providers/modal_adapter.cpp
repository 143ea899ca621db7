#include "cloud/providers/modal_adapter.h"

#include "cloud/protocol/partial_check.h"
#include "cloud/providers/provider_support.h"
#include "cloud/transport/url_policy.h"

namespace vanikeys::cloud {
namespace {

using nlohmann::json;

const ProviderWords& modal_words() {
    static const ProviderWords words{
        "Modal", "check MODAL_KEY and MODAL_SECRET (a proxy auth token of the workspace that deployed the app) and MODAL_URL"};
    return words;
}

// Final states without a result, in words; a reason sent by the app wins.
void explain_final_state(JobState state, const json& reply, JobUpdate& update) {
    const std::string text = read_error_text(reply);
    if (state == JobState::Failed && !update.error)
        update.error = text.empty() ? "the Modal function failed without a reason" : text;
    else if (state == JobState::TimedOut)
        update.error = "the Modal function ran past its timeout" + (text.empty() ? std::string() : ": " + text);
    else if (state == JobState::Cancelled)
        update.error = "the job was cancelled";
}

} // namespace

ModalAdapter::ModalAdapter(HttpTransport& transport, ModalConfig config)
    : transport_(transport), config_(std::move(config)) {}

std::optional<CloudError> ModalAdapter::check_config() const {
    if (config_.url.empty())
        return cloud_error(CloudErrorKind::Config, "no Modal app URL: set MODAL_URL to the URL `modal deploy` printed");
    if (config_.key.empty() || config_.secret.empty())
        return cloud_error(CloudErrorKind::Config,
                           "no Modal proxy auth token: set MODAL_KEY and MODAL_SECRET (Modal → Settings → Proxy Auth Tokens)");
    if (std::optional<CloudError> insecure = check_url_policy(config_.url)) {
        insecure->message = "MODAL_URL: " + insecure->message;
        return insecure;
    }
    return std::nullopt;
}

std::optional<CloudError> ModalAdapter::check_handle(const JobHandle& handle) const {
    if (handle.provider != "modal")
        return cloud_error(CloudErrorKind::Config, "job " + handle.job_id + " belongs to " + handle.provider + ", not Modal");
    if (!valid_provider_id(handle.job_id))
        return cloud_error(CloudErrorKind::Malformed, "invalid Modal job id '" + handle.job_id + "'");
    if (handle.endpoint != config_.url)
        return cloud_error(CloudErrorKind::Config,
                           "job " + handle.job_id + " ran on " + handle.endpoint + ", but MODAL_URL is " + config_.url);
    return check_config();
}

HttpRequest ModalAdapter::request(HttpMethod method, const std::string& path, std::string body) const {
    HttpRequest r;
    r.method = method;
    r.url = join_url(config_.url, path);
    r.headers = {{"Modal-Key", config_.key}, {"Modal-Secret", config_.secret}, {"accept", "application/json"}};
    if (method == HttpMethod::Post) r.headers.emplace_back("content-type", "application/json");
    r.body = std::move(body);
    r.timeout = config_.request_timeout;
    return r;
}

CloudResult<JobHandle> ModalAdapter::submit(const WorkerJob& job) {
    if (std::optional<CloudError> bad = check_config()) return *bad;
    if (std::optional<CloudError> invalid = validate_job(job)) return *invalid;
    if (!is_valid_public_key(job.split_key))
        return cloud_error(CloudErrorKind::Malformed, "the job's split-key Q is not a point on secp256k1");
    HttpRequest r = request(HttpMethod::Post, "/jobs", json{{"job", job_to_json(job)}}.dump());
    r.idempotent = true;  // the app answers a repeated job_id with the call it already started
    CloudResult<json> reply = json_reply(transport_.send(r), modal_words(), "submitting the job");
    if (!reply.ok()) return reply.error();
    const json& j = reply.value();
    if (!j.contains("id") || !j["id"].is_string() || !valid_provider_id(j["id"].get<std::string>()))
        return cloud_error(CloudErrorKind::Malformed, "Modal accepted the job but returned no valid job id");
    return JobHandle{"modal", config_.url, j["id"].get<std::string>(), job.job_id};
}

CloudResult<JobUpdate> ModalAdapter::status(const JobHandle& handle, const WorkerJob& job) {
    if (std::optional<CloudError> bad = check_handle(handle)) return *bad;
    CloudResult<JobReply> reply = fetch_job_reply(transport_, request(HttpMethod::Get, "/jobs/" + handle.job_id),
                                                  modal_words(), "reading the status of job " + handle.job_id);
    if (!reply.ok()) return reply.error();
    auto& [body, update] = reply.value();
    json items = json::array();
    for (const char* key : {"progress", "result"})
        if (body.contains(key) && !body[key].is_null()) items.push_back(body[key]);
    absorb_worker_items(items, job, update);
    if (update.state == JobState::Completed && !update.result && !update.rejection && !update.error)
        update.rejection = "Modal reports the job completed, but no result came with it";
    explain_final_state(update.state, body, update);
    return std::move(update);
}

CloudResult<JobUpdate> ModalAdapter::stream(const JobHandle& handle, const WorkerJob& job) {
    if (std::optional<CloudError> bad = check_handle(handle)) return *bad;
    std::uint64_t after = 0;
    {
        std::lock_guard lock(mutex_);
        after = stream_cursor_[handle.job_id];
    }
    CloudResult<JobReply> reply =
        fetch_job_reply(transport_, request(HttpMethod::Get, "/jobs/" + handle.job_id + "/stream?after=" + std::to_string(after)),
                        modal_words(), "streaming job " + handle.job_id);
    if (!reply.ok()) return reply.error();
    auto& [body, update] = reply.value();
    if (!body.contains("items") || !body["items"].is_array() || !body.contains("next") || !body["next"].is_number_unsigned())
        return cloud_error(CloudErrorKind::Malformed, "Modal: the stream reply lacks \"items\" or \"next\"");
    const std::uint64_t next = body["next"].get<std::uint64_t>();
    if (next < after || next - after < body["items"].size())
        return cloud_error(CloudErrorKind::Malformed, "Modal: the stream cursor went backwards");
    absorb_worker_items(body["items"], job, update);
    explain_final_state(update.state, body, update);
    std::lock_guard lock(mutex_);
    stream_cursor_[handle.job_id] = next;
    return std::move(update);
}

CloudResult<JobState> ModalAdapter::cancel(const JobHandle& handle) {
    if (std::optional<CloudError> bad = check_handle(handle)) return *bad;
    CloudResult<json> reply = json_reply(transport_.send(request(HttpMethod::Post, "/jobs/" + handle.job_id + "/cancel", "{}")),
                                         modal_words(), "cancelling job " + handle.job_id);
    if (!reply.ok()) return reply.error();
    return read_state(reply.value(), modal_words());
}

CloudResult<ProviderHealth> ModalAdapter::health() {
    if (std::optional<CloudError> bad = check_config()) return *bad;
    CloudResult<json> reply =
        json_reply(transport_.send(request(HttpMethod::Get, "/health")), modal_words(), "checking the app's health");
    if (!reply.ok()) return reply.error();
    const json& j = reply.value();
    if (!j.contains("ok") || j["ok"] != true)
        return cloud_error(CloudErrorKind::Malformed, "Modal: the app's health reply does not say ok");
    if (!j.contains("protocol") || j["protocol"] != kWorkerProtocolVersion)
        return cloud_error(CloudErrorKind::Config, "the deployed Modal app speaks another worker protocol; redeploy "
                                                   "packaging/modal/app.py from this version");
    ProviderHealth h;
    if (j.contains("jobs_in_progress") && j["jobs_in_progress"].is_number_unsigned())
        h.jobs_in_progress = static_cast<int>(std::min<std::uint64_t>(j["jobs_in_progress"].get<std::uint64_t>(), 1'000'000));
    h.detail = j.dump();
    return h;
}

} // namespace vanikeys::cloud
