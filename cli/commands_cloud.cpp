// `vanikeys-cli cloud grind | pull | status | cancel | list | delete`: split-key searches on
// RunPod or Modal GPUs (docs/CLOUD.md). A fresh secret d per search stays on this machine (the
// secret store); only Q = d*G is sent. Every returned key is rebuilt from d and verified with
// libsecp256k1 before it is shown or written.
#include <cmath>
#include <cstdio>
#include <ctime>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <thread>

#include "cli/command.h"
#include "cli/pattern_options.h"
#include "cli/search_runner.h"
#include "cloud/client/cloud_search_engine.h"
#include "cloud/client/cloud_session.h"
#include "engine/core/humanize.h"
#include "engine/estimate/rarity.h"
#include "engine/pattern/matcher.h"

namespace vanikeys::cli {
namespace {

using namespace vanikeys::cloud;
using nlohmann::json;

// ---- options shared by the cloud commands ------------------------------------------------

std::vector<OptionSpec> session_option_specs() {
    return {
        {"provider", "P", "runpod, modal or auto (default auto: the routing rule or --objective)"},
        {"api-base", "URL", "the provider's API address instead of the real one (a test server); needs --provider"},
        {"poll-seconds", "S", "how often to ask the provider for news (default 5)"},
        {"runpod-platform", "ID", "pricing catalog platform of your RunPod endpoint (default runpod-4090)"},
        {"modal-platform", "ID", "pricing catalog platform of your Modal app (default modal-a100)"},
    };
}

Result<std::string> provider_option(const ParsedArguments& args) {
    const std::string provider = args.value("provider").value_or("auto");
    if (provider != "auto" && !is_provider_name(provider))
        return bad_input("--provider must be runpod, modal or auto, not '" + provider + "'");
    return provider;
}

Result<std::unique_ptr<CloudSession>> open_session(const ParsedArguments& args) {
    auto provider = provider_option(args);
    if (!provider) return provider.error();
    CloudSessionOptions o;
    o.credentials = credentials_from_environment();
    o.directory = default_cloud_directory();
    if (std::string base = process_environment("RUNPOD_API_BASE"); !base.empty()) o.runpod_api_base = base;
    if (auto base = args.value("api-base")) {
        if (*provider == "runpod") o.runpod_api_base = *base;
        else if (*provider == "modal") o.modal_url = *base;
        else return bad_input("--api-base is the address of one provider: add --provider runpod or --provider modal");
    }
    auto poll = args.number("poll-seconds", 5, 0.05, 3600);
    if (!poll) return poll.error();
    o.fan_out.poll_interval = std::chrono::milliseconds(std::llround(*poll * 1000));
    if (auto id = args.value("runpod-platform")) o.platforms["runpod"] = *id;
    if (auto id = args.value("modal-platform")) o.platforms["modal"] = *id;
    CloudResult<std::unique_ptr<CloudSession>> session = CloudSession::open(std::move(o));
    if (!session) return session.error().to_error();
    if (const auto& note = session.value()->store().recovery_note()) std::cerr << "vanikeys-cli: " << *note << "\n";
    return std::move(session).value();
}

// ---- output ------------------------------------------------------------------------------

std::string time_text(std::optional<double> seconds) { return seconds ? human_duration(*seconds) : "-"; }

std::string money_text(std::optional<double> usd) { return usd ? human_usd(*usd) : "-"; }

std::string state_text(const CloudGroup& g) {
    if (g.found) return "FOUND";
    return std::string(job_state_name(g.state));
}

json optional_number(std::optional<double> v) { return v ? json(*v) : json(nullptr); }

json group_json(const CloudGroup& g) {
    json workers = json::array();
    for (const StoredJob& j : g.workers) {
        workers.push_back({{"ref", j.handle.client_ref},
                           {"job_id", j.handle.job_id},
                           {"state", job_state_name(j.state)},
                           {"queue_seconds", optional_number(j.timings.queue_seconds)},
                           {"run_seconds", optional_number(j.timings.run_seconds)},
                           {"attempts", j.result ? j.result->attempts : (j.last_progress ? j.last_progress->attempts : 0)},
                           {"error", j.error ? json(*j.error) : json(nullptr)},
                           {"rejection", j.rejection ? json(*j.rejection) : json(nullptr)}});
    }
    return {{"name", g.name},
            {"provider", g.provider},
            {"kind", job_kind_name(g.job.kind)},
            {"format", format_info(g.job.format).name},
            {"pattern", g.job.pattern},
            {"mode", wire_mode_name(g.job.mode)},
            {"state", job_state_name(g.state)},
            {"found", g.found},
            {"collected", g.collected},
            {"attempts", g.attempts},
            {"seconds", g.seconds},
            {"keys_per_second", g.keys_per_second},
            {"queue_seconds", optional_number(g.queue_seconds)},
            {"run_seconds", optional_number(g.run_seconds)},
            {"cost_usd", optional_number(g.cost_usd)},
            {"submitted_at", g.submitted_at},
            {"problems", g.problems},
            {"workers", workers}};
}

void print_group_line(std::ostream& out, const CloudGroup& g) {
    std::ostringstream line;
    line << std::left << std::setw(18) << g.name << std::setw(8) << g.provider << std::setw(6) << job_kind_name(g.job.kind)
         << std::setw(12) << state_text(g) << std::setw(10) << human_count(static_cast<double>(g.attempts)) << std::setw(10)
         << time_text(g.queue_seconds) << std::setw(10) << time_text(g.run_seconds) << std::setw(9) << money_text(g.cost_usd)
         << format_info(g.job.format).name << " \"" << g.job.pattern << "\" (" << wire_mode_name(g.job.mode) << ")";
    out << line.str() << "\n";
}

void print_group_table(std::ostream& out, const std::vector<CloudGroup>& groups) {
    if (groups.empty()) {
        out << "No cloud searches in the job list (" << default_cloud_directory().string() << ").\n";
        return;
    }
    out << std::left << std::setw(18) << "NAME" << std::setw(8) << "WHERE" << std::setw(6) << "KIND" << std::setw(12) << "STATE"
        << std::setw(10) << "KEYS" << std::setw(10) << "QUEUE" << std::setw(10) << "RUN" << std::setw(9) << "COST"
        << "PATTERN\n";
    for (const CloudGroup& g : groups) print_group_line(out, g);
}

void print_group_details(std::ostream& out, const CloudGroup& g) {
    out << "Search       " << g.name << " on " << g.provider << ": " << state_text(g) << ", "
        << human_count(static_cast<double>(g.attempts)) << " keys";
    if (g.keys_per_second > 0) out << " at " << human_rate(g.keys_per_second);
    out << "\n";
    out << "Pattern      " << format_info(g.job.format).name << " \"" << g.job.pattern << "\" (" << wire_mode_name(g.job.mode)
        << ")\n";
    out << "Time         queue " << time_text(g.queue_seconds) << ", run " << time_text(g.run_seconds) << ", cost about "
        << money_text(g.cost_usd) << "\n";
    for (const StoredJob& j : g.workers) {
        out << "  " << j.handle.client_ref << "  " << job_state_name(j.state) << "  (" << j.handle.provider << " job "
            << j.handle.job_id << ")";
        if (j.rejection) out << "  rejected: " << *j.rejection;
        else if (j.error && is_final(j.state)) out << "  " << *j.error;
        out << "\n";
    }
}

// Keys are printed and written like grind's; the --out file gets each key with its pattern.
Result<bool> write_keys(HitFile* out, const std::vector<SearchHit>& keys, const Pattern& pattern) {
    if (out == nullptr) return true;
    for (const SearchHit& key : keys) {
        json line = hit_json(key);
        line.update(pattern_json(pattern));
        auto written = out->append(line);
        wipe_secrets(line);
        if (!written) return written.error();
    }
    return true;
}

Result<std::unique_ptr<HitFile>> open_out(const ParsedArguments& args) {
    auto path = args.value("out");
    if (!path) return std::unique_ptr<HitFile>();
    return HitFile::open(*path);
}

// ---- grind and pull ----------------------------------------------------------------------

struct CloudPlan {
    Pattern pattern;
    Estimate estimate;
    SearchSpec spec;
    CloudEngineOptions engine;
};

Result<CloudPlan> plan_search(const CommandContext& ctx, JobKind kind) {
    auto pattern = pattern_from_arguments(ctx.args);
    if (!pattern) return pattern.error();
    auto estimate = estimate_for_search(*pattern);
    if (!estimate) return estimate.error();
    auto provider = provider_option(ctx.args);
    if (!provider) return provider.error();
    auto seconds = ctx.args.number("max-seconds", 3600, 1, 7 * 86400.0);
    if (!seconds) return seconds.error();
    auto workers = ctx.args.integer("workers", 1, 1, 1024);
    if (!workers) return workers.error();
    auto deadline = ctx.args.number("deadline-s", 0, 0, 1e9);
    if (!deadline) return deadline.error();
    auto interval = ctx.args.number("progress-seconds", 5, 0.1, 600);
    if (!interval) return interval.error();

    CloudPlan p;
    p.pattern = pattern.value();
    p.estimate = estimate.value();
    p.spec.pattern = std::move(pattern.value());
    p.spec.max_seconds = *seconds;
    p.spec.stop_at_first_hit = kind == JobKind::Grind;
    if (kind == JobKind::Grind) {
        auto keys = ctx.args.integer("max-keys", 0, 0, std::numeric_limits<long long>::max());
        if (!keys) return keys.error();
        p.spec.max_keys = static_cast<std::uint64_t>(*keys);
    } else {
        auto keys = ctx.args.integer("keys", 100'000'000, 1, std::numeric_limits<long long>::max());
        if (!keys) return keys.error();
        p.spec.max_keys = static_cast<std::uint64_t>(*keys);
    }
    p.engine.provider = *provider;
    p.engine.workers = static_cast<int>(*workers);
    p.engine.progress_interval_seconds = *interval;
    p.engine.group = ctx.args.value("name").value_or("");
    if (!p.engine.group.empty() && (!valid_store_ref(p.engine.group) || p.engine.group.size() > 58))
        return bad_input("--name must be 1 to 58 letters, digits, '-' and '_' (the workers' jobs add -w0, -w1, ...)");
    const std::string objective = ctx.args.value("objective").value_or("rule");
    if (objective == "rule") p.engine.objective = RouteObjective::DefaultRule;
    else if (objective == "cheapest") p.engine.objective = RouteObjective::Cheapest;
    else if (objective == "fastest") p.engine.objective = RouteObjective::Fastest;
    else if (objective == "deadline") p.engine.objective = RouteObjective::CheapestWithinDeadline;
    else return bad_input("--objective must be rule, cheapest, fastest or deadline, not '" + objective + "'");
    if (p.engine.objective == RouteObjective::CheapestWithinDeadline && !(*deadline > 0))
        return bad_input("--objective deadline needs --deadline-s SECONDS");
    if (p.engine.objective != RouteObjective::DefaultRule && *provider != "auto")
        return bad_input("--objective chooses the provider: use it with --provider auto");
    p.engine.deadline_seconds = *deadline;
    return p;
}

// --detach: submit and return; `cloud status --name N --wait` collects the result later.
int submit_detached(CommandContext& ctx, CloudSession& session, const CloudPlan& p) {
    CloudSearchRequest r;
    r.pattern = p.pattern;
    r.kind = p.spec.stop_at_first_hit ? JobKind::Grind : JobKind::Pull;
    r.pull_keys = r.kind == JobKind::Pull ? p.spec.max_keys : 0;
    r.budget = {r.kind == JobKind::Grind ? p.spec.max_keys : 0, p.spec.max_seconds};
    r.workers = p.engine.workers;
    r.provider = p.engine.provider;
    r.objective = p.engine.objective;
    r.deadline_seconds = p.engine.deadline_seconds;
    r.expected_attempts = p.estimate.expected_attempts;
    r.progress_interval_seconds = p.engine.progress_interval_seconds;
    r.group = p.engine.group;
    CloudResult<SubmittedGroup> submitted = session.submit(r);
    if (!submitted) return ctx.fail(submitted.error().to_error());
    json workers = json::array();
    for (const WorkerOutcome& w : submitted->outcome.workers)
        workers.push_back({{"ref", w.client_ref},
                           {"job_id", w.handle ? json(w.handle->job_id) : json(nullptr)},
                           {"problem", w.problem ? json(*w.problem) : json(nullptr)}});
    if (ctx.json) {
        ctx.emit({{"name", submitted->group},
                  {"provider", submitted->route.provider},
                  {"reason", submitted->route.reason},
                  {"workers", workers}});
    } else {
        ctx.out << "Submitted " << submitted->group << " to " << submitted->route.provider << " ("
                << submitted->route.reason << ")\n";
        for (const WorkerOutcome& w : submitted->outcome.workers)
            ctx.out << "  " << w.client_ref << "  " << (w.handle ? "job " + w.handle->job_id : "not submitted: " + *w.problem)
                    << "\n";
        ctx.out << "Collect it with: vanikeys-cli cloud status --name " << submitted->group << " --wait\n";
    }
    return kExitOk;
}

json summary_json(const SearchSummary& s, const CloudSearchEngine& engine) {
    json j{{"attempts", s.attempts},
           {"seconds", s.seconds},
           {"keys_per_second", s.keys_per_second},
           {"engine", "cloud"},
           {"device", engine.device_description()},
           {"name", engine.group()},
           {"provider", engine.provider()}};
    if (std::optional<CloudGroup> g = engine.last_group()) j["cloud"] = group_json(*g);
    return j;
}

void print_cloud_footer(std::ostream& out, const CloudSearchEngine& engine) {
    std::optional<CloudGroup> g = engine.last_group();
    if (!g) return;
    out << "Cloud        " << g->name << " on " << g->provider << ", " << g->workers.size()
        << (g->workers.size() == 1 ? " worker" : " workers") << ": queue " << time_text(g->queue_seconds) << ", run "
        << time_text(g->run_seconds) << ", cost about " << money_text(g->cost_usd) << "\n";
    out << "Its secret stays in the job list until `vanikeys-cli cloud delete --name " << g->name << "`.\n";
}

int run_cloud_search(CommandContext& ctx, JobKind kind) {
    auto plan = plan_search(ctx, kind);
    if (!plan) return ctx.fail(plan.error());
    auto session = open_session(ctx.args);
    if (!session) return ctx.fail(session.error());
    if (ctx.args.flag("detach")) return submit_detached(ctx, **session, *plan);
    auto out = open_out(ctx.args);
    if (!out) return ctx.fail(out.error());

    CloudEngineOptions engine_options = plan->engine;
    engine_options.on_note = [&ctx](const std::string& line) { ctx.err << "cloud: " << line << "\n"; };
    CloudSearchEngine engine(**session, engine_options);
    const Estimate& e = plan->estimate;
    if (!ctx.json) {
        ctx.err << (kind == JobKind::Grind ? "Searching for " : "Pulling for ") << describe_pattern(plan->spec.pattern)
                << " on cloud GPUs: " << human_odds(e.probability) << " per key, " << human_count(e.expected_attempts)
                << " keys expected (split-key: the workers see only your public key)\n";
    }
    SearchRunOptions options{EngineChoice::Auto, true, &e, out->get()};
    auto run = run_search_on(ctx, engine, plan->spec, options);
    if (!run) return ctx.fail(run.error());
    const SearchSummary& s = run->summary;
    const bool found = !s.hits.empty();

    json j = summary_json(s, engine);
    j.update(pattern_json(plan->spec.pattern));
    j["format"] = format_info(plan->spec.pattern.format).name;
    if (out->get()) j["out"] = (*out)->path();
    std::optional<RarityTier> tier;
    if (kind == JobKind::Pull && s.best) {
        auto matcher = compile_matcher(plan->spec.pattern);
        auto tail = score_tail_odds(plan->spec.pattern, *matcher);
        if (!tail) return ctx.fail(tail.error());
        tier = rarity_of(*tail, s.best->match.matched_chars, static_cast<double>(s.attempts));
        j["rarity"] = {{"tier", tier->name}, {"chance", tier->chance},
                       {"explanation", rarity_explanation(*tier, static_cast<double>(s.attempts))}};
    }
    if (kind == JobKind::Grind) {
        j.update(found ? hit_json(s.hits.front()) : json::object());
        j["found"] = found;
        if (!found && s.best) j["best"] = hit_json(*s.best);
    } else {
        j["keys"] = s.attempts;
        j["exact"] = found;
        j["best"] = s.best ? hit_json(*s.best) : json(nullptr);
    }
    if (ctx.json) {
        ctx.emit(j);
    } else {
        if (found && kind == JobKind::Grind) {
            print_hit(ctx.out, s.hits.front());
        } else if (s.best) {
            ctx.out << (kind == JobKind::Pull ? "Best of the pull:\n" : "No exact match; best so far:\n");
            print_hit(ctx.out, *s.best);
            if (tier) ctx.out << "Rarity       " << tier->name << "  " << rarity_explanation(*tier, static_cast<double>(s.attempts)) << "\n";
        } else {
            ctx.out << "No exact match (" << (s.reason == StopReason::Requested ? "stopped" : "limit reached") << ").\n";
        }
        ctx.out << "Tested       " << human_count(static_cast<double>(s.attempts)) << " keys in " << human_duration(s.seconds)
                << " (" << human_rate(s.keys_per_second) << " on the workers)\n";
        if (found || s.best) ctx.out << "Verified     rebuilt from your secret and checked with libsecp256k1\n";
        print_cloud_footer(ctx.out, engine);
    }
    wipe_secrets(j);
    return found ? kExitOk : kExitNoMatch;
}

int run_cloud_grind(CommandContext& ctx) { return run_cloud_search(ctx, JobKind::Grind); }
int run_cloud_pull(CommandContext& ctx) { return run_cloud_search(ctx, JobKind::Pull); }

// ---- status, cancel, list, delete -------------------------------------------------------

Result<std::string> name_option(const ParsedArguments& args) {
    auto name = args.value("name");
    if (!name) return bad_input("--name NAME is required (the search's name: see `vanikeys-cli cloud list`)");
    return *name;
}

// Groups that may have news: not ended, or ended with a result not yet verified here.
bool needs_poll(const CloudGroup& g) {
    return std::any_of(g.workers.begin(), g.workers.end(), [](const StoredJob& j) {
        return !is_final(j.state) || (j.result && !j.collected);
    });
}

// Polls every group that may have news; groups whose provider is not set up are only noted.
void refresh_pending(const CommandContext& ctx, CloudSession& session) {
    for (const CloudGroup& g : session.groups()) {
        if (!needs_poll(g)) continue;
        CloudResult<GroupResult> r = session.refresh(g.name);
        if (!r) ctx.err << "vanikeys-cli: " << g.name << ": " << r.error().message << "\n";
    }
}

int report_group(CommandContext& ctx, const GroupResult& r, HitFile* out) {
    const CloudGroup& g = r.group;
    Result<Pattern> pattern = parse_pattern(g.job.pattern, g.job.format, {g.job.mode, g.job.case_sensitive, g.job.fuzzy});
    if (!pattern) return ctx.fail(pattern.error());
    if (auto written = write_keys(out, r.keys, *pattern); !written) return ctx.fail(written.error());
    json keys = json::array();
    for (const SearchHit& k : r.keys) keys.push_back(hit_json(k));
    json j = group_json(g);
    j["keys"] = keys;
    j["best"] = r.best ? hit_json(*r.best) : json(nullptr);
    if (out) j["out"] = out->path();
    if (ctx.json) {
        ctx.emit(j);
    } else {
        print_group_details(ctx.out, g);
        for (const SearchHit& k : r.keys) print_hit(ctx.out, k);
        if (r.keys.empty() && r.best && is_final(g.state)) {
            ctx.out << (g.job.kind == JobKind::Pull ? "Best of the pull:\n" : "Best candidate:\n");
            print_hit(ctx.out, *r.best);
        }
        if (!r.keys.empty() || r.best) ctx.out << "Verified     rebuilt from your secret and checked with libsecp256k1\n";
        for (const std::string& p : r.problems) ctx.err << "vanikeys-cli: " << p << "\n";
    }
    wipe_secrets(j);
    if (g.found && r.keys.empty())
        return ctx.fail(runtime_failure(g.name + " found a match, but its key could not be rebuilt here (see above); "
                                                 "the result is kept: restore the search's secret and ask again"));
    if (g.found) return kExitOk;
    if (!is_final(g.state)) return kExitOk;
    const bool any_result = std::any_of(g.workers.begin(), g.workers.end(), [](const StoredJob& w) { return w.result.has_value(); });
    return any_result || g.state == JobState::Cancelled ? kExitNoMatch : kExitRuntime;
}

int run_cloud_status(CommandContext& ctx) {
    auto session = open_session(ctx.args);
    if (!session) return ctx.fail(session.error());
    CloudSession& s = **session;
    if (!ctx.args.value("name")) {
        refresh_pending(ctx, s);
        const std::vector<CloudGroup> groups = s.groups();
        if (ctx.json) {
            json list = json::array();
            for (const CloudGroup& g : groups) list.push_back(group_json(g));
            ctx.emit({{"jobs", list}});
        } else {
            print_group_table(ctx.out, groups);
        }
        return kExitOk;
    }
    auto name = name_option(ctx.args);
    auto out = open_out(ctx.args);
    if (!out) return ctx.fail(out.error());
    CloudResult<GroupResult> result = cloud_error(CloudErrorKind::Config, "");
    if (ctx.args.flag("wait")) {
        // Ctrl-C ends the wait only: the workers go on (cancel them with `cloud cancel`).
        InterruptGuard guard;
        FollowCallbacks callbacks;
        callbacks.control = [] { return interrupt_requested() ? WatchControl::Detach : WatchControl::Continue; };
        callbacks.on_key = [&ctx](const SearchHit& k) {
            if (!ctx.json) ctx.err << "found " << k.address << "\n";
        };
        callbacks.on_progress = [&ctx](const CloudGroup& g) {
            if (!ctx.json)
                ctx.err << g.name << ": " << state_text(g) << ", " << human_count(static_cast<double>(g.attempts)) << " keys, "
                        << human_rate(g.keys_per_second) << "\n";
        };
        result = s.follow(*name, callbacks);
    } else {
        result = s.refresh(*name);
    }
    if (!result) return ctx.fail(result.error().to_error());
    return report_group(ctx, *result, out->get());
}

int run_cloud_cancel(CommandContext& ctx) {
    auto name = name_option(ctx.args);
    if (!name) return ctx.fail(name.error());
    auto session = open_session(ctx.args);
    if (!session) return ctx.fail(session.error());
    CloudResult<GroupResult> result = (*session)->cancel(*name);
    if (!result) return ctx.fail(result.error().to_error());
    const int code = report_group(ctx, *result, nullptr);
    return code == kExitRuntime ? kExitRuntime : kExitOk;
}

int run_cloud_list(CommandContext& ctx) {
    auto session = open_session(ctx.args);
    if (!session) return ctx.fail(session.error());
    if (!ctx.args.flag("offline")) refresh_pending(ctx, **session);
    const std::vector<CloudGroup> groups = (*session)->groups();
    if (ctx.json) {
        json list = json::array();
        for (const CloudGroup& g : groups) list.push_back(group_json(g));
        ctx.emit({{"jobs", list}, {"directory", default_cloud_directory().string()}});
    } else {
        print_group_table(ctx.out, groups);
    }
    return kExitOk;
}

int run_cloud_delete(CommandContext& ctx) {
    auto name = name_option(ctx.args);
    if (!name) return ctx.fail(name.error());
    auto session = open_session(ctx.args);
    if (!session) return ctx.fail(session.error());
    CloudResult<CloudGroup> g = (*session)->group(*name);
    if (!g) return ctx.fail(g.error().to_error());
    if (g->found && !ctx.args.flag("yes"))
        return ctx.fail(bad_input(*name + " found a key; deleting its secret makes that key impossible to rebuild. Save it "
                                          "first (vanikeys-cli cloud status --name " + *name +
                                  " --out FILE), then add --yes"));
    CloudResult<bool> removed = (*session)->remove(*name);
    if (!removed) return ctx.fail(removed.error().to_error());
    if (ctx.json) ctx.emit({{"deleted", *name}});
    else ctx.out << "Deleted " << *name << " and its secret.\n";
    return kExitOk;
}

int run_cloud_overview(CommandContext& ctx) {
    ctx.err << "vanikeys-cli cloud: name a subcommand: grind, pull, status, cancel, list or delete "
               "(vanikeys-cli cloud grind --help)\n";
    return kExitBadInput;
}

std::vector<OptionSpec> with_session_options(std::vector<OptionSpec> specs) {
    for (OptionSpec& o : session_option_specs()) specs.push_back(std::move(o));
    return specs;
}

std::vector<OptionSpec> search_option_specs(JobKind kind) {
    std::vector<OptionSpec> specs = pattern_option_specs();
    std::vector<OptionSpec> more = {
        {"max-seconds", "S", "time limit of each worker (default 3600): it bounds the cost"},
        {"objective", "O", "with --provider auto: rule (default), cheapest, fastest or deadline"},
        {"deadline-s", "S", "for --objective deadline: finish within S seconds (at a 90 % chance)"},
        {"progress-seconds", "S", "how often each worker reports progress (default 5)"},
        {"name", "NAME", "name the search (letters, digits, - and _; default: a fresh vk-...)"},
        {"detach", "", "submit and return; collect later with `cloud status --name NAME --wait`"},
        {"out", "FILE", "append found keys to FILE (mode 0600, fsync'd)"},
    };
    if (kind == JobKind::Grind) {
        more.push_back({"max-keys", "N", "stop after N keys in all"});
        more.push_back({"workers", "N", "fan out to N workers (each from its own random start); default 1"});
    } else {
        more.push_back({"keys", "N", "keys in the pull (default 100000000)"});
    }
    for (OptionSpec& o : more) specs.push_back(std::move(o));
    return with_session_options(std::move(specs));
}

constexpr const char* kCredentialsHelp =
    "\nCredentials come from the environment: RUNPOD_API_KEY and RUNPOD_ENDPOINT_ID for RunPod;\n"
    "MODAL_URL, MODAL_KEY and MODAL_SECRET for Modal (docs/CLOUD.md shows how to deploy both).\n"
    "The job list and the split-key secrets live in $XDG_DATA_HOME/vanikeys/cloud (0600 files).";

} // namespace

std::vector<Command> cloud_commands() {
    return {
        {"cloud", "split-key searches on RunPod or Modal GPUs (grind, pull, status, cancel, list, delete)",
         "cloud <grind|pull|status|cancel|list|delete> [options]",
         std::string("Runs searches on serverless GPUs without the cloud ever learning the key: a fresh secret d\n"
                     "per search stays here and the workers get only Q = d*G. Every key that comes back is\n"
                     "rebuilt from d and verified with libsecp256k1 before it is shown.\n") + kCredentialsHelp,
         {}, run_cloud_overview},
        {"cloud grind", "search on cloud GPUs until an exact match (split-key)",
         "cloud grind --format F --pattern P [--provider runpod|modal|auto] [--workers N] [--max-seconds S]",
         std::string("Routes the search (--provider, or the rule / --objective with auto), submits it and shows\n"
                     "progress like grind. --workers N fans out; all are cancelled as soon as one finds a match.\n"
                     "Ctrl-C cancels the workers. Exit 0 found, 1 limit reached, 2 bad input or settings, 3 the\n"
                     "cloud failed (the search stays in the job list).\n") + kCredentialsHelp,
         search_option_specs(JobKind::Grind), run_cloud_grind},
        {"cloud pull", "one gacha pull on a cloud GPU (split-key)",
         "cloud pull --format F --pattern P [--keys N] [--provider runpod|modal|auto]",
         std::string("Draws N keys on one worker and reveals the best, rebuilt and verified here, with its rarity.\n") +
             kCredentialsHelp,
         search_option_specs(JobKind::Pull), run_cloud_pull},
        {"cloud status", "show cloud searches; with --name, poll one and collect its keys",
         "cloud status [--name NAME [--wait] [--out FILE]]",
         "Without --name: polls every search that may have news and lists them all. With --name: polls\n"
         "that search once (or, with --wait, until it ends) and prints its keys, rebuilt from the stored\n"
         "secret and verified. Ctrl-C ends --wait; the workers go on.",
         with_session_options({{"name", "NAME", "the search (see `cloud list`)"},
                               {"wait", "", "follow it until it ends"},
                               {"out", "FILE", "append its keys to FILE (mode 0600, fsync'd)"}}),
         run_cloud_status},
        {"cloud cancel", "cancel every worker of a cloud search", "cloud cancel --name NAME",
         "Asks the provider to stop each worker still running, then reads what they left. The search\n"
         "and its secret stay in the job list.",
         with_session_options({{"name", "NAME", "the search"}}), run_cloud_cancel},
        {"cloud list", "list the cloud searches in the job list", "cloud list [--offline]",
         "Polls the searches that may have news (not with --offline), then lists them all: state, keys\n"
         "tested, queue and run time, cost so far.",
         with_session_options({{"offline", "", "do not poll; show what the job list holds"}}), run_cloud_list},
        {"cloud delete", "forget a cloud search and delete its secret", "cloud delete --name NAME [--yes]",
         "Removes the search from the job list and deletes its split-key secret, after which its keys\n"
         "cannot be rebuilt. Refused while a worker runs; a search that found a key needs --yes.",
         with_session_options({{"name", "NAME", "the search"}, {"yes", "", "delete even though it found a key"}}),
         run_cloud_delete},
    };
}

} // namespace vanikeys::cli
