#include "cloud/protocol/worker_protocol.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

namespace vanikeys::cloud {
namespace {

using nlohmann::json;

// The group order n of secp256k1, big endian: offsets must lie in (0, n).
constexpr std::array<std::uint8_t, 32> kOrderN = {
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
    0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48, 0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x41};

constexpr std::size_t kMaxIdLength = 64;
constexpr std::size_t kMaxPatternLength = 256;
constexpr std::size_t kMaxAddressLength = 128;
constexpr std::size_t kMaxTextLength = 4096;
constexpr std::size_t kMaxHits = 10'000;
constexpr std::size_t kMaxDevices = 64;

CloudError malformed(std::string message) { return cloud_error(CloudErrorKind::Malformed, std::move(message)); }

bool valid_id(std::string_view id) {
    if (id.empty() || id.size() > kMaxIdLength) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    });
}

bool printable_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
}

bool offset_in_range(const std::array<std::uint8_t, 32>& t) {
    if (std::all_of(t.begin(), t.end(), [](std::uint8_t b) { return b == 0; })) return false;
    return std::lexicographical_compare(t.begin(), t.end(), kOrderN.begin(), kOrderN.end());
}

bool valid_compressed_key_prefix(const std::array<std::uint8_t, 33>& key) { return key[0] == 0x02 || key[0] == 0x03; }

// Reads the fields of one JSON object, naming the field's path in every complaint. The first
// problem is kept; later reads are skipped once one failed.
class FieldReader {
public:
    FieldReader(const json& object, std::string path) : object_(object), path_(std::move(path)) {
        if (!object_.is_object()) fail(path_ + " must be a JSON object");
    }

    [[nodiscard]] bool ok() const { return !error_; }
    [[nodiscard]] CloudError error() const { return *error_; }
    void fail(std::string message) {
        if (!error_) error_ = malformed(std::move(message));
    }
    [[nodiscard]] bool has(const char* key) const { return ok() && object_.contains(key) && !object_[key].is_null(); }
    [[nodiscard]] std::string where(const char* key) const { return path_ + "." + key; }

    std::string text(const char* key, std::size_t max_length, bool required = true) {
        if (!has(key)) {
            if (required) fail(where(key) + " is missing");
            return {};
        }
        const json& v = object_[key];
        if (!v.is_string()) {
            fail(where(key) + " must be a string");
            return {};
        }
        std::string s = v.get<std::string>();
        if (s.size() > max_length) fail(where(key) + " is longer than " + std::to_string(max_length) + " characters");
        else if (!printable_ascii(s)) fail(where(key) + " holds characters other than printable ASCII");
        return s;
    }

    std::uint64_t count(const char* key, bool required = true) {
        if (!has(key)) {
            if (required) fail(where(key) + " is missing");
            return 0;
        }
        const json& v = object_[key];
        if (v.is_number_unsigned()) return v.get<std::uint64_t>();
        if (v.is_number_integer() && v.get<std::int64_t>() >= 0) return static_cast<std::uint64_t>(v.get<std::int64_t>());
        fail(where(key) + " must be a non-negative integer");
        return 0;
    }

    double number(const char* key, double min, double max, bool required = true) {
        if (!has(key)) {
            if (required) fail(where(key) + " is missing");
            return min;
        }
        const json& v = object_[key];
        if (!v.is_number()) {
            fail(where(key) + " must be a number");
            return min;
        }
        const double d = v.get<double>();
        if (!std::isfinite(d) || d < min || d > max) {
            fail(where(key) + " is out of range (" + v.dump() + ")");
            return min;
        }
        return d;
    }

    bool flag(const char* key, bool required = true, bool fallback = false) {
        if (!has(key)) {
            if (required) fail(where(key) + " is missing");
            return fallback;
        }
        const json& v = object_[key];
        if (!v.is_boolean()) {
            fail(where(key) + " must be true or false");
            return fallback;
        }
        return v.get<bool>();
    }

    template <std::size_t N>
    std::array<std::uint8_t, N> hex_bytes(const char* key) {
        std::array<std::uint8_t, N> out{};
        const std::string s = text(key, 2 * N);
        if (ok() && !from_hex(s, out.data(), N))
            fail(where(key) + " must be exactly " + std::to_string(2 * N) + " hex digits");
        return out;
    }

    const json* child(const char* key, bool required = true) {
        if (!has(key)) {
            if (required) fail(where(key) + " is missing");
            return nullptr;
        }
        return &object_[key];
    }

private:
    const json& object_;
    std::string path_;
    std::optional<CloudError> error_;
};

