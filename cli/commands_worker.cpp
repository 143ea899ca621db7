// `vanikeys-cli worker`: what every cloud worker runs (docs/CLOUD.md §2). It reads one job, searches
// with the local engine (the GPU when the image has one) knowing only the user's public key Q, and
// writes progress lines and exactly one result or error as JSON lines on stdout.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>

#include "cli/command.h"
#include "cli/search_runner.h"
#include "cloud/protocol/worker_protocol.h"

namespace vanikeys::cli {
namespace {

using namespace vanikeys::cloud;

constexpr std::size_t kMaxJobBytes = 1u << 20;
// An easy pattern can match hundreds of keys in the group in flight when the first hit turns
// up; the client rebuilds and checks every hit it gets, so a result carries the first few.
constexpr std::size_t kMaxReportedHits = 16;

// Protocol lines go to stdout whole, one at a time: progress comes from an engine thread.
class LineWriter {
public:
    explicit LineWriter(std::ostream& out) : out_(out) {}
    void write(const WorkerMessage& message) {
        const std::string line = serialize_message(message);
        std::lock_guard lock(mutex_);
        out_ << line << '\n' << std::flush;
    }

private:
    std::ostream& out_;
    std::mutex mutex_;
};

Result<std::string> read_job_text(const ParsedArguments& args) {
    std::string text;
    if (auto path = args.value("job")) {
        std::ifstream in(*path, std::ios::binary);
        if (!in) return bad_input("cannot read the job file " + *path);
        text.assign(std::istreambuf_iterator<char>(in), {});
    } else {
        text.assign(std::istreambuf_iterator<char>(std::cin), {});
    }
    if (text.size() > kMaxJobBytes) return bad_input("the job is larger than 1 MiB");
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        return bad_input("no job: give one on stdin or with --job FILE");
    return text;
}

// The job id of a job that failed to parse, when one can be read, for its error line.
std::string job_id_of(const std::string& text) {
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_object() && j.contains("job_id") && j["job_id"].is_string()) {
        std::string id = j["job_id"].get<std::string>();
        if (id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
            }))
            return id;
    }
    return {};
}

// What the engine should search for this job, with the counts of an earlier run (`resume`)
// already taken off the budget: the job's budget is for the whole job, however often it restarts.
struct PreparedJob {
    SearchSpec spec;
    bool budget_spent = false;  // nothing left to search: report the resumed counts as they are
};

Result<PreparedJob> prepare_job(const WorkerJob& job, const ParsedArguments& args) {
    // The parser insists on Q; this makes sure it is a point, so no job can run without one.
    std::optional<PublicKey> q = libsecp_parse_public_key(job.split_key.data(), job.split_key.size());
    if (!q) return bad_input("job.split_key.public_key_hex is not a point on secp256k1");
    auto pattern = parse_pattern(job.pattern, job.format, {job.mode, job.case_sensitive, job.fuzzy});
    if (!pattern) return pattern.error();
    if (auto estimate = estimate_for_search(*pattern); !estimate) return estimate.error();
    auto threads = args.integer("threads", 0, 0, 4096);
    if (!threads) return threads.error();

    PreparedJob p;
    p.spec.pattern = std::move(pattern.value());
    p.spec.split_key = *q;
    p.spec.stop_at_first_hit = job.kind == JobKind::Grind;
    p.spec.cpu_threads = static_cast<int>(*threads);
    std::uint64_t keys = job.budget.max_keys;
    if (job.kind == JobKind::Pull) keys = keys == 0 ? job.pull_keys : std::min(keys, job.pull_keys);
    if (keys > 0) {
        p.budget_spent = job.resume_attempts >= keys;
        p.spec.max_keys = p.budget_spent ? 0 : keys - job.resume_attempts;
    }
    p.spec.max_seconds = job.budget.max_seconds - job.resume_seconds;
    if (!(p.spec.max_seconds > 0)) p.budget_spent = true;
    return p;
}

// Engine hits and counts in the wire's terms, shifted by the resumed counts.
struct WireConverter {
    const WorkerJob& job;

