// JobStore: every submitted cloud job, kept in <directory>/jobs.json so that after a restart the
// app (or `vanikeys-cli cloud status`) finds its jobs again, polls them and collects results.
// Writes are atomic (temp + fsync + rename), the file is 0600, and each change re-reads the file
// under an advisory lock, so the app and the CLI can share it. Results merge idempotently: the
// same hit reported twice is kept once. A damaged file is never overwritten: the store falls
// back to the last good copy (jobs.json.bak) and keeps the damaged one aside, or refuses to open.
// The split-key secret is not in this file; it goes to a SecretStore under `secret_ref`.
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cloud/protocol/worker_protocol.h"
#include "cloud/providers/cloud_provider.h"

namespace vanikeys::cloud {

struct StoredJob {
    JobHandle handle;            // provider, endpoint, provider's job id, client_ref (the key)
    WorkerJob job;               // what was sent (pattern, Q, budget); never a secret
    std::string group;           // fan-out group ("" for a single job)
    std::string secret_ref;      // the SecretStore name of d (shared by a group's workers)
    JobState state = JobState::Queued;
    JobTimings timings;
    std::optional<WorkerProgress> last_progress;
    std::optional<WorkerResult> result;    // checked results only, merged across reports
    std::optional<std::string> error;
    std::optional<std::string> rejection;  // a returned result that failed the checks
    bool collected = false;      // its result was rebuilt from d and verified (CloudSession)
    std::int64_t submitted_at = 0;   // Unix seconds
    std::int64_t updated_at = 0;

    friend bool operator==(const StoredJob&, const StoredJob&) = default;
};

class JobStore {
public:
    // Opens (creating when missing, mode 0700) the store in `directory`. When jobs.json is
    // damaged but jobs.json.bak is good, loads the backup, moves the damaged file to
    // jobs.json.corrupt-<unix time> and reports that in recovery_note(). When neither can be
    // read, fails with a Storage error and touches nothing.
    static CloudResult<std::unique_ptr<JobStore>> open(const std::filesystem::path& directory);

    // Records a new job (its client_ref must be new).
    CloudResult<bool> add(const StoredJob& job);
    // Applies what a poll revealed: state (a final state is never left again), timings, the
    // latest progress, the result (hits merged without duplicates), error and rejection.
    CloudResult<StoredJob> apply(const std::string& client_ref, const JobUpdate& update, std::int64_t now_unix);
    CloudResult<bool> mark_collected(const std::string& client_ref);
    CloudResult<bool> remove(const std::string& client_ref);

    // Re-reads the file (another process may have changed it).
    CloudResult<bool> refresh();

    [[nodiscard]] std::vector<StoredJob> list() const;
    // Jobs that still need polling: not in a final state, or final with a result not yet
    // collected by the app.
    [[nodiscard]] std::vector<StoredJob> pending() const;
    [[nodiscard]] std::optional<StoredJob> find(const std::string& client_ref) const;

    [[nodiscard]] const std::optional<std::string>& recovery_note() const { return recovery_note_; }
    [[nodiscard]] std::filesystem::path file() const { return directory_ / "jobs.json"; }

private:
    explicit JobStore(std::filesystem::path directory) : directory_(std::move(directory)) {}
    template <class Change>
    CloudResult<bool> mutate(Change&& change);
    CloudResult<bool> reload_locked();
    CloudResult<bool> save_locked();

    std::filesystem::path directory_;
    mutable std::mutex mutex_;
    std::vector<StoredJob> jobs_;
    std::optional<std::string> recovery_note_;
};

// Merges `incoming` into `into` (same job): hits by identity (public key + partial), the
// larger counts, the stronger reason (found > requested > budget), the better best candidate.
void merge_result(WorkerResult& into, const WorkerResult& incoming);

// The store file's text for `jobs`, and back. Parsing is strict (a damaged file is an error).
std::string serialize_jobs(const std::vector<StoredJob>& jobs);
CloudResult<std::vector<StoredJob>> parse_jobs(const std::string& text);

} // namespace vanikeys::cloud