json hit_to_json(const WireHit& hit) {
    return json{{"address", hit.address},
                {"score", hit.score},
                {"words_matched", hit.words_matched},
                {"public_key_hex", to_hex(hit.public_key)},
                {"partial",
                 {{"offset_hex", to_hex(hit.partial.offset)}, {"endo", hit.partial.endo}, {"negate", hit.partial.negate}}},
                {"attempts", hit.attempts}};
}

json devices_to_json(const std::vector<WireDevice>& devices) {
    json out = json::array();
    for (const WireDevice& d : devices) out.push_back({{"device", d.device}, {"keys_per_second", d.keys_per_second}});
    return out;
}

CloudResult<WireHit> parse_hit(const json& object, const std::string& path) {
    FieldReader r(object, path);
    WireHit hit;
    hit.address = r.text("address", kMaxAddressLength);
    if (r.ok() && hit.address.empty()) r.fail(r.where("address") + " is empty");
    hit.score = r.number("score", 0.0, 1.0);
    hit.words_matched = static_cast<int>(r.number("words_matched", 0, 1000, false));
    hit.public_key = r.hex_bytes<33>("public_key_hex");
    if (r.ok() && !valid_compressed_key_prefix(hit.public_key))
        r.fail(r.where("public_key_hex") + " is not a compressed public key (must start with 02 or 03)");
    hit.attempts = r.count("attempts", false);
    if (const json* partial = r.child("partial")) {
        FieldReader p(*partial, path + ".partial");
        hit.partial.offset = p.hex_bytes<32>("offset_hex");
        if (p.ok() && !offset_in_range(hit.partial.offset))
            p.fail(path + ".partial.offset_hex is not a scalar in 1..n-1");
        const std::uint64_t endo = p.count("endo");
        if (p.ok() && endo > 2) p.fail(path + ".partial.endo must be 0, 1 or 2");
        hit.partial.endo = static_cast<std::uint8_t>(endo);
        hit.partial.negate = p.flag("negate");
        if (!p.ok()) return p.error();
    }
    if (!r.ok()) return r.error();
    return hit;
}

std::optional<CloudError> parse_devices(FieldReader& r, const char* key, const std::string& path,
                                        std::vector<WireDevice>& out) {
    const json* list = r.child(key, false);
    if (list == nullptr) return std::nullopt;
    if (!list->is_array() || list->size() > kMaxDevices)
        return malformed(path + "." + key + " must be a list of at most " + std::to_string(kMaxDevices) + " devices");
    for (std::size_t i = 0; i < list->size(); ++i) {
        FieldReader d((*list)[i], path + "." + key + "[" + std::to_string(i) + "]");
        WireDevice device;
        device.device = d.text("device", 256);
        device.keys_per_second = d.number("keys_per_second", 0, 1e15);
        if (!d.ok()) return d.error();
        out.push_back(std::move(device));
    }
    return std::nullopt;
}

std::optional<CloudError> parse_optional_hit(FieldReader& r, const char* key, const std::string& path,
                                             std::optional<WireHit>& out) {
    const json* object = r.child(key, false);
    if (object == nullptr) return std::nullopt;
    CloudResult<WireHit> hit = parse_hit(*object, path + "." + key);
    if (!hit.ok()) return hit.error();
    out = std::move(hit).value();
    return std::nullopt;
}

bool looks_like_key_material(std::string name) {
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const char* word : {"private", "secret", "seed", "nsec", "wif", "mnemonic", "xprv"})
        if (name.find(word) != std::string::npos) return true;
    return false;
}

std::optional<std::string> find_key_material_field(const json& value, const std::string& path) {
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (looks_like_key_material(it.key())) return path + "." + it.key();
            if (std::optional<std::string> nested = find_key_material_field(it.value(), path + "." + it.key()))
                return nested;
        }
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i)
            if (std::optional<std::string> nested = find_key_material_field(value[i], path + "[" + std::to_string(i) + "]"))
                return nested;
    }
    return std::nullopt;
}

} // namespace

std::string_view job_kind_name(JobKind kind) { return kind == JobKind::Pull ? "pull" : "grind"; }

std::optional<JobKind> parse_job_kind(std::string_view name) {
    if (name == "grind") return JobKind::Grind;
    if (name == "pull") return JobKind::Pull;
    return std::nullopt;
}

std::string_view wire_mode_name(MatchMode mode) {
    switch (mode) {
    case MatchMode::Prefix: return "prefix";
    case MatchMode::Suffix: return "suffix";
    case MatchMode::Contains: return "contains";
    case MatchMode::Sequence: return "sequence";
    }
    return "sequence";
}

