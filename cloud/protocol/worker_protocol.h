// The cloud worker's wire protocol (docs/CLOUD.md, "Worker protocol"): the job the app sends,
// and the progress lines, final result and errors that `vanikeys-cli worker` writes, one JSON
// object per line. Parsing is strict: a malformed or lying reply becomes a CloudError
// (Malformed) that says what is wrong, never a crash and never a silently accepted value.
// A job never carries a private key: cloud searches are split-key (SPEC §5), so the worker
// sees only the user's public key Q and returns partials.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "cloud/transport/cloud_error.h"
#include "engine/format/format_info.h"
#include "engine/pattern/pattern.h"

namespace vanikeys::cloud {

inline constexpr int kWorkerProtocolVersion = 1;

enum class JobKind : std::uint8_t { Grind = 0, Pull = 1 };

std::string_view job_kind_name(JobKind kind);
std::optional<JobKind> parse_job_kind(std::string_view name);
// The mode names of SPEC §2 ("prefix", "suffix", "contains", "sequence").
std::string_view wire_mode_name(MatchMode mode);
std::optional<MatchMode> parse_wire_mode(std::string_view name);

struct WorkerBudget {
    std::uint64_t max_keys = 0;   // 0: no key limit
    double max_seconds = 0;       // must be > 0: every cloud job has a time (and so cost) bound

    friend bool operator==(const WorkerBudget&, const WorkerBudget&) = default;
};

struct WorkerJob {
    std::string job_id;           // the client's reference: [A-Za-z0-9_-], 1..64 characters
    JobKind kind = JobKind::Grind;
    KeyFormat format = KeyFormat::DidKey;
    std::string pattern;          // as the user typed it; the worker parses and validates it
    MatchMode mode = MatchMode::Sequence;
    bool case_sensitive = false;
    bool fuzzy = false;
    std::array<std::uint8_t, 33> split_key{};  // Q = d*G, SEC1 compressed (02/03 || x)
    WorkerBudget budget;
    std::uint64_t pull_keys = 0;  // pull: how many keys to draw (> 0); grind: 0
    double progress_interval_seconds = 5;
    std::uint32_t worker_index = 0;   // fan-out: this worker's place among worker_count
    std::uint32_t worker_count = 1;
    // A restarted worker (Modal) continues the count it had checkpointed.
    std::uint64_t resume_attempts = 0;
    double resume_seconds = 0;

    friend bool operator==(const WorkerJob&, const WorkerJob&) = default;
};

// k = sign * lambda^endo * (d + offset) (mod n): what a split-key hit returns instead of a key.
struct WirePartial {
    std::array<std::uint8_t, 32> offset{};  // t, big endian, 0 < t < n
    std::uint8_t endo = 0;                  // 0..2
    bool negate = false;

    friend bool operator==(const WirePartial&, const WirePartial&) = default;
};

struct WireHit {
    std::string address;                        // the full address the worker claims
    double score = 0;                           // in [0, 1]; 1 = exact match
    int words_matched = 0;
    std::array<std::uint8_t, 33> public_key{};  // K = sign*lambda^endo*(Q + t*G), compressed
    WirePartial partial;
    std::uint64_t attempts = 0;                 // keys tested when it was found

    friend bool operator==(const WireHit&, const WireHit&) = default;
};

struct WireDevice {
    std::string device;
    double keys_per_second = 0;

    friend bool operator==(const WireDevice&, const WireDevice&) = default;
};

struct WorkerProgress {
    std::string job_id;
    std::uint64_t attempts = 0;       // cumulative, resumed counts included
    double seconds = 0;
    double keys_per_second = 0;
    std::optional<WireHit> best;
    std::vector<WireDevice> devices;

    friend bool operator==(const WorkerProgress&, const WorkerProgress&) = default;
};

enum class WorkerStopReason : std::uint8_t { Found = 0, Budget = 1, Requested = 2 };

std::string_view stop_reason_name(WorkerStopReason reason);

struct WorkerResult {
    std::string job_id;
    WorkerStopReason reason = WorkerStopReason::Budget;
    std::uint64_t attempts = 0;
    double seconds = 0;
    double keys_per_second = 0;
    std::vector<WireHit> hits;        // every exact match, in the order found
    std::optional<WireHit> best;      // the best candidate seen (a pull's prize)
    std::vector<WireDevice> devices;

    friend bool operator==(const WorkerResult&, const WorkerResult&) = default;
};

struct WorkerError {
    std::string job_id;
    std::string code;     // "bad_input" (the job cannot run) or "runtime" (device, crash)
    std::string message;

    friend bool operator==(const WorkerError&, const WorkerError&) = default;
};

using WorkerMessage = std::variant<WorkerProgress, WorkerResult, WorkerError>;

// --- Jobs -----------------------------------------------------------------------------------

// The job as a JSON object (for the provider's request body) and as compact text.
nlohmann::json job_to_json(const WorkerJob& job);
std::string serialize_job(const WorkerJob& job);

// Checks a job before it is sent (or, in the worker, before it runs): ids, pattern size,
// budget, Q's encoding, pull/grind consistency. nullopt when it is valid.
std::optional<CloudError> validate_job(const WorkerJob& job);

// Parses and validates a job. Rejects unknown protocol versions and any field whose name
// suggests key material (private_key*, secret*, seed*, nsec, wif, mnemonic): a worker must
// refuse a job that carries a secret rather than use it.
CloudResult<WorkerJob> parse_job(const nlohmann::json& json);
CloudResult<WorkerJob> parse_job_text(std::string_view text);

// --- Worker output ----------------------------------------------------------------------------

nlohmann::json message_to_json(const WorkerMessage& message);
std::string serialize_message(const WorkerMessage& message);  // one line, no newline

// Parses one progress / result / error object with every field checked for type and range.
CloudResult<WorkerMessage> parse_message(const nlohmann::json& json);
CloudResult<WorkerMessage> parse_message_line(std::string_view line);

// Checks a final result against the job it answers: the same job id, a "found" grind with at
// least one exact hit, hits whose attempts do not exceed the total, no hits claimed exact with
// a score below 1. nullopt when it is consistent.
std::optional<CloudError> validate_result_for(const WorkerJob& job, const WorkerResult& result);

// Checks that a later progress report does not go backwards (attempts and seconds only grow).
std::optional<CloudError> validate_progress_step(const WorkerProgress& previous, const WorkerProgress& next);

// A hit's identity (its public key and partial): the same hit reported twice is one hit.
bool same_hit(const WireHit& a, const WireHit& b);

// --- Hex helpers (lower-case hex, exactly 2*N digits) -----------------------------------------

std::string to_hex(const std::uint8_t* data, std::size_t size);
template <std::size_t N>
std::string to_hex(const std::array<std::uint8_t, N>& bytes) { return to_hex(bytes.data(), N); }
bool from_hex(std::string_view hex, std::uint8_t* out, std::size_t size);

} // namespace vanikeys::cloud
