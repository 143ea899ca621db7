// What the RunPod and Modal adapters share: turning HTTP replies into JSON or typed errors with
// provider-specific advice, reading job states and timings, and sorting the worker's output
// items into progress, a checked result, or the worker's error.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "cloud/providers/cloud_provider.h"
#include "cloud/transport/http_transport.h"

namespace vanikeys::cloud {

// How to talk about one provider in messages.
struct ProviderWords {
    std::string name;          // "RunPod"
    std::string auth_advice;   // "check RUNPOD_API_KEY and RUNPOD_ENDPOINT_ID"
};

// A 2xx reply's body as a JSON object. Errors: transport errors pass through; 401/403 become
// Unauthorized (with auth_advice), 404 NotFound, 429 RateLimited, 5xx ServerError, other
// statuses Rejected, and a body that is not a JSON object Malformed. `what` names the call
// ("submitting the job") for the message.
CloudResult<nlohmann::json> json_reply(const HttpResult& reply, const ProviderWords& words, std::string_view what);

// A job reply: its JSON body and a JobUpdate with the state and timings already read.
struct JobReply {
    nlohmann::json body;
    JobUpdate update;
};

// Sends `request` and reads the reply as json_reply does, then its state (read_state) and
// timings (read_timings).
CloudResult<JobReply> fetch_job_reply(HttpTransport& transport, const HttpRequest& request,
                                      const ProviderWords& words, std::string_view what);

// Provider ids end up in URL paths: only [A-Za-z0-9_.:-], 1..128 characters.
bool valid_provider_id(std::string_view id);

// Reads "status" (RunPod's state names) from a reply; Malformed if missing or unknown.
CloudResult<JobState> read_state(const nlohmann::json& reply, const ProviderWords& words);

// RunPod's delayTime / executionTime (milliseconds) as seconds, when present and sane.
JobTimings read_timings(const nlohmann::json& reply);

// Sorts worker output items (progress / result / error objects) into `update`: progress lines
// in order (bad or backwards ones skipped with a warning), the last result checked with
// verify_result against `job` (kept in update.result, or explained in update.rejection), and
// a worker error into update.error.
void absorb_worker_items(const nlohmann::json& items, const WorkerJob& job, JobUpdate& update);

// The error text of a failed job, from RunPod's "error" (a string, or an object) or ours.
std::string read_error_text(const nlohmann::json& reply);

} // namespace vanikeys::cloud
