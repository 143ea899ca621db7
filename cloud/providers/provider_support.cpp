#include "cloud/providers/provider_support.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "cloud/protocol/partial_check.h"

namespace vanikeys::cloud {
namespace {

using nlohmann::json;

std::string excerpt(const std::string& body) {
    std::string out = body.substr(0, 300);
    for (char& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) c = ' ';
    return out;
}

std::optional<double> milliseconds_field(const json& reply, const char* key) {
    if (!reply.contains(key) || !reply[key].is_number()) return std::nullopt;
    const double ms = reply[key].get<double>();
    if (!std::isfinite(ms) || ms < 0 || ms > 1e12) return std::nullopt;
    return ms / 1000.0;
}

} // namespace

CloudResult<json> json_reply(const HttpResult& reply, const ProviderWords& words, std::string_view what) {
    const std::string doing = words.name + ": " + std::string(what);
    if (!reply.ok()) {
        CloudError error = reply.error();
        error.message = doing + " failed: " + error.message;
        return error;
    }
    const HttpResponse& r = reply.value();
    const std::string body = r.body.empty() ? "" : " (" + excerpt(r.body) + ")";
    if (r.status == 401 || r.status == 403)
        return cloud_error(CloudErrorKind::Unauthorized,
                           doing + " was refused with HTTP " + std::to_string(r.status) + ": " + words.auth_advice + body,
                           r.status);
    if (r.status == 404)
        return cloud_error(CloudErrorKind::NotFound, doing + ": not found (HTTP 404)" + body, r.status);
    if (r.status == 429)
        return cloud_error(CloudErrorKind::RateLimited, doing + ": rate limited (HTTP 429); try again later" + body,
                           r.status);
    if (r.status >= 500)
        return cloud_error(CloudErrorKind::ServerError,
                           doing + ": the provider failed with HTTP " + std::to_string(r.status) + body, r.status);
    if (r.status < 200 || r.status > 299)
        return cloud_error(CloudErrorKind::Rejected, doing + " was rejected with HTTP " + std::to_string(r.status) + body,
                           r.status);
    json parsed = json::parse(r.body, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object())
        return cloud_error(CloudErrorKind::Malformed,
                           doing + ": the reply is not a JSON object" + (r.body.empty() ? " (empty)" : body), r.status);
    return parsed;
}

CloudResult<JobReply> fetch_job_reply(HttpTransport& transport, const HttpRequest& request,
                                      const ProviderWords& words, std::string_view what) {
    CloudResult<json> reply = json_reply(transport.send(request), words, what);
    if (!reply.ok()) return reply.error();
    CloudResult<JobState> state = read_state(reply.value(), words);
    if (!state.ok()) return state.error();
    JobReply out;
    out.update.state = state.value();
    out.update.timings = read_timings(reply.value());
    out.body = std::move(reply).value();
    return out;
}

bool valid_provider_id(std::string_view id) {
    if (id.empty() || id.size() > 128) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == ':';
    });
}

CloudResult<JobState> read_state(const json& reply, const ProviderWords& words) {
    if (!reply.contains("status") || !reply["status"].is_string())
        return cloud_error(CloudErrorKind::Malformed, words.name + ": the reply has no job status");
    const std::string name = reply["status"].get<std::string>();
    if (std::optional<JobState> state = parse_job_state(name)) return *state;
    return cloud_error(CloudErrorKind::Malformed, words.name + ": unknown job status '" + excerpt(name) + "'");
}

JobTimings read_timings(const json& reply) {
    return JobTimings{milliseconds_field(reply, "delayTime"), milliseconds_field(reply, "executionTime")};
}

std::string read_error_text(const json& reply) {
    if (!reply.contains("error") || reply["error"].is_null()) return {};
    const json& e = reply["error"];
    if (e.is_string()) return excerpt(e.get<std::string>());
    if (e.is_object() && e.contains("error_message") && e["error_message"].is_string())
        return excerpt(e["error_message"].get<std::string>());
    return excerpt(e.dump());
}

void absorb_worker_items(const json& items, const WorkerJob& job, JobUpdate& update) {
    const json list = items.is_array() ? items : json::array({items});
    std::optional<WorkerResult> last_result;
    for (std::size_t i = 0; i < list.size(); ++i) {
        CloudResult<WorkerMessage> message = parse_message(list[i]);
        if (!message.ok()) {
            const bool was_result = list[i].is_object() && list[i].contains("type") && list[i]["type"] == "result";
            if (was_result) {
                update.rejection = "the worker's result is malformed: " + message.error().message;
                last_result.reset();
                continue;
            }
            update.warnings.push_back("output item " + std::to_string(i) + " skipped: " + message.error().message);
            continue;
        }
        if (auto* progress = std::get_if<WorkerProgress>(&message.value())) {
            if (progress->job_id != job.job_id) {
                update.warnings.push_back("progress for another job ('" + progress->job_id + "') skipped");
                continue;
            }
            if (!update.progress.empty()) {
                if (std::optional<CloudError> step = validate_progress_step(update.progress.back(), *progress)) {
                    update.warnings.push_back("progress skipped: " + step->message);
                    continue;
                }
            }
            if (progress->best) {
                if (std::optional<CloudError> lie = verify_hit_public_key(job.split_key, *progress->best)) {
                    update.warnings.push_back("progress best candidate dropped: " + lie->message);
                    progress->best.reset();
                }
            }
            update.progress.push_back(std::move(*progress));
        } else if (auto* result = std::get_if<WorkerResult>(&message.value())) {
            last_result = std::move(*result);
        } else {
            const auto& error = std::get<WorkerError>(message.value());
            update.error = "the worker reported " + error.code + ": " + error.message;
        }
    }
    if (!last_result || update.rejection) return;
    if (std::optional<CloudError> bad = verify_result(job, *last_result)) {
        update.rejection = bad->message;
        return;
    }
    update.result = std::move(last_result);
}

} // namespace vanikeys::cloud