std::optional<MatchMode> parse_wire_mode(std::string_view name) {
    for (MatchMode mode : {MatchMode::Prefix, MatchMode::Suffix, MatchMode::Contains, MatchMode::Sequence})
        if (wire_mode_name(mode) == name) return mode;
    return std::nullopt;
}

std::string_view stop_reason_name(WorkerStopReason reason) {
    switch (reason) {
    case WorkerStopReason::Found: return "found";
    case WorkerStopReason::Budget: return "budget";
    case WorkerStopReason::Requested: return "requested";
    }
    return "budget";
}

std::string to_hex(const std::uint8_t* data, std::size_t size) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out(2 * size, '0');
    for (std::size_t i = 0; i < size; ++i) {
        out[2 * i] = kDigits[data[i] >> 4];
        out[2 * i + 1] = kDigits[data[i] & 0x0f];
    }
    return out;
}

bool from_hex(std::string_view hex, std::uint8_t* out, std::size_t size) {
    if (hex.size() != 2 * size) return false;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < size; ++i) {
        const int hi = nibble(hex[2 * i]);
        const int lo = nibble(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return false;
        out[i] = static_cast<std::uint8_t>(hi << 4 | lo);
    }
    return true;
}

// --- Jobs -----------------------------------------------------------------------------------

json job_to_json(const WorkerJob& job) {
    json j{{"protocol", kWorkerProtocolVersion},
           {"job_id", job.job_id},
           {"kind", job_kind_name(job.kind)},
           {"format", format_info(job.format).name},
           {"pattern", job.pattern},
           {"mode", wire_mode_name(job.mode)},
           {"case_sensitive", job.case_sensitive},
           {"fuzzy", job.fuzzy},
           {"split_key", {{"public_key_hex", to_hex(job.split_key)}}},
           {"budget", {{"max_keys", job.budget.max_keys}, {"max_seconds", job.budget.max_seconds}}},
           {"progress_interval_seconds", job.progress_interval_seconds},
           {"worker_index", job.worker_index},
           {"worker_count", job.worker_count}};
    if (job.kind == JobKind::Pull) j["pull_keys"] = job.pull_keys;
    if (job.resume_attempts > 0 || job.resume_seconds > 0)
        j["resume"] = {{"attempts", job.resume_attempts}, {"seconds", job.resume_seconds}};
    return j;
}

std::string serialize_job(const WorkerJob& job) { return job_to_json(job).dump(); }

std::optional<CloudError> validate_job(const WorkerJob& job) {
    if (!valid_id(job.job_id))
        return malformed("job.job_id must be 1..64 characters of letters, digits, '-' and '_'");
    if (job.pattern.empty() || job.pattern.size() > kMaxPatternLength || !printable_ascii(job.pattern))
        return malformed("job.pattern must be 1..256 printable ASCII characters");
    if (!valid_compressed_key_prefix(job.split_key))
        return malformed("job.split_key.public_key_hex must be a compressed public key (02 or 03 followed by x)");
    if (!(job.budget.max_seconds > 0) || !std::isfinite(job.budget.max_seconds) || job.budget.max_seconds > 7 * 86400.0)
        return malformed("job.budget.max_seconds must be more than 0 and at most a week: every cloud job needs a "
                         "time limit, which bounds its cost");
    if (job.kind == JobKind::Pull && job.pull_keys == 0) return malformed("job.pull_keys must be more than 0 for a pull");
    if (job.kind == JobKind::Grind && job.pull_keys != 0) return malformed("job.pull_keys is only for pulls");
    if (!(job.progress_interval_seconds >= 0.1) || !(job.progress_interval_seconds <= 600))
        return malformed("job.progress_interval_seconds must lie between 0.1 and 600");
    if (job.worker_count == 0 || job.worker_index >= job.worker_count || job.worker_count > 1024)
        return malformed("job.worker_index must be below job.worker_count (1..1024)");
    if (!std::isfinite(job.resume_seconds) || job.resume_seconds < 0) return malformed("job.resume.seconds must be >= 0");
    return std::nullopt;
}

