// ICloudProvider: one serverless GPU service (RunPod, Modal) seen as "submit a worker job, watch
// it, cancel it". Adapters translate between this and each provider's HTTP API; everything
// above (router, fan-out, job store, CLI, app) depends only on this interface.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cloud/protocol/worker_protocol.h"
#include "cloud/transport/cloud_error.h"

namespace vanikeys::cloud {

// The states of RunPod's API, which the shipped Modal app reports too.
enum class JobState { Queued, Running, Completed, Failed, Cancelled, TimedOut };

std::string_view job_state_name(JobState state);         // "IN_QUEUE", "IN_PROGRESS", ...
std::optional<JobState> parse_job_state(std::string_view name);
bool is_final(JobState state);

// Where a submitted job lives: enough to find it again after a restart.
struct JobHandle {
    std::string provider;    // "runpod", "modal"
    std::string endpoint;    // RunPod endpoint id; the Modal app's URL
    std::string job_id;      // the provider's id for this run
    std::string client_ref;  // our WorkerJob::job_id

    friend bool operator==(const JobHandle&, const JobHandle&) = default;
};

// What the provider reports about time, in seconds (RunPod's delayTime / executionTime).
struct JobTimings {
    std::optional<double> queue_seconds;  // waiting for a worker, cold start included
    std::optional<double> run_seconds;    // the worker's own run time

    friend bool operator==(const JobTimings&, const JobTimings&) = default;
};

// One look at a job. `progress` holds the worker's progress reports that this call revealed
// (every one for a completed RunPod job; the new ones for Modal); `result` is set once the
// worker's final result is in and passed every check (strict parsing, validate_result_for and
// the split-key public-key check). A result that fails them is dropped and `rejection` says
// why: nothing unverified ever reaches the caller as a result.
struct JobUpdate {
    JobState state = JobState::Queued;
    JobTimings timings;
    std::vector<WorkerProgress> progress;
    std::optional<WorkerResult> result;
    std::optional<std::string> error;        // the provider's or worker's reason for a failure
    std::optional<std::string> rejection;    // why a returned result was not accepted
    std::vector<std::string> warnings;       // progress lines that were skipped, and why
};

struct ProviderHealth {
    int workers_idle = 0;
    int workers_running = 0;
    int jobs_in_queue = 0;
    int jobs_in_progress = 0;
    std::string detail;   // the provider's own words, for a status line
};

class ICloudProvider {
public:
    virtual ~ICloudProvider() = default;

    [[nodiscard]] virtual std::string name() const = 0;  // "runpod", "modal"

    // Sends the job (validated first: a job that fails validate_job is never sent).
    virtual CloudResult<JobHandle> submit(const WorkerJob& job) = 0;
    // The job's state, timings and, once complete, its checked result. `job` is the job that
    // was submitted: results are checked against it (its id, its Q).
    virtual CloudResult<JobUpdate> status(const JobHandle& handle, const WorkerJob& job) = 0;
    // New progress since the last call for this handle (RunPod's /stream; Modal's progress
    // log), plus the state; a result that arrives on the stream is checked like status()'s.
    virtual CloudResult<JobUpdate> stream(const JobHandle& handle, const WorkerJob& job) = 0;
    // Asks the provider to stop the job. Succeeds also when the job had already ended.
    virtual CloudResult<JobState> cancel(const JobHandle& handle) = 0;
    virtual CloudResult<ProviderHealth> health() = 0;
};

} // namespace vanikeys::cloud
