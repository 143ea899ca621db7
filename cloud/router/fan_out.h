// Fan-out: one hard grind split over N cloud workers. Each worker gets the same pattern and Q
// but its own job id and index, and draws its own random start from its own CSPRNG, so the
// workers search disjoint-in-practice parts of the key space (overlap odds: negligible at 2^256).
// The orchestrator submits them all, polls them, and as soon as one returns a verified match it
// cancels the rest. Every fault ends in a clear per-worker state; nothing found is dropped.
// A group already in the job store (after a restart) can be watched again: plan_from_store.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cloud/providers/cloud_provider.h"
#include "cloud/store/job_store.h"
#include "cloud/transport/retrying_transport.h"

namespace vanikeys::cloud {

struct FanOutPlan {
    std::string group;             // shared by the workers' client refs and the secret's name
    std::vector<WorkerJob> jobs;   // job i: "<group>-w<i>", worker_index i of worker_count N
};

// Splits `base` over `workers` (1..1024). The time budget stays per worker; a key budget is
// divided (rounded up) so that the total stays the same. `group` must be a valid id of at most
// 58 characters (room for the worker suffix).
CloudResult<FanOutPlan> plan_fan_out(const WorkerJob& base, int workers, const std::string& group);

struct FanOutOptions {
    std::chrono::milliseconds poll_interval{5'000};
    int max_poll_failures = 5;        // consecutive failed polls before a worker is given up
    std::chrono::milliseconds overall_timeout{0};  // 0: the job budget plus an hour
};

struct WorkerOutcome {
    std::optional<JobHandle> handle;  // absent when its submission failed
    std::string client_ref;
    JobState state = JobState::Queued;
    std::optional<std::string> problem;  // why it failed, was rejected or given up
    bool cancelled_by_us = false;
};

struct FanOutOutcome {
    std::vector<WorkerOutcome> workers;
    std::optional<WorkerResult> winner;   // the first verified result with a match
    std::string winner_ref;
    std::vector<WorkerResult> other_results;  // verified results without a match (budget ran out)
    bool timed_out = false;
    bool stopped = false;                 // the caller ended the wait (WatchControl)
    std::optional<CloudError> fatal;      // e.g. Unauthorized: nothing could run
};

// What the caller wants while a group is watched: go on, stop watching (the workers go on and
// stay in the job list), or cancel every worker still running and stop.
enum class WatchControl { Continue, Detach, CancelAll };

struct FanOutCallbacks {
    std::function<void(const JobHandle&)> on_submitted;
    std::function<void(const std::string& client_ref, const JobUpdate&)> on_update;
    // The caller's own check of a result that passed the adapter's (the split-key public-key
    // check): nullopt accepts it, a reason rejects it. A rejected result never wins, and the
    // store records the rejection instead of the result.
    std::function<std::optional<std::string>(const std::string& client_ref, const WorkerResult&)> check_result;
    // Asked between polls (every 50 ms while waiting); absent: Continue.
    std::function<WatchControl()> control;
};

// The plan and the outcome so far of a group that is in the store (its workers in index
// order), so that FanOut::watch can pick it up after a restart. Storage error when the store
// has no job of that group.
CloudResult<FanOutPlan> plan_from_store(const std::vector<StoredJob>& jobs, const std::string& group);
FanOutOutcome outcome_from_store(const std::vector<StoredJob>& jobs, const FanOutPlan& plan);

class FanOut {
public:
    // `store` (optional) records every submission and update, so that a crash mid-run loses
    // nothing: the jobs are listed again at the next start. `clock` paces the polling.
    FanOut(ICloudProvider& provider, RetryClock& clock, JobStore* store = nullptr, FanOutOptions options = {});

    // submit, then watch.
    FanOutOutcome run(const FanOutPlan& plan, const FanOutCallbacks& callbacks = {});
    // Submits every job of the plan (recording each in the store); polls nothing.
    FanOutOutcome submit(const FanOutPlan& plan, const FanOutCallbacks& callbacks = {});
    // Polls the submitted workers until none is active, the overall timeout ends the wait, or the
    // caller's control says so; cancels the rest as soon as one returns an accepted match.
    FanOutOutcome watch(const FanOutPlan& plan, FanOutOutcome outcome, const FanOutCallbacks& callbacks = {});

private:
    // Polls worker i once; true when it has just produced the winning result.
    bool poll(const WorkerJob& job, WorkerOutcome& worker, int& failures, const FanOutCallbacks& callbacks,
              FanOutOutcome& outcome);
    void cancel_others(FanOutOutcome& outcome, const std::string& reason);
    WatchControl wait_between_polls(const FanOutCallbacks& callbacks);
    void record(const std::string& client_ref, const JobUpdate& update);

    ICloudProvider& provider_;
    RetryClock& clock_;
    JobStore* store_;
    FanOutOptions options_;
};

} // namespace vanikeys::cloud
