// A cloud search as the user sees it: one group of worker jobs (a fan-out, or a single job)
// that share a pattern and a split-key secret, summarised from the job store for lists, status
// lines and the app's cloud jobs table.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cloud/cost/pricing_catalog.h"
#include "cloud/store/job_store.h"

namespace vanikeys::cloud {

struct CloudGroup {
    std::string name;                 // the group id, also the secret's name
    std::string provider;             // "runpod", "modal"
    WorkerJob job;                    // worker 0's job: pattern, Q, budget (the others differ in id)
    std::vector<StoredJob> workers;   // in worker index order
    JobState state = JobState::Queued;  // see group_state()
    bool found = false;               // an accepted exact match is in
    bool collected = false;           // every result in has been rebuilt and verified with d
    std::uint64_t attempts = 0;       // summed over the workers, from their latest reports
    double seconds = 0;               // the longest worker's search time
    double keys_per_second = 0;       // summed over the workers still running (latest reports)
    std::optional<WireHit> best;      // the best candidate any worker reported
    std::optional<double> queue_seconds;  // the longest wait for a worker (queue and cold start)
    std::optional<double> run_seconds;    // the workers' run times added up (what is billed)
    std::optional<double> cost_usd;       // run_seconds priced at the provider's platform
    std::vector<std::string> problems;    // "w1: <error or rejection>"
    std::int64_t submitted_at = 0;
    std::int64_t updated_at = 0;
};

// The group's state from its workers': Completed once a match is in; otherwise Running while
// any worker runs, Queued while any waits; when all have ended, Completed if any completed,
// else Cancelled, TimedOut or Failed in that order.
JobState group_state(const std::vector<StoredJob>& workers);

// The members of `group` in `jobs`, in worker index order.
std::vector<StoredJob> group_members(const std::vector<StoredJob>& jobs, const std::string& group);

// `members` (one group's jobs, non-empty) summarised; `platform` prices the run time (nullptr:
// no cost).
CloudGroup summarize_group(std::vector<StoredJob> members, const cost::Platform* platform);

// Every group in `jobs`, newest first; `platform_for(provider)` prices each.
template <class PlatformFor>
std::vector<CloudGroup> summarize_groups(const std::vector<StoredJob>& jobs, PlatformFor&& platform_for) {
    std::vector<std::string> names;
    for (const StoredJob& j : jobs)
        if (std::find(names.begin(), names.end(), j.group) == names.end()) names.push_back(j.group);
    std::vector<CloudGroup> out;
    for (const std::string& name : names) {
        std::vector<StoredJob> members = group_members(jobs, name);
        const std::string provider = members.front().handle.provider;
        out.push_back(summarize_group(std::move(members), platform_for(provider)));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const CloudGroup& a, const CloudGroup& b) { return a.submitted_at > b.submitted_at; });
    return out;
}

} // namespace vanikeys::cloud