    [[nodiscard]] WireHit hit(const SearchHit& h) const {
        WireHit w;
        w.address = h.address;
        w.score = h.match.score;
        w.words_matched = h.match.words_matched;
        w.public_key = h.public_key.compressed;
        if (h.partial) w.partial = WirePartial{h.partial->offset, h.partial->endo, h.partial->negate};
        w.attempts = h.attempts + job.resume_attempts;
        return w;
    }
    [[nodiscard]] static std::vector<WireDevice> devices(const std::vector<DeviceRate>& rates) {
        std::vector<WireDevice> out;
        for (const DeviceRate& d : rates) out.push_back({d.device, d.keys_per_second});
        return out;
    }
    [[nodiscard]] WorkerProgress progress(const SearchProgress& p) const {
        WorkerProgress w;
        w.job_id = job.job_id;
        w.attempts = p.attempts + job.resume_attempts;
        w.seconds = p.seconds + job.resume_seconds;
        w.keys_per_second = p.keys_per_second;
        if (p.best) w.best = hit(*p.best);
        w.devices = devices(p.devices);
        return w;
    }
    [[nodiscard]] WorkerResult result(const SearchSummary& s) const {
        WorkerResult r;
        r.job_id = job.job_id;
        r.reason = s.reason == StopReason::Found       ? WorkerStopReason::Found
                   : s.reason == StopReason::Requested ? WorkerStopReason::Requested
                                                       : WorkerStopReason::Budget;
        r.attempts = s.attempts + job.resume_attempts;
        r.seconds = s.seconds + job.resume_seconds;
        r.keys_per_second = s.keys_per_second;
        for (std::size_t i = 0; i < s.hits.size() && i < kMaxReportedHits; ++i) r.hits.push_back(hit(s.hits[i]));
        if (s.best) r.best = hit(*s.best);
        // A hit is counted when its group is; the total is read a moment later and never
        // smaller, but the protocol requires it outright, so hold it to that.
        for (const WireHit& h : r.hits) r.attempts = std::max(r.attempts, h.attempts);
        r.devices = devices(s.devices);
        return r;
    }
};

int report_error(const CommandContext& ctx, LineWriter& lines, const std::string& job_id, const Error& error) {
    lines.write(WorkerError{job_id, error.code == kExitBadInput ? "bad_input" : "runtime", error.message});
    ctx.err << "vanikeys-cli worker: " << error.message << "\n";
    return error.code == kExitBadInput ? kExitBadInput : kExitRuntime;
}

int run_worker(CommandContext& ctx) {
    LineWriter lines(ctx.out);
    auto text = read_job_text(ctx.args);
    if (!text) return report_error(ctx, lines, "", text.error());
    CloudResult<WorkerJob> parsed = parse_job_text(*text);
    if (!parsed) return report_error(ctx, lines, job_id_of(*text), bad_input(parsed.error().message));
    const WorkerJob& job = *parsed;
    auto prepared = prepare_job(job, ctx.args);
    if (!prepared) return report_error(ctx, lines, job.job_id, prepared.error());
    auto engine = engine_from_arguments(ctx.args);
    if (!engine) return report_error(ctx, lines, job.job_id, engine.error());

    const WireConverter wire{job};
    if (prepared->budget_spent) {
        lines.write(wire.result(SearchSummary{}));
        return kExitNoMatch;
    }
    using Clock = std::chrono::steady_clock;
    const auto interval = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(job.progress_interval_seconds));
    auto next_line = Clock::now() + interval;
    auto selection = make_search_engine(*engine);
    if (!selection) return report_error(ctx, lines, job.job_id, selection.error());
    ctx.err << "vanikeys-cli worker: " << selection->note << "\n";
    SearchRunOptions options{*engine, false, nullptr, nullptr};
    auto run = run_search_on(ctx, *selection->engine, prepared->spec, options, [&](const SearchProgress& p) {
        const auto now = Clock::now();
        if (now < next_line) return;
        next_line = now + interval;
        lines.write(wire.progress(p));
    });
    if (!run) return report_error(ctx, lines, job.job_id, run.error());
    const SearchSummary& summary = run->summary;
    lines.write(wire.result(summary));
    return summary.hits.empty() ? kExitNoMatch : kExitOk;
}

} // namespace

std::vector<Command> worker_commands() {
    return {
        {"worker", "run one cloud job (what the RunPod and Modal workers run)", "worker [--job FILE]",
         "Reads one job (JSON, docs/CLOUD.md) from FILE or stdin and searches for it with the local\n"
         "engine, the GPU when there is one. Jobs are split-key: they carry your public key Q, never a\n"
         "private key, and a job without Q or with a field named like key material is refused.\n"
         "Writes one JSON object per line on stdout: progress lines every progress_interval_seconds,\n"
         "then one result (or one error). SIGTERM stops the search cleanly and reports what was found.\n"
         "A job's `resume` counts are added to what it reports and taken off its budget.\n"
         "Exit 0 found, 1 budget ended without a match, 2 bad job, 3 runtime failure.",
         {{"job", "FILE", "read the job from FILE instead of stdin"},
          {"engine", "E", "auto (default: the CUDA GPU if usable, else the CPU), cpu or cuda"},
          {"threads", "N", "CPU threads (default: one per core)"}},
         run_worker},
    };
}

} // namespace vanikeys::cli
