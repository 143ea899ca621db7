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

CloudResult<FanOutPlan> plan_from_store(const std::vector<StoredJob>& jobs, const std::string& group) {
    std::vector<const StoredJob*> members;
    for (const StoredJob& j : jobs)
        if (j.group == group) members.push_back(&j);
    if (members.empty()) return cloud_error(CloudErrorKind::Storage, "no cloud job group named " + group + " in the job list");
    std::sort(members.begin(), members.end(),
              [](const StoredJob* a, const StoredJob* b) { return a->job.worker_index < b->job.worker_index; });
    FanOutPlan plan;
    plan.group = group;
    for (const StoredJob* j : members) plan.jobs.push_back(j->job);
    return plan;
}

FanOutOutcome outcome_from_store(const std::vector<StoredJob>& jobs, const FanOutPlan& plan) {
    FanOutOutcome outcome;
    for (const WorkerJob& job : plan.jobs) {
        WorkerOutcome worker;
        worker.client_ref = job.job_id;
        for (const StoredJob& j : jobs) {
            if (j.handle.client_ref != job.job_id) continue;
            worker.handle = j.handle;
            worker.state = j.state;
            if (j.rejection) worker.problem = "result rejected: " + *j.rejection;
            else if (j.error && is_final(j.state)) worker.problem = *j.error;
            if (j.result && !j.result->hits.empty() && !outcome.winner) {
                outcome.winner = j.result;
                outcome.winner_ref = job.job_id;
            }
        }
        outcome.workers.push_back(std::move(worker));
    }
    return outcome;
}

FanOutOutcome FanOut::submit(const FanOutPlan& plan, const FanOutCallbacks& callbacks) {
    FanOutOutcome outcome;
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
    return outcome;
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
    if (!update.ok() && update.error().kind == CloudErrorKind::NotFound) {
        // The provider has forgotten the job (RunPod keeps finished jobs for 30 minutes): it
        // will never answer again, so the job list must not wait for it.
        worker.state = JobState::Failed;
        worker.problem = update.error().message;
        JobUpdate gone;
        gone.state = JobState::Failed;
        gone.error = "the provider no longer knows this job: " + update.error().message;
        record(worker.client_ref, gone);
        return false;
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
    if (u.result && callbacks.check_result) {
        if (std::optional<std::string> refused = callbacks.check_result(worker.client_ref, *u.result)) {
            u.result.reset();
            u.rejection = *refused;
        }
    }
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
    if (worker.client_ref == outcome.winner_ref) return false;  // the winner's result read again
    outcome.other_results.push_back(*u.result);  // no match, or a second match arriving late: kept
    return false;
}

void FanOut::cancel_others(FanOutOutcome& outcome, const std::string& reason) {
    for (WorkerOutcome& worker : outcome.workers) {
        if (!worker.handle || is_final(worker.state) || worker.client_ref == outcome.winner_ref) continue;
        CloudResult<JobState> cancelled = provider_.cancel(*worker.handle);
        worker.cancelled_by_us = true;
        // A job that had ended first keeps its state here, so that the next poll reads its result.
        if (cancelled.ok() && cancelled.value() != JobState::Cancelled) continue;
        if (cancelled.ok()) {
            worker.state = JobState::Cancelled;
            JobUpdate update;
            update.state = JobState::Cancelled;
            update.error = reason;
            record(worker.client_ref, update);
        } else {
            worker.problem = "cancel failed (it stops at its own time budget): " + cancelled.error().message;
        }
    }
}

WatchControl FanOut::wait_between_polls(const FanOutCallbacks& callbacks) {
    if (!callbacks.control) {
        clock_.sleep_for(options_.poll_interval);
        return WatchControl::Continue;
    }
    // In slices, so that a stop (Ctrl-C, the app's Stop button) is acted on at once.
    constexpr std::chrono::milliseconds kSlice{50};
    for (auto left = options_.poll_interval; left.count() > 0; left -= kSlice) {
        if (const WatchControl c = callbacks.control(); c != WatchControl::Continue) return c;
        clock_.sleep_for(std::min(left, kSlice));
    }
    return callbacks.control();
}

FanOutOutcome FanOut::run(const FanOutPlan& plan, const FanOutCallbacks& callbacks) {
    return watch(plan, submit(plan, callbacks), callbacks);
}

FanOutOutcome FanOut::watch(const FanOutPlan& plan, FanOutOutcome outcome, const FanOutCallbacks& callbacks) {
    double budget_seconds = 0;
    for (const WorkerJob& job : plan.jobs) budget_seconds = std::max(budget_seconds, job.budget.max_seconds);
    const auto timeout = options_.overall_timeout.count() > 0
                             ? options_.overall_timeout
                             : std::chrono::milliseconds(static_cast<long long>((budget_seconds + 3600) * 1000));
    const auto deadline = clock_.now() + timeout;
    std::vector<int> failures(plan.jobs.size(), 0);
    auto active = [&] {
        return std::any_of(outcome.workers.begin(), outcome.workers.end(),
                           [](const WorkerOutcome& w) { return w.handle && !is_final(w.state); });
    };

    // A group picked up again may already have its match (found before a restart).
    if (outcome.winner && active()) cancel_others(outcome, "cancelled: another worker found a match");
    while (true) {
        for (std::size_t i = 0; i < plan.jobs.size() && i < outcome.workers.size(); ++i) {
            WorkerOutcome& worker = outcome.workers[i];
            if (!worker.handle || is_final(worker.state)) continue;
            if (poll(plan.jobs[i], worker, failures[i], callbacks, outcome))
                cancel_others(outcome, "cancelled: another worker found a match");
        }
        if (!active()) break;
        if (clock_.now() >= deadline) {
            outcome.timed_out = true;
            for (WorkerOutcome& worker : outcome.workers)
                if (worker.handle && !is_final(worker.state))
                    worker.problem = "still running when the wait ended; it stays in the job list";
            break;
        }
        const WatchControl control = wait_between_polls(callbacks);
        if (control == WatchControl::Continue) continue;
        outcome.stopped = true;
        if (control == WatchControl::CancelAll) {
            outcome.winner_ref.clear();  // nobody is spared
            cancel_others(outcome, "cancelled at your request");
            if (outcome.winner) outcome.winner_ref = outcome.winner->job_id;
            // Whatever had ended before the cancel reached it: one last look for its result.
            for (std::size_t i = 0; i < plan.jobs.size() && i < outcome.workers.size(); ++i)
                if (outcome.workers[i].handle && !is_final(outcome.workers[i].state))
                    poll(plan.jobs[i], outcome.workers[i], failures[i], callbacks, outcome);
        }
        break;  // a worker still running (Detach) stays in the job list: that is no problem
    }
    return outcome;
}

} // namespace vanikeys::cloud
