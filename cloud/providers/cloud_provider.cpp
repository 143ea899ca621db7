#include "cloud/providers/cloud_provider.h"

namespace vanikeys::cloud {

std::string_view job_state_name(JobState state) {
    switch (state) {
    case JobState::Queued: return "IN_QUEUE";
    case JobState::Running: return "IN_PROGRESS";
    case JobState::Completed: return "COMPLETED";
    case JobState::Failed: return "FAILED";
    case JobState::Cancelled: return "CANCELLED";
    case JobState::TimedOut: return "TIMED_OUT";
    }
    return "FAILED";
}

std::optional<JobState> parse_job_state(std::string_view name) {
    for (JobState s : {JobState::Queued, JobState::Running, JobState::Completed, JobState::Failed,
                       JobState::Cancelled, JobState::TimedOut})
        if (job_state_name(s) == name) return s;
    return std::nullopt;
}

bool is_final(JobState state) { return state != JobState::Queued && state != JobState::Running; }

} // namespace vanikeys::cloud
