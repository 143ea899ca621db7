#include "cloud/router/fan_out.h"

#include <algorithm>
#include <cmath>
#include <ctime>

namespace vanikeys::cloud {

CloudResult<FanOutPlan> plan_fan_out(const WorkerJob& base, int workers, const std::string& group) {
    if (workers < 1 || workers > 1024)
        return cloud_error(CloudErrorKind::Config, "the number of workers must lie between 1 and 1024");
    if (group.empty() || group.size() > 58)
        return cloud_error(CloudErrorKind::Config, "the fan-out group name must have 1..58 characters");
    FanOutPlan plan;
    plan.group = group;
    for (int i = 0; i < workers; ++i) {
        WorkerJob job = base;
        job.job_id = group + "-w" + std::to_string(i);
        job.worker_index = static_cast<std::uint32_t>(i);
        job.worker_count = static_cast<std::uint32_t>(workers);
        if (base.budget.max_keys > 0)
            job.budget.max_keys = (base.budget.max_keys + static_cast<std::uint64_t>(workers) - 1) / static_cast<std::uint64_t>(workers);
        if (std::optional<CloudError> invalid = validate_job(job)) return *invalid;
        plan.jobs.push_back(std::move(job));
    }
    return plan;
}

FanOut::FanOut(ICloudProvider& provider, RetryClock& clock, JobStore* store, FanOutOptions options)
    : provider_(provider), clock_(clock), store_(store), options_(options) {}

void FanOut::record(const std::string& client_ref, const JobUpdate& update) {
    if (store_ != nullptr) store_->apply(client_ref, update, static_cast<std::int64_t>(std::time(nullptr)));
}

void FanOut::submit_all(const FanOutPlan& plan, const FanOutCallbacks& callbacks, FanOutOutcome& outcome) {
    for (const WorkerJob& job : plan.jobs) {
        WorkerOutcome worker;
        worker.client_ref = job.job_id;
        if (outcome.fatal) {
            worker.state = JobState::Failed;
            worker.problem = "not submitted: " + outcome.fatal->message;
            outcome.workers.push_back(std::move(worker));
            continue;
        }
        CloudResult<JobHandle> handle = provider_.submit(job);
        if (!handle.ok()) {
            worker.state = JobState::Failed;
            worker.problem = handle.error().message;
            // Settings problems will fail every worker the same way: stop submitting.
            if (!is_transient(handle.error().kind)) outcome.fatal = handle.error();
            outcome.workers.push_back(std::move(worker));
            continue;
        }
        worker.handle = handle.value();
        if (store_ != nullptr) {
            StoredJob stored;
            stored.handle = handle.value();
            stored.job = job;
            stored.group = plan.group;
            stored.secret_ref = plan.group;
            stored.submitted_at = static_cast<std::int64_t>(std::time(nullptr));
            stored.updated_at = stored.submitted_at;
            store_->add(stored);
        }
        if (callbacks.on_submitted) callbacks.on_submitted(handle.value());
        outcome.workers.push_back(std::move(worker));
    }
}

bool FanOut::poll(const WorkerJob& job, WorkerOutcome& worker, int& failures, const FanOutCallbacks& callbacks,
                  FanOutOutcome& outcome) {
    CloudResult<JobUpdate> update = provider_.stream(*worker.handle, job);
    // The stream carries progress; the final result is also read from the status, which
    // holds the whole output even when the stream's last items were missed.
    if (update.ok() && is_final(update->state) && !update->result && !update->rejection) {
        CloudResult<JobUpdate> full = provider_.status(*worker.handle, job);
        if (full.ok()) {
            full->progress.insert(full->progress.begin(), update->progress.begin(), update->progress.end());
            update = std::move(full);
        }
    }
    if (!update.ok()) {
        ++failures;
        if (!is_transient(update.error().kind) || failures >= options_.max_poll_failures) {
            worker.state = JobState::Failed;
            worker.problem = "given up after " + std::to_string(failures) + " failed poll(s): " + update.error().message +
                             " (the job is kept in the job list and can be polled later)";
        }
        return false;
    }
    failures = 0;
    JobUpdate& u = update.value();
    worker.state = u.state;
    record(worker.client_ref, u);
    if (callbacks.on_update) callbacks.on_update(worker.client_ref, u);
    if (u.rejection) worker.problem = "result rejected: " + *u.rejection;
    else if (u.error && is_final(u.state)) worker.problem = *u.error;
    if (!u.result) return false;
    if (!u.result->hits.empty() && !outcome.winner) {
        outcome.winner = u.result;
        outcome.winner_ref = worker.client_ref;
        return true;
    }
    outcome.other_results.push_back(*u.result);  // no match, or a second match arriving late: kept
    return false;
}

void FanOut::cancel_others(FanOutOutcome& outcome) {
    for (WorkerOutcome& worker : outcome.workers) {
        if (!worker.handle || is_final(worker.state) || worker.client_ref == outcome.winner_ref) continue;
        CloudResult<JobState> cancelled = provider_.cancel(*worker.handle);
        worker.cancelled_by_us = true;
        if (cancelled.ok()) {
            worker.state = JobState::Cancelled;
            JobUpdate update;
            update.state = JobState::Cancelled;
            update.error = "cancelled: another worker found a match";
            record(worker.client_ref, update);
        } else {
            worker.problem = "cancel failed (it stops at its own time budget): " + cancelled.error().message;
        }
    }
}

FanOutOutcome FanOut::run(const FanOutPlan& plan, const FanOutCallbacks& callbacks) {
    FanOutOutcome outcome;
    submit_all(plan, callbacks, outcome);

    double budget_seconds = 0;
    for (const WorkerJob& job : plan.jobs) budget_seconds = std::max(budget_seconds, job.budget.max_seconds);
    const auto timeout = options_.overall_timeout.count() > 0
                             ? options_.overall_timeout
                             : std::chrono::milliseconds(static_cast<long long>((budget_seconds + 3600) * 1000));
    const auto deadline = clock_.now() + timeout;
    std::vector<int> failures(plan.jobs.size(), 0);

    while (true) {
        for (std::size_t i = 0; i < plan.jobs.size(); ++i) {
            WorkerOutcome& worker = outcome.workers[i];
            if (!worker.handle || is_final(worker.state)) continue;
            if (poll(plan.jobs[i], worker, failures[i], callbacks, outcome)) cancel_others(outcome);
        }
        const bool active = std::any_of(outcome.workers.begin(), outcome.workers.end(),
                                        [](const WorkerOutcome& w) { return w.handle && !is_final(w.state); });
        if (!active) break;
        if (clock_.now() >= deadline) {
            outcome.timed_out = true;
            for (WorkerOutcome& worker : outcome.workers)
                if (worker.handle && !is_final(worker.state))
                    worker.problem = "still running when the wait ended; it stays in the job list";
            break;
        }
        clock_.sleep_for(options_.poll_interval);
    }
    return outcome;
}

} // namespace vanikeys::cloud
