#include "cloud/store/job_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>

#include <nlohmann/json.hpp>

#include "cloud/providers/provider_support.h"
#include "cloud/store/secret_store.h"

namespace vanikeys::cloud {
namespace {

using nlohmann::json;

constexpr const char* kFileFormat = "vanikeys-cloud-jobs";
constexpr int kFileVersion = 1;

// An advisory lock on <directory>/jobs.lock for one read-modify-write, across processes.
class FileLock {
public:
    explicit FileLock(const std::filesystem::path& path) {
        fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (fd_ >= 0) ::flock(fd_, LOCK_EX);
    }
    ~FileLock() {
        if (fd_ >= 0) {
            ::flock(fd_, LOCK_UN);
            ::close(fd_);
        }
    }
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

private:
    int fd_ = -1;
};

int reason_strength(WorkerStopReason reason) {
    switch (reason) {
    case WorkerStopReason::Found: return 2;
    case WorkerStopReason::Requested: return 1;
    case WorkerStopReason::Budget: return 0;
    }
    return 0;
}

json job_entry(const StoredJob& j) {
    json e{{"provider", j.handle.provider},
           {"endpoint", j.handle.endpoint},
           {"job_id", j.handle.job_id},
           {"client_ref", j.handle.client_ref},
           {"group", j.group},
           {"secret_ref", j.secret_ref},
           {"job", job_to_json(j.job)},
           {"state", job_state_name(j.state)},
           {"collected", j.collected},
           {"submitted_at", j.submitted_at},
           {"updated_at", j.updated_at}};
    if (j.timings.queue_seconds) e["queue_seconds"] = *j.timings.queue_seconds;
    if (j.timings.run_seconds) e["run_seconds"] = *j.timings.run_seconds;
    if (j.last_progress) e["last_progress"] = message_to_json(WorkerMessage(*j.last_progress));
    if (j.result) e["result"] = message_to_json(WorkerMessage(*j.result));
    if (j.error) e["error"] = *j.error;
    if (j.rejection) e["rejection"] = *j.rejection;
    return e;
}

// Strict: any missing or mistyped field makes the whole file "damaged" (json exceptions).
CloudResult<StoredJob> parse_entry(const json& e, std::size_t index) {
    const std::string where = "job " + std::to_string(index);
    StoredJob j;
    j.handle.provider = e.at("provider").get<std::string>();
    j.handle.endpoint = e.at("endpoint").get<std::string>();
    j.handle.job_id = e.at("job_id").get<std::string>();
    j.handle.client_ref = e.at("client_ref").get<std::string>();
    j.group = e.at("group").get<std::string>();
    j.secret_ref = e.at("secret_ref").get<std::string>();
    if (!valid_provider_id(j.handle.job_id) || !valid_store_ref(j.handle.client_ref) ||
        (!j.secret_ref.empty() && !valid_store_ref(j.secret_ref)))
        return cloud_error(CloudErrorKind::Storage, where + " has an invalid id");
    CloudResult<WorkerJob> job = parse_job(e.at("job"));
    if (!job.ok()) return cloud_error(CloudErrorKind::Storage, where + ": " + job.error().message);
    j.job = std::move(job).value();
    const std::optional<JobState> state = parse_job_state(e.at("state").get<std::string>());
    if (!state) return cloud_error(CloudErrorKind::Storage, where + " has an unknown state");
    j.state = *state;
    j.collected = e.at("collected").get<bool>();
    j.submitted_at = e.at("submitted_at").get<std::int64_t>();
    j.updated_at = e.at("updated_at").get<std::int64_t>();
    if (e.contains("queue_seconds")) j.timings.queue_seconds = e["queue_seconds"].get<double>();
    if (e.contains("run_seconds")) j.timings.run_seconds = e["run_seconds"].get<double>();
    if (e.contains("last_progress")) {
        CloudResult<WorkerMessage> m = parse_message(e["last_progress"]);
        if (!m.ok() || !std::holds_alternative<WorkerProgress>(m.value()))
            return cloud_error(CloudErrorKind::Storage, where + " has a damaged progress record");
        j.last_progress = std::get<WorkerProgress>(std::move(m).value());
    }
    if (e.contains("result")) {
        CloudResult<WorkerMessage> m = parse_message(e["result"]);
        if (!m.ok() || !std::holds_alternative<WorkerResult>(m.value()))
            return cloud_error(CloudErrorKind::Storage, where + " has a damaged result");
        j.result = std::get<WorkerResult>(std::move(m).value());
    }
    if (e.contains("error")) j.error = e["error"].get<std::string>();
    if (e.contains("rejection")) j.rejection = e["rejection"].get<std::string>();
    return j;
}

} // namespace

void merge_result(WorkerResult& into, const WorkerResult& incoming) {
    for (const WireHit& hit : incoming.hits) {
        const bool known = std::any_of(into.hits.begin(), into.hits.end(), [&](const WireHit& h) { return same_hit(h, hit); });
        if (!known) into.hits.push_back(hit);
    }
    if (reason_strength(incoming.reason) > reason_strength(into.reason)) into.reason = incoming.reason;
    into.attempts = std::max(into.attempts, incoming.attempts);
    into.seconds = std::max(into.seconds, incoming.seconds);
    if (incoming.keys_per_second > 0) into.keys_per_second = incoming.keys_per_second;
    if (incoming.best && (!into.best || incoming.best->score > into.best->score)) into.best = incoming.best;
    if (!incoming.devices.empty()) into.devices = incoming.devices;
}

std::string serialize_jobs(const std::vector<StoredJob>& jobs) {
    json list = json::array();
    for (const StoredJob& j : jobs) list.push_back(job_entry(j));
    return json{{"format", kFileFormat}, {"version", kFileVersion}, {"jobs", list}}.dump(2) + "\n";
}

CloudResult<std::vector<StoredJob>> parse_jobs(const std::string& text) {
    const json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return cloud_error(CloudErrorKind::Storage, "not a JSON object");
    try {
        if (doc.at("format").get<std::string>() != kFileFormat)
            return cloud_error(CloudErrorKind::Storage, "not a VaniKeys job file");
        if (doc.at("version").get<int>() != kFileVersion)
            return cloud_error(CloudErrorKind::Storage, "written by another version of VaniKeys (format " +
                                                            std::to_string(doc.at("version").get<int>()) + ")");
        std::vector<StoredJob> jobs;
        const json& list = doc.at("jobs");
        if (!list.is_array()) return cloud_error(CloudErrorKind::Storage, "\"jobs\" is not a list");
        for (std::size_t i = 0; i < list.size(); ++i) {
            CloudResult<StoredJob> entry = parse_entry(list[i], i);
            if (!entry.ok()) return entry.error();
            jobs.push_back(std::move(entry).value());
        }
        return jobs;
    } catch (const json::exception& e) {
        return cloud_error(CloudErrorKind::Storage, std::string("a field is missing or has the wrong type (") + e.what() + ")");
    }
}

CloudResult<std::unique_ptr<JobStore>> JobStore::open(const std::filesystem::path& directory) {
    std::error_code ec;
    std::filesystem::create_directories(directory, ec);
    if (ec) return cloud_error(CloudErrorKind::Storage, "cannot create " + directory.string() + ": " + ec.message());
    ::chmod(directory.c_str(), 0700);
    std::unique_ptr<JobStore> store(new JobStore(directory));
    std::lock_guard lock(store->mutex_);
    FileLock file_lock(directory / "jobs.lock");
    const std::filesystem::path main = store->file();
    if (!std::filesystem::exists(main) && !std::filesystem::exists(directory / "jobs.json.bak")) return store;

    CloudResult<bool> loaded = store->reload_locked();
    if (loaded.ok()) return store;

    // The main file is damaged (or was lost mid-save): try the last good copy.
    const std::filesystem::path backup = directory / "jobs.json.bak";
    CloudResult<std::string> backup_text = read_whole_file(backup);
    CloudResult<std::vector<StoredJob>> backup_jobs =
        backup_text.ok() ? parse_jobs(backup_text.value()) : CloudResult<std::vector<StoredJob>>(backup_text.error());
    if (!backup_jobs.ok())
        return cloud_error(CloudErrorKind::Storage,
                           "the cloud job file " + main.string() + " is damaged (" + loaded.error().message +
                               ") and there is no usable backup; nothing was changed. Move it aside to start afresh, "
                               "or repair it: your jobs' provider ids are in it");
    std::string note = "recovered the cloud job list from " + backup.string();
    if (std::filesystem::exists(main)) {
        const std::filesystem::path aside = directory / ("jobs.json.corrupt-" + std::to_string(std::time(nullptr)));
        std::filesystem::rename(main, aside, ec);
        if (ec) return cloud_error(CloudErrorKind::Storage, "cannot move the damaged " + main.string() + " aside: " + ec.message());
        note += "; the damaged file was kept as " + aside.string() + " (" + loaded.error().message + ")";
    }
    store->jobs_ = std::move(backup_jobs).value();
    if (CloudResult<bool> saved = write_file_atomically(main, backup_text.value()); !saved.ok()) return saved.error();
    store->recovery_note_ = note;
    return store;
}

CloudResult<bool> JobStore::reload_locked() {
    const std::filesystem::path main = file();
    if (!std::filesystem::exists(main)) {
        if (std::filesystem::exists(directory_ / "jobs.json.bak"))
            return cloud_error(CloudErrorKind::Storage, "jobs.json is missing but a backup exists");
        jobs_.clear();
        return true;
    }
    CloudResult<std::string> text = read_whole_file(main);
    if (!text.ok()) return text.error();
    CloudResult<std::vector<StoredJob>> jobs = parse_jobs(text.value());
    if (!jobs.ok()) return jobs.error();
    jobs_ = std::move(jobs).value();
    return true;
}

CloudResult<bool> JobStore::save_locked() {
    const std::filesystem::path main = file();
    if (std::filesystem::exists(main)) {
        // The file was parsed a moment ago under this lock, so it is a good backup.
        CloudResult<std::string> current = read_whole_file(main);
        if (current.ok()) write_file_atomically(directory_ / "jobs.json.bak", current.value());
    }
    return write_file_atomically(main, serialize_jobs(jobs_));
}

template <class Change>
CloudResult<bool> JobStore::mutate(Change&& change) {
    std::lock_guard lock(mutex_);
    FileLock file_lock(directory_ / "jobs.lock");
    if (CloudResult<bool> loaded = reload_locked(); !loaded.ok()) {
        CloudError error = loaded.error();
        error.message = "the cloud job file " + file().string() + " cannot be read (" + error.message +
                        "); it was not changed";
        return error;
    }
    if (std::optional<CloudError> refused = change(jobs_)) return *refused;
    return save_locked();
}

CloudResult<bool> JobStore::add(const StoredJob& job) {
    if (!valid_store_ref(job.handle.client_ref))
        return cloud_error(CloudErrorKind::Config, "invalid client ref '" + job.handle.client_ref + "'");
    return mutate([&](std::vector<StoredJob>& jobs) -> std::optional<CloudError> {
        for (const StoredJob& j : jobs)
            if (j.handle.client_ref == job.handle.client_ref)
                return cloud_error(CloudErrorKind::Config, "a job named " + job.handle.client_ref + " is already stored");
        jobs.push_back(job);
        return std::nullopt;
    });
}

CloudResult<StoredJob> JobStore::apply(const std::string& client_ref, const JobUpdate& update, std::int64_t now_unix) {
    StoredJob updated;
    CloudResult<bool> saved = mutate([&](std::vector<StoredJob>& jobs) -> std::optional<CloudError> {
        auto it = std::find_if(jobs.begin(), jobs.end(), [&](const StoredJob& j) { return j.handle.client_ref == client_ref; });
        if (it == jobs.end()) return cloud_error(CloudErrorKind::Storage, "no stored job named " + client_ref);
        StoredJob& j = *it;
        if (!is_final(j.state)) j.state = update.state;
        if (update.timings.queue_seconds) j.timings.queue_seconds = update.timings.queue_seconds;
        if (update.timings.run_seconds) j.timings.run_seconds = update.timings.run_seconds;
        if (!update.progress.empty() &&
            (!j.last_progress || update.progress.back().attempts >= j.last_progress->attempts))
            j.last_progress = update.progress.back();
        if (update.result) {
            if (j.result) merge_result(*j.result, *update.result);
            else j.result = update.result;
        }
        if (update.error) j.error = update.error;
        if (update.rejection) j.rejection = update.rejection;
        j.updated_at = now_unix;
        updated = j;
        return std::nullopt;
    });
    if (!saved.ok()) return saved.error();
    return updated;
}

CloudResult<bool> JobStore::mark_collected(const std::string& client_ref) {
    return mutate([&](std::vector<StoredJob>& jobs) -> std::optional<CloudError> {
        for (StoredJob& j : jobs)
            if (j.handle.client_ref == client_ref) {
                j.collected = true;
                return std::nullopt;
            }
        return cloud_error(CloudErrorKind::Storage, "no stored job named " + client_ref);
    });
}

CloudResult<bool> JobStore::remove(const std::string& client_ref) {
    return mutate([&](std::vector<StoredJob>& jobs) -> std::optional<CloudError> {
        const auto before = jobs.size();
        std::erase_if(jobs, [&](const StoredJob& j) { return j.handle.client_ref == client_ref; });
        if (jobs.size() == before) return cloud_error(CloudErrorKind::Storage, "no stored job named " + client_ref);
        return std::nullopt;
    });
}

CloudResult<bool> JobStore::refresh() {
    std::lock_guard lock(mutex_);
    FileLock file_lock(directory_ / "jobs.lock");
    return reload_locked();
}

std::vector<StoredJob> JobStore::list() const {
    std::lock_guard lock(mutex_);
    return jobs_;
}

std::vector<StoredJob> JobStore::pending() const {
    std::lock_guard lock(mutex_);
    std::vector<StoredJob> out;
    for (const StoredJob& j : jobs_)
        if (!is_final(j.state) || (j.state == JobState::Completed && j.result && !j.collected)) out.push_back(j);
    return out;
}

std::optional<StoredJob> JobStore::find(const std::string& client_ref) const {
    std::lock_guard lock(mutex_);
    for (const StoredJob& j : jobs_)
        if (j.handle.client_ref == client_ref) return j;
    return std::nullopt;
}

} // namespace vanikeys::cloud
