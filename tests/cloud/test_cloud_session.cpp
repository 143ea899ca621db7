// CloudSession and CloudSearchEngine over an in-process provider (no HTTP): a search is routed,
// its secret stored 0600 before anything is sent, its keys rebuilt from d and verified before
// the observers see them; fan-out cancels the rest at the first match, a stop cancels them all,
// a lying worker and a swapped secret end in clear states, a restart finds the search again and
// collects it without duplicates, and missing credentials are named.
#include <QtTest>

#include <sys/stat.h>

#include <map>
#include <mutex>
#include <thread>

#include "cloud/client/cloud_search_engine.h"
#include "cloud/client/cloud_session.h"
#include "cloud/client/cost_quotes.h"
#include "cloud/protocol/partial_check.h"
#include "engine/format/address.h"
#include "engine/verify/key_verifier.h"

using namespace vanikeys;
using namespace vanikeys::cloud;
using std::chrono::milliseconds;

namespace {

// A provider whose "workers" answer at once: an honest one searches t = 1, 2, ... for an exact
// match of the job's pattern with public data only (like a real worker), the others stall,
// fail or lie. Scenarios are set per client ref; the default is honest.
class InProcessProvider final : public ICloudProvider {
public:
    explicit InProcessProvider(std::string name) : name_(std::move(name)) {}

    std::map<std::string, std::string> scenario;

    [[nodiscard]] std::string name() const override { return name_; }

    CloudResult<JobHandle> submit(const WorkerJob& job) override {
        std::lock_guard lock(mutex_);
        submitted.push_back(job.job_id);
        runs_[job.job_id] = Run{};
        return JobHandle{name_, "in-process", "ip-" + job.job_id, job.job_id};
    }
    CloudResult<JobUpdate> status(const JobHandle& h, const WorkerJob& job) override { return stream(h, job); }
    CloudResult<JobUpdate> stream(const JobHandle& h, const WorkerJob& job) override {
        std::lock_guard lock(mutex_);
        Run& run = runs_[h.client_ref];
        const std::string what = scenario.count(h.client_ref) ? scenario[h.client_ref] : "honest";
        JobUpdate u;
        if (run.cancelled) {
            u.state = JobState::Cancelled;
            return u;
        }
        ++run.polls;
        WorkerProgress p;
        p.job_id = job.job_id;
        p.attempts = 100 * run.polls;
        p.seconds = 0.1 * run.polls;
        p.keys_per_second = 1000;
        u.progress.push_back(p);
        u.state = JobState::Running;
        if (run.polls < 2 || what == "never") return u;
        if (what == "fail") {
            u.state = JobState::Failed;
            u.error = "the worker reported runtime: device lost";
            return u;
        }
        u.state = JobState::Completed;
        u.result = honest_result(job);
        if (what == "lie_address") u.result->hits.front().address = address_of(job.format, *libsecp_parse_public_key(job.split_key.data(), 33));
        return u;
    }
    CloudResult<JobState> cancel(const JobHandle& h) override {
        std::lock_guard lock(mutex_);
        cancelled.push_back(h.client_ref);
        runs_[h.client_ref].cancelled = true;
        return JobState::Cancelled;
    }
    CloudResult<ProviderHealth> health() override { return ProviderHealth{}; }

    std::vector<std::string> submitted;
    std::vector<std::string> cancelled;

private:
    struct Run {
        int polls = 0;
        bool cancelled = false;
    };

    static WorkerResult honest_result(const WorkerJob& job) {
        const Pattern pattern = parse_pattern(job.pattern, job.format, {job.mode, job.case_sensitive, job.fuzzy}).value();
        WorkerResult r;
        r.job_id = job.job_id;
        r.reason = WorkerStopReason::Found;
        for (std::uint8_t t = 1; t < 255 && r.hits.empty(); ++t) {
            WirePartial partial;
            partial.offset[31] = t;
            const std::array<std::uint8_t, 33> key = partial_public_key(job.split_key, partial).value();
            const std::string address = address_of(job.format, *libsecp_parse_public_key(key.data(), key.size()));
            const AddressMatch m = match_address(pattern, address).value();
            if (!m.exact) continue;
            r.hits.push_back(WireHit{address, m.score, m.words_matched, key, partial, t});
            r.attempts = t;
        }
        r.attempts = std::max<std::uint64_t>(r.attempts, 1000);
        r.seconds = 1;
        r.keys_per_second = 1000;
        r.best = r.hits.front();
        return r;
    }