CloudResult<WorkerJob> parse_job(const json& object) {
    if (std::optional<std::string> field = find_key_material_field(object, "job"))
        return malformed("refusing a job with a field named like key material (" + *field +
                         "): cloud jobs are split-key and never carry a private key");
    FieldReader r(object, "job");
    WorkerJob job;
    const std::uint64_t version = r.count("protocol");
    if (r.ok() && version != static_cast<std::uint64_t>(kWorkerProtocolVersion))
        r.fail("job.protocol " + std::to_string(version) + " is not supported (this worker speaks " +
               std::to_string(kWorkerProtocolVersion) + ")");
    job.job_id = r.text("job_id", kMaxIdLength);
    const std::string kind = r.text("kind", 16);
    if (r.ok()) {
        if (std::optional<JobKind> k = parse_job_kind(kind)) job.kind = *k;
        else r.fail("job.kind must be \"grind\" or \"pull\"");
    }
    const std::string format = r.text("format", 16);
    if (r.ok()) {
        if (std::optional<KeyFormat> f = parse_format_name(format)) job.format = *f;
        else r.fail("job.format '" + format + "' is not one of didkey, p2pkh, eth, npub");
    }
    job.pattern = r.text("pattern", kMaxPatternLength);
    const std::string mode = r.text("mode", 16);
    if (r.ok()) {
        if (std::optional<MatchMode> m = parse_wire_mode(mode)) job.mode = *m;
        else r.fail("job.mode '" + mode + "' is not one of prefix, suffix, contains, sequence");
    }
    job.case_sensitive = r.flag("case_sensitive", false);
    job.fuzzy = r.flag("fuzzy", false);
    if (const json* split = r.child("split_key")) {
        FieldReader s(*split, "job.split_key");
        job.split_key = s.hex_bytes<33>("public_key_hex");
        if (!s.ok()) return s.error();
    }
    if (const json* budget = r.child("budget")) {
        FieldReader b(*budget, "job.budget");
        job.budget.max_keys = b.count("max_keys", false);
        job.budget.max_seconds = b.number("max_seconds", 0, 1e9);
        if (!b.ok()) return b.error();
    }
    job.pull_keys = r.count("pull_keys", false);
    job.progress_interval_seconds = r.number("progress_interval_seconds", 0, 1e9, false);
    if (!r.has("progress_interval_seconds")) job.progress_interval_seconds = 5;
    job.worker_index = static_cast<std::uint32_t>(std::min<std::uint64_t>(r.count("worker_index", false), 1u << 20));
    job.worker_count = r.has("worker_count")
                           ? static_cast<std::uint32_t>(std::min<std::uint64_t>(r.count("worker_count"), 1u << 20))
                           : 1;
    if (const json* resume = r.child("resume", false)) {
        FieldReader s(*resume, "job.resume");
        job.resume_attempts = s.count("attempts");
        job.resume_seconds = s.number("seconds", 0, 1e12);
        if (!s.ok()) return s.error();
    }
    if (!r.ok()) return r.error();
    if (std::optional<CloudError> invalid = validate_job(job)) return *invalid;
    return job;
}

CloudResult<WorkerJob> parse_job_text(std::string_view text) {
    json object = json::parse(text, nullptr, false);
    if (object.is_discarded()) return malformed("the job is not valid JSON");
    return parse_job(object);
}

// --- Worker output ----------------------------------------------------------------------------

json message_to_json(const WorkerMessage& message) {
    if (const auto* p = std::get_if<WorkerProgress>(&message)) {
        json j{{"type", "progress"},
               {"job_id", p->job_id},
               {"attempts", p->attempts},
               {"seconds", p->seconds},
               {"keys_per_second", p->keys_per_second},
               {"devices", devices_to_json(p->devices)}};
        if (p->best) j["best"] = hit_to_json(*p->best);
        return j;
    }
    if (const auto* r = std::get_if<WorkerResult>(&message)) {
        json hits = json::array();
        for (const WireHit& h : r->hits) hits.push_back(hit_to_json(h));
        json j{{"type", "result"},
               {"job_id", r->job_id},
               {"reason", stop_reason_name(r->reason)},
               {"attempts", r->attempts},
               {"seconds", r->seconds},
               {"keys_per_second", r->keys_per_second},
               {"hits", hits},
               {"devices", devices_to_json(r->devices)}};
        if (r->best) j["best"] = hit_to_json(*r->best);
        return j;
    }
    const auto& e = std::get<WorkerError>(message);
    return json{{"type", "error"}, {"job_id", e.job_id}, {"code", e.code}, {"message", e.message}};
}

std::string serialize_message(const WorkerMessage& message) { return message_to_json(message).dump(); }

