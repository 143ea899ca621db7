#include "cloud/client/cloud_group.h"

#include <algorithm>

#include "cloud/client/cost_quotes.h"

namespace vanikeys::cloud {
namespace {

bool has_match(const StoredJob& j) { return j.result && !j.result->hits.empty(); }

} // namespace

JobState group_state(const std::vector<StoredJob>& workers) {
    auto any = [&](auto&& pred) { return std::any_of(workers.begin(), workers.end(), pred); };
    auto in = [](JobState s) { return [s](const StoredJob& j) { return j.state == s; }; };
    if (any(has_match)) return JobState::Completed;
    if (any(in(JobState::Running))) return JobState::Running;
    if (any(in(JobState::Queued))) return JobState::Queued;
    for (JobState s : {JobState::Completed, JobState::Cancelled, JobState::TimedOut})
        if (any(in(s))) return s;
    return JobState::Failed;
}

std::vector<StoredJob> group_members(const std::vector<StoredJob>& jobs, const std::string& group) {
    std::vector<StoredJob> members;
    for (const StoredJob& j : jobs)
        if (j.group == group) members.push_back(j);
    std::stable_sort(members.begin(), members.end(),
                     [](const StoredJob& a, const StoredJob& b) { return a.job.worker_index < b.job.worker_index; });
    return members;
}

CloudGroup summarize_group(std::vector<StoredJob> members, const cost::Platform* platform) {
    CloudGroup g;
    const StoredJob& first = members.front();
    g.name = first.group;
    g.provider = first.handle.provider;
    g.job = first.job;
    g.state = group_state(members);
    g.found = std::any_of(members.begin(), members.end(), has_match);
    g.collected = true;
    g.submitted_at = first.submitted_at;
    auto consider_best = [&](const std::optional<WireHit>& hit) {
        if (hit && (!g.best || hit->score > g.best->score)) g.best = hit;
    };
    for (const StoredJob& j : members) {
        std::uint64_t attempts = j.last_progress ? j.last_progress->attempts : 0;
        double seconds = j.last_progress ? j.last_progress->seconds : 0;
        if (j.result) {
            attempts = std::max(attempts, j.result->attempts);
            seconds = std::max(seconds, j.result->seconds);
            consider_best(j.result->best);
            for (const WireHit& h : j.result->hits) consider_best(h);
            if (!j.collected) g.collected = false;
        }
        if (j.last_progress) {
            consider_best(j.last_progress->best);
            if (!is_final(j.state)) g.keys_per_second += j.last_progress->keys_per_second;
        }
        g.attempts += attempts;
        g.seconds = std::max(g.seconds, seconds);
        if (j.timings.queue_seconds) g.queue_seconds = std::max(g.queue_seconds.value_or(0), *j.timings.queue_seconds);
        if (j.timings.run_seconds) g.run_seconds = g.run_seconds.value_or(0) + *j.timings.run_seconds;
        const std::string who = "w" + std::to_string(j.job.worker_index) + ": ";
        if (j.rejection) g.problems.push_back(who + "result rejected: " + *j.rejection);
        else if (j.error && is_final(j.state) && !has_match(j)) g.problems.push_back(who + *j.error);
        g.updated_at = std::max(g.updated_at, j.updated_at);
    }
    if (platform != nullptr && g.run_seconds) {
        double usd = 0;
        for (const StoredJob& j : members)
            if (j.timings.run_seconds) usd += cost_so_far_usd(*platform, *j.timings.run_seconds);
        g.cost_usd = usd;
    }
    g.workers = std::move(members);
    return g;
}

} // namespace vanikeys::cloud