    std::string name_;
    std::mutex mutex_;
    std::map<std::string, Run> runs_;
};

CloudSessionOptions options_for(const QTemporaryDir& dir, std::shared_ptr<InProcessProvider> runpod = {},
                                std::shared_ptr<InProcessProvider> modal = {}) {
    CloudSessionOptions o;
    o.directory = dir.path().toStdString();
    o.fan_out.poll_interval = milliseconds(20);
    if (runpod) o.providers["runpod"] = runpod;
    if (modal) o.providers["modal"] = modal;
    return o;
}

std::unique_ptr<CloudSession> open_session(CloudSessionOptions o) {
    CloudResult<std::unique_ptr<CloudSession>> s = CloudSession::open(std::move(o));
    if (!s.ok()) qFatal("%s", s.error().message.c_str());
    return std::move(s).value();
}

SearchSpec grind_spec(const char* pattern = "a") {
    SearchSpec spec;
    spec.pattern = parse_pattern(pattern, KeyFormat::DidKey, {MatchMode::Contains, false, false}).value();
    spec.max_seconds = 60;
    spec.stop_at_first_hit = true;
    return spec;
}

CloudSearchRequest grind_request(const std::string& group, int workers = 1) {
    CloudSearchRequest r;
    r.pattern = grind_spec().pattern;
    r.budget.max_seconds = 60;
    r.workers = workers;
    r.provider = "runpod";
    r.expected_attempts = 2;
    r.group = group;
    return r;
}

CloudEngineOptions engine_options(const char* group, int workers) {
    CloudEngineOptions o;
    o.provider = "runpod";
    o.workers = workers;
    o.group = group;
    return o;
}

struct Recorder {
    std::mutex mutex;
    std::vector<SearchProgress> progress;
    std::vector<SearchHit> hits;
    int finished = 0;

    SearchObserver observer() {
        SearchObserver o;
        o.on_progress = [this](const SearchProgress& p) {
            std::lock_guard lock(mutex);
            progress.push_back(p);
        };
        o.on_hit = [this](const SearchHit& h) {
            std::lock_guard lock(mutex);
            hits.push_back(h);
        };
        o.on_finished = [this](const SearchSummary&) {
            std::lock_guard lock(mutex);
            ++finished;
        };
        return o;
    }
};

} // namespace

class TestCloudSession : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theEngineFindsVerifiesAndKeepsAKey() {
        QTemporaryDir dir;
        auto runpod = std::make_shared<InProcessProvider>("runpod");
        auto session = open_session(options_for(dir, runpod));
        CloudSearchEngine engine(*session, engine_options("", 1));
        Recorder seen;
        auto subscription = engine.subscribe(seen.observer());
        QVERIFY(engine.start(grind_spec()).ok());
        const SearchSummary s = engine.wait();
        QCOMPARE(s.reason, StopReason::Found);
        QVERIFY(!s.hits.empty());
        const Pattern pattern = grind_spec().pattern;
        for (const SearchHit& hit : s.hits) {
            QVERIFY(hit.private_key);
            const Result<VerifiedKey> again = verify_secret(KeyFormat::DidKey, *hit.private_key, &pattern);
            QVERIFY(again.ok());
            QCOMPARE(again->address, hit.address);
            QVERIFY(again->match->exact);
        }
        QCOMPARE(seen.hits.size(), s.hits.size());
        QCOMPARE(seen.finished, 1);
        QVERIFY(!seen.progress.empty());
        QVERIFY(seen.progress.front().attempts > 0);