CloudResult<WorkerMessage> parse_message(const json& object) {
    FieldReader r(object, "message");
    const std::string type = r.text("type", 16);
    if (!r.ok()) return r.error();
    if (type == "progress") {
        FieldReader p(object, "progress");
        WorkerProgress progress;
        progress.job_id = p.text("job_id", kMaxIdLength);
        progress.attempts = p.count("attempts");
        progress.seconds = p.number("seconds", 0, 1e12);
        progress.keys_per_second = p.number("keys_per_second", 0, 1e15);
        if (!p.ok()) return p.error();
        if (std::optional<CloudError> e = parse_optional_hit(p, "best", "progress", progress.best)) return *e;
        if (std::optional<CloudError> e = parse_devices(p, "devices", "progress", progress.devices)) return *e;
        return WorkerMessage(std::move(progress));
    }
    if (type == "result") {
        FieldReader p(object, "result");
        WorkerResult result;
        result.job_id = p.text("job_id", kMaxIdLength);
        const std::string reason = p.text("reason", 16);
        if (p.ok()) {
            if (reason == "found") result.reason = WorkerStopReason::Found;
            else if (reason == "budget") result.reason = WorkerStopReason::Budget;
            else if (reason == "requested") result.reason = WorkerStopReason::Requested;
            else p.fail("result.reason must be found, budget or requested");
        }
        result.attempts = p.count("attempts");
        result.seconds = p.number("seconds", 0, 1e12);
        result.keys_per_second = p.number("keys_per_second", 0, 1e15);
        const json* hits = p.child("hits");
        if (!p.ok()) return p.error();
        if (!hits->is_array() || hits->size() > kMaxHits)
            return malformed("result.hits must be a list of at most " + std::to_string(kMaxHits) + " hits");
        for (std::size_t i = 0; i < hits->size(); ++i) {
            CloudResult<WireHit> hit = parse_hit((*hits)[i], "result.hits[" + std::to_string(i) + "]");
            if (!hit.ok()) return hit.error();
            result.hits.push_back(std::move(hit).value());
        }
        if (std::optional<CloudError> e = parse_optional_hit(p, "best", "result", result.best)) return *e;
        if (std::optional<CloudError> e = parse_devices(p, "devices", "result", result.devices)) return *e;
        return WorkerMessage(std::move(result));
    }
    if (type == "error") {
        FieldReader p(object, "error");
        WorkerError error;
        error.job_id = p.text("job_id", kMaxIdLength, false);
        error.code = p.text("code", 32);
        error.message = p.text("message", kMaxTextLength);
        if (!p.ok()) return p.error();
        if (error.code != "bad_input" && error.code != "runtime")
            return malformed("error.code must be bad_input or runtime");
        return WorkerMessage(std::move(error));
    }
    return malformed("unknown message type '" + type + "' (expected progress, result or error)");
}

CloudResult<WorkerMessage> parse_message_line(std::string_view line) {
    json object = json::parse(line, nullptr, false);
    if (object.is_discarded()) return malformed("a worker line is not valid JSON");
    return parse_message(object);
}

std::optional<CloudError> validate_result_for(const WorkerJob& job, const WorkerResult& result) {
    if (result.job_id != job.job_id)
        return malformed("the result answers job '" + result.job_id + "', not '" + job.job_id + "'");
    if (job.kind == JobKind::Grind && result.reason == WorkerStopReason::Found && result.hits.empty())
        return malformed("the worker says it found a match but returned no hit");
    for (std::size_t i = 0; i < result.hits.size(); ++i) {
        const WireHit& hit = result.hits[i];
        if (hit.score < 1.0)
            return malformed("result.hits[" + std::to_string(i) + "] is listed as an exact match with score " +
                             std::to_string(hit.score));
        if (hit.attempts > result.attempts)
            return malformed("result.hits[" + std::to_string(i) + "] was found after more attempts than the total");
    }
    if (job.budget.max_keys > 0 && result.attempts > job.budget.max_keys + job.budget.max_keys / 10 + 1'000'000'000ull)
        return malformed("the worker reports far more attempts than the job's budget allowed");
    return std::nullopt;
}

bool same_hit(const WireHit& a, const WireHit& b) { return a.public_key == b.public_key && a.partial == b.partial; }

std::optional<CloudError> validate_progress_step(const WorkerProgress& previous, const WorkerProgress& next) {
    if (next.job_id != previous.job_id) return malformed("progress for job '" + next.job_id + "' in the stream of '" + previous.job_id + "'");
    if (next.attempts < previous.attempts) return malformed("the worker's attempt count went backwards");
    if (next.seconds + 1e-9 < previous.seconds) return malformed("the worker's clock went backwards");
    return std::nullopt;
}

} // namespace vanikeys::cloud