        const std::string group = engine.group();
        QVERIFY(group.rfind("vk-", 0) == 0);
        QCOMPARE(engine.provider(), std::string("runpod"));
        const std::vector<StoredJob> jobs = session->store().list();
        QCOMPARE(jobs.size(), std::size_t(1));
        QCOMPARE(jobs[0].state, JobState::Completed);
        QVERIFY(jobs[0].collected);
        struct stat st {};
        QCOMPARE(::stat((dir.path().toStdString() + "/secrets/" + group + ".secret").c_str(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        QVERIFY(session->store().pending().empty());
    }

    void fanOutCancelsTheRestAtTheFirstMatch() {
        QTemporaryDir dir;
        auto runpod = std::make_shared<InProcessProvider>("runpod");
        runpod->scenario = {{"vk-fan-w0", "never"}, {"vk-fan-w2", "never"}};
        auto session = open_session(options_for(dir, runpod));
        CloudSearchEngine engine(*session, engine_options("vk-fan", 3));
        QVERIFY(engine.start(grind_spec()).ok());
        const SearchSummary s = engine.wait();
        QCOMPARE(s.reason, StopReason::Found);
        QCOMPARE(runpod->cancelled, (std::vector<std::string>{"vk-fan-w0", "vk-fan-w2"}));
        const CloudGroup g = session->group("vk-fan").value();
        QCOMPARE(g.workers.size(), std::size_t(3));
        QCOMPARE(g.workers[0].state, JobState::Cancelled);
        QCOMPARE(g.workers[1].state, JobState::Completed);
        QVERIFY(g.found);
        QCOMPARE(s.devices.size(), std::size_t(3));
    }

    void aStopCancelsEveryWorker() {
        QTemporaryDir dir;
        auto runpod = std::make_shared<InProcessProvider>("runpod");
        runpod->scenario = {{"vk-stop-w0", "never"}, {"vk-stop-w1", "never"}};
        auto session = open_session(options_for(dir, runpod));
        CloudSearchEngine engine(*session, engine_options("vk-stop", 2));
        Recorder seen;
        auto subscription = engine.subscribe(seen.observer());
        QVERIFY(engine.start(grind_spec()).ok());
        QTRY_VERIFY_WITH_TIMEOUT(!seen.progress.empty(), 10'000);
        engine.request_stop();
        const SearchSummary s = engine.wait();
        QCOMPARE(s.reason, StopReason::Requested);
        QCOMPARE(runpod->cancelled.size(), std::size_t(2));
        for (const StoredJob& j : session->store().list()) QCOMPARE(j.state, JobState::Cancelled);
    }

    void aLyingWorkerEndsInAClearFailure() {
        QTemporaryDir dir;
        auto runpod = std::make_shared<InProcessProvider>("runpod");
        runpod->scenario = {{"vk-lie-w0", "lie_address"}};
        auto session = open_session(options_for(dir, runpod));
        CloudEngineOptions eo = engine_options("vk-lie", 1);
        std::vector<std::string> notes;
        eo.on_note = [&](const std::string& line) { notes.push_back(line); };
        CloudSearchEngine engine(*session, eo);
        Recorder seen;
        auto subscription = engine.subscribe(seen.observer());
        QVERIFY(engine.start(grind_spec()).ok());
        const SearchSummary s = engine.wait();
        QCOMPARE(s.reason, StopReason::Failed);
        QVERIFY(s.error.has_value());
        QVERIFY2(s.error->message.find("claims the address") != std::string::npos, s.error->message.c_str());
        QVERIFY(s.hits.empty());
        QVERIFY(seen.hits.empty());
        const StoredJob j = session->store().list().front();
        QVERIFY(!j.result);
        QVERIFY(j.rejection.has_value());
    }

    void aRestartCollectsTheSearchAndDuplicatesAreHarmless() {
        QTemporaryDir dir;
        auto runpod = std::make_shared<InProcessProvider>("runpod");
        {
            auto first = open_session(options_for(dir, runpod));
            QVERIFY(first->submit(grind_request("vk-later")).ok());
        }  // the program ends; the worker goes on
        auto second = open_session(options_for(dir, runpod));
        QCOMPARE(second->groups().size(), std::size_t(1));
        CloudResult<GroupResult> r1 = second->refresh("vk-later");  // one poll: still running
        QVERIFY(r1.ok());
        QVERIFY(r1->keys.empty());
        CloudResult<GroupResult> r2 = second->refresh("vk-later");  // the result is in
        QVERIFY(r2.ok());
        QVERIFY(!r2->keys.empty());
        QVERIFY(r2->group.collected);
        CloudResult<GroupResult> r3 = second->refresh("vk-later");  // again: nothing new, nothing lost
        QVERIFY(r3.ok());
        QCOMPARE(r3->keys.size(), r2->keys.size());
        QCOMPARE(r3->keys.front().address, r2->keys.front().address);
        QCOMPARE(second->store().list().front().result->hits.size(), r2->keys.size());
        QCOMPARE(secret_hex_of(*r3->keys.front().private_key), secret_hex_of(*r2->keys.front().private_key));
    }

    void aSwappedSecretIsCaught() {
        QTemporaryDir dir;
        auto runpod = std::make_shared<InProcessProvider>("runpod");
        auto session = open_session(options_for(dir, runpod));
        QVERIFY(session->submit(grind_request("vk-swap")).ok());
        SecretKey other;
        other.data()[31] = 9;
        QVERIFY(session->secrets().put("vk-swap", other).ok());
        FollowCallbacks callbacks;
        int keys = 0;
        callbacks.on_key = [&](const SearchHit&) { ++keys; };
        CloudResult<GroupResult> r = session->follow("vk-swap", callbacks);
        QVERIFY(r.ok());
        QCOMPARE(keys, 0);
        QVERIFY(r->keys.empty());
        bool named = false;
        for (const std::string& p : r->problems) named = named || p.find("does not belong") != std::string::npos;
        QVERIFY(named);
        QVERIFY(!session->store().list().front().collected);
    }

    void routingFollowsTheRuleAndTheObjectives() {
        QTemporaryDir dir;
        auto session = open_session(options_for(dir, std::make_shared<InProcessProvider>("runpod"),
                                                std::make_shared<InProcessProvider>("modal")));
        CloudSearchRequest r = grind_request("vk-route");
        r.provider = "auto";
        r.expected_attempts = 1e6;
        QCOMPARE(session->route(r)->provider, std::string("runpod"));
        r.expected_attempts = 1e12;
        QCOMPARE(session->route(r)->provider, std::string("modal"));
        r.kind = JobKind::Pull;
        r.pull_keys = 1'000'000'000;
        QCOMPARE(session->route(r)->provider, std::string("runpod"));
        r.kind = JobKind::Grind;
        r.objective = RouteObjective::Cheapest;
        const CloudResult<RouteDecision> cheapest = session->route(r);
        QVERIFY(cheapest.ok());
        QVERIFY(cheapest->reason.find("cheapest") != std::string::npos);
        r.objective = RouteObjective::CheapestWithinDeadline;
        r.deadline_seconds = 1;
        r.expected_attempts = 1e18;
        QCOMPARE(session->route(r).error().kind, CloudErrorKind::Config);
        r.provider = "modal";
        QCOMPARE(session->route(r)->provider, std::string("modal"));
    }

    void missingCredentialsAreNamed() {
        QTemporaryDir dir;
        CloudSessionOptions o = options_for(dir);
        o.credentials.runpod_api_key = "rp-key";
        auto session = open_session(o);
        QVERIFY(session->available_providers().empty());
        const CloudResult<ICloudProvider*> runpod = session->provider("runpod");
        QCOMPARE(runpod.error().kind, CloudErrorKind::Config);
        QVERIFY(runpod.error().message.find("RUNPOD_ENDPOINT_ID") != std::string::npos);
        QVERIFY(runpod.error().message.find("RUNPOD_API_KEY") == std::string::npos);
        const CloudResult<ICloudProvider*> modal = session->provider("modal");
        for (const char* name : {"MODAL_URL", "MODAL_KEY", "MODAL_SECRET"})
            QVERIFY(modal.error().message.find(name) != std::string::npos);
        const CloudResult<SubmittedGroup> refused = session->submit(grind_request("vk-nocreds"));
        QCOMPARE(refused.error().to_error().code, 2);
        QVERIFY(session->groups().empty());
        QVERIFY(!QFile::exists(dir.path() + QStringLiteral("/secrets/vk-nocreds.secret")));

        const EnvironmentLookup env = [](const char* name) -> std::string {
            const std::map<std::string, std::string> vars = {{"RUNPOD_API_KEY", "k"}, {"RUNPOD_ENDPOINT_ID", "e"},
                                                             {"MODAL_KEY", "wk"}, {"HOME", "/home/u"}};
            auto it = vars.find(name);
            return it == vars.end() ? "" : it->second;
        };
        QCOMPARE(configured_providers(credentials_from_environment(env)), std::vector<std::string>{"runpod"});
        QCOMPARE(default_cloud_directory(env).string(), std::string("/home/u/.local/share/vanikeys/cloud"));
        const EnvironmentLookup xdg = [](const char* name) -> std::string {
            return std::string(name) == "XDG_DATA_HOME" ? "/x" : "";
        };
        QCOMPARE(default_cloud_directory(xdg).string(), std::string("/x/vanikeys/cloud"));
    }

    void deletingNeedsTheWorkersStoppedAndRemovesTheSecret() {
        QTemporaryDir dir;
        auto runpod = std::make_shared<InProcessProvider>("runpod");
        runpod->scenario = {{"vk-del-w0", "never"}};
        auto session = open_session(options_for(dir, runpod));
        QVERIFY(session->submit(grind_request("vk-del")).ok());
        const CloudResult<bool> refused = session->remove("vk-del");
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.find("cancel it first") != std::string::npos);
        const CloudResult<GroupResult> cancelled = session->cancel("vk-del");
        QVERIFY(cancelled.ok());
        QCOMPARE(cancelled->group.state, JobState::Cancelled);
        QVERIFY(session->remove("vk-del").ok());
        QVERIFY(session->groups().empty());
        QVERIFY(!QFile::exists(dir.path() + QStringLiteral("/secrets/vk-del.secret")));
    }

    void quotesComeFromTheCostModel() {
        const cost::PricingCatalog catalog = cost::builtin_catalog().value();
        auto model = std::make_shared<const cost::CostModel>(catalog, cost::RateBook{});
        const cost::Platform* runpod = provider_platform(catalog, "runpod", {});
        QVERIFY(runpod != nullptr);
        QCOMPARE(runpod->id, std::string("runpod-4090"));  // the provider's first platform
        const double rate = runpod->rate(KeyFormat::DidKey).keys_per_second;
        const QuoteFunction quotes = make_cost_quotes(model, {KeyFormat::DidKey, 2, {}});
        RouteRequest r;
        r.expected_attempts = 1e12;
        r.objective = RouteObjective::Cheapest;
        const std::vector<ProviderQuote> q = quotes(r);
        QCOMPARE(q.size(), std::size_t(2));
        QCOMPARE(q[0].provider, std::string("runpod"));
        // Two workers: each does half the attempts after its own cold start; both are billed.
        const double seconds = 0.5e12 / rate + runpod->cold_start.p50_s;
        QVERIFY(qFuzzyCompare(q[0].seconds, seconds));
        QVERIFY(qFuzzyCompare(q[0].dollars, 2 * cost::job_cost_usd(*runpod, seconds)));
        // A deadline is judged at a 90 % chance: ln(10) times the expected attempts.
        r.objective = RouteObjective::CheapestWithinDeadline;
        QVERIFY(qFuzzyCompare(quotes(r)[0].seconds, 0.5e12 * std::log(10.0) / rate + runpod->cold_start.p50_s));
        // A platform of another provider named for Modal prices nothing for Modal.
        const QuoteFunction wrong = make_cost_quotes(model, {KeyFormat::DidKey, 1, {{"modal", "runpod-4090"}}});
        QCOMPARE(wrong(r).size(), std::size_t(1));
    }

private:
    static std::string secret_hex_of(const SecretKey& k) { return to_hex(k.data(), SecretKey::kSize); }
};

QTEST_GUILESS_MAIN(TestCloudSession)
#include "test_cloud_session.moc"
