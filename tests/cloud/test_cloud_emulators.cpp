// The whole client stack (CurlTransport, RetryingTransport, the adapters, the checks, the store,
// the fan-out) against the fault-injecting emulators of RunPod's hosted API and of our Modal app,
// which run the real handler / web layer and the real `vanikeys-cli worker` on 127.0.0.1 (the
// fake worker only for jobs given a scenario: lying, crashing, stalling). Every fault ends in a
// clear state, lies are rejected, nothing found is lost, and no request body carries a secret.
#include <QtTest>

#include <nlohmann/json.hpp>

#include <thread>

#include "cloud/providers/modal_adapter.h"
#include "cloud/providers/runpod_adapter.h"
#include "cloud/router/fan_out.h"
#include "cloud/store/job_store.h"
#include "cloud/transport/curl_transport.h"
#include "cloud/transport/retrying_transport.h"
#include "cloud_test_data.h"
#include "emulator_process.h"

using namespace vanikeys;
using namespace vanikeys::cloud;
using namespace vanikeys::cloud::testdata;
using nlohmann::json;
using std::chrono::milliseconds;

namespace {

constexpr const char* kKey = "rp-emulated-key";
constexpr const char* kEndpoint = "vkendpoint";
// d for Q = 7*G: its hex must never appear in anything we send.
constexpr const char* kSecretHex = "0000000000000000000000000000000000000000000000000000000000000007";

RetryPolicy quick_policy() {
    RetryPolicy p;
    p.initial_backoff = milliseconds(50);
    p.max_backoff = milliseconds(400);
    p.total_budget = milliseconds(20'000);
    return p;
}

WorkerJob emulator_job(const std::string& id, const std::string& pattern = "ab") {
    WorkerJob job = grind_job(id);
    job.pattern = pattern;
    job.mode = MatchMode::Contains;
    job.budget.max_seconds = 20;
    job.progress_interval_seconds = 0.2;
    return job;
}

// Polls like the app will: the stream for progress, the status for the final word.
JobUpdate poll_until_final(ICloudProvider& provider, const JobHandle& handle, const WorkerJob& job,
                           std::vector<WorkerProgress>* progress = nullptr) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(40);
    while (std::chrono::steady_clock::now() < deadline) {
        CloudResult<JobUpdate> update = provider.stream(handle, job);
        if (update.ok()) {
            if (progress) progress->insert(progress->end(), update->progress.begin(), update->progress.end());
            if (is_final(update->state)) {
                CloudResult<JobUpdate> final_status = provider.status(handle, job);
                if (final_status.ok()) return final_status.value();
                return update.value();
            }
        }
        std::this_thread::sleep_for(milliseconds(100));
    }
    return JobUpdate{};
}

json control(HttpTransport& http, const std::string& base, HttpMethod method, const std::string& path,
             const json& body = nullptr) {
    HttpRequest r;
    r.method = method;
    r.url = base + path;
    r.body = body.is_null() ? "" : body.dump();
    r.headers = {{"content-type", "application/json"}};
    const HttpResult reply = http.send(r);
    if (!reply.ok()) return json();
    return json::parse(reply->body, nullptr, false);
}

} // namespace

class TestCloudEmulators : public QObject {
    Q_OBJECT

    EmulatorProcess runpod_;
    EmulatorProcess modal_;
    CurlTransport curl_;
    SystemRetryClock clock_;

    std::string runpod_base() const { return runpod_.base() + "/v2"; }

    RunPodConfig runpod_config(const std::string& key = kKey) const {
        RunPodConfig c;
        c.api_key = key;
        c.endpoint_id = kEndpoint;
        c.api_base = runpod_base();
        c.request_timeout = milliseconds(5'000);
        return c;
    }

    ModalConfig modal_config(const std::string& secret = "ws-emulated") const {
        return ModalConfig{modal_.base(), "wk-emulated", secret, milliseconds(5'000)};
    }

    void scenarios(EmulatorProcess& emulator, const json& by_job) {
        control(curl_, emulator.base(), HttpMethod::Post, "/_control/scenarios", by_job);
    }
    void faults(EmulatorProcess& emulator, const json& list) {
        control(curl_, emulator.base(), HttpMethod::Post, "/_control/faults", list);
    }
    json recorded(EmulatorProcess& emulator) {
        return control(curl_, emulator.base(), HttpMethod::Get, "/_control/requests")["requests"];
    }

    static void expect_no_key_material(const json& requests) {
        QVERIFY(requests.is_array());
        QVERIFY(!requests.empty());
        for (const json& r : requests) {
            std::string body = r["body"].get<std::string>();
            std::transform(body.begin(), body.end(), body.begin(), [](unsigned char c) { return char(std::tolower(c)); });
            for (const char* word : {"private", "secret", "seed", "nsec", "wif", "mnemonic", kSecretHex})
                QVERIFY2(body.find(word) == std::string::npos, (r["path"].get<std::string>() + ": " + word).c_str());
        }
    }

private Q_SLOTS:
    void initTestCase() {
        if (!EmulatorProcess::available()) QSKIP("VANIKEYS_PYTHON is not set: run ./test.sh, which creates .venv");
        QVERIFY(runpod_.start(QStringLiteral("runpod_emulator.py"),
                              {QStringLiteral("--api-key"), QString::fromLatin1(kKey), QStringLiteral("--endpoint"),
                               QString::fromLatin1(kEndpoint)}));
        QVERIFY(modal_.start(QStringLiteral("modal_emulator.py"),
                             {QStringLiteral("--key"), QStringLiteral("wk-emulated"), QStringLiteral("--secret"),
                              QStringLiteral("ws-emulated")}));
    }

    void runpodGrindEndToEnd() {
        RetryingTransport http(curl_, quick_policy(), clock_);
        RunPodAdapter runpod(http, runpod_config());
        const WorkerJob job = emulator_job("vk-e2e-1");
        const CloudResult<JobHandle> handle = runpod.submit(job);
        QVERIFY2(handle.ok(), handle.ok() ? "" : handle.error().message.c_str());
        const JobUpdate done = poll_until_final(runpod, handle.value(), job);
        QCOMPARE(done.state, JobState::Completed);
        QVERIFY2(done.result.has_value(), done.rejection ? done.rejection->c_str() : "no result");
        QCOMPARE(done.result->reason, WorkerStopReason::Found);
        QVERIFY(!done.result->hits.empty());
        QVERIFY(done.timings.run_seconds.has_value());
        QVERIFY(done.result->hits[0].address.rfind("did:key:zQ3sh", 0) == 0);

        const json requests = recorded(runpod_);
        expect_no_key_material(requests);
        for (const json& r : requests) QCOMPARE(QString::fromStdString(r["headers"]["authorization"].get<std::string>()),
                                                QStringLiteral("Bearer rp-emulated-key"));
        const CloudResult<ProviderHealth> health = runpod.health();
        QVERIFY(health.ok());
    }

    void runpodFaultsAreRetried() {
        RetryingTransport http(curl_, quick_policy(), clock_);
        int retries = 0;
        http.set_retry_listener([&](const RetryEvent&) { ++retries; });
        RunPodAdapter runpod(http, runpod_config());
        const WorkerJob job = emulator_job("vk-faults-1");
        faults(runpod_, json::array({{{"match", "/run"}, {"action", "status"}, {"code", 429}, {"retry_after", "1"}},
                                     {{"match", "/status/"}, {"action", "status"}, {"code", 503}},
                                     {{"match", "/status/"}, {"action", "drop"}},
                                     {{"match", "/status/"}, {"action", "status"}, {"code", 502}}}));
        const auto start = std::chrono::steady_clock::now();
        const CloudResult<JobHandle> handle = runpod.submit(job);
        QVERIFY2(handle.ok(), handle.ok() ? "" : handle.error().message.c_str());
        QVERIFY(std::chrono::steady_clock::now() - start >= milliseconds(1000));  // Retry-After: 1
        const CloudResult<JobUpdate> status = runpod.status(handle.value(), job);
        QVERIFY2(status.ok(), status.ok() ? "" : status.error().message.c_str());
        QCOMPARE(retries, 4);
        const JobUpdate done = poll_until_final(runpod, handle.value(), job);
        QVERIFY(done.result.has_value());
    }

    void runpodGarbageAndTimeoutsAreClearErrors() {
        RetryPolicy once = quick_policy();
        once.max_attempts = 1;
        RetryingTransport http(curl_, once, clock_);
        RunPodConfig config = runpod_config();
        config.request_timeout = milliseconds(500);
        RunPodAdapter runpod(http, config);
        faults(runpod_, json::array({{{"match", "/health"}, {"action", "garbage"}}}));
        const CloudResult<ProviderHealth> garbage = runpod.health();
        QCOMPARE(garbage.error().kind, CloudErrorKind::Malformed);
        faults(runpod_, json::array({{{"match", "/health"}, {"action", "delay"}, {"seconds", 2}}}));
        const CloudResult<ProviderHealth> slow = runpod.health();
        QCOMPARE(slow.error().kind, CloudErrorKind::Timeout);
        faults(runpod_, json::array({{{"match", "/health"}, {"action", "status"}, {"code", 500}}}));
        QCOMPARE(runpod.health().error().kind, CloudErrorKind::ServerError);
    }

    void runpodWrongKeyIsNotRetried() {
        control(curl_, runpod_.base(), HttpMethod::Post, "/_control/reset");
        RetryingTransport http(curl_, quick_policy(), clock_);
        RunPodAdapter runpod(http, runpod_config("rp-wrong-key"));
        const CloudResult<JobHandle> handle = runpod.submit(emulator_job("vk-badkey"));
        QCOMPARE(handle.error().kind, CloudErrorKind::Unauthorized);
        QVERIFY(handle.error().message.find("RUNPOD_API_KEY") != std::string::npos);
        QCOMPARE(recorded(runpod_).size(), std::size_t(1));
    }

    void runpodJobOutcomes_data() {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("mentions");  // in error or rejection
        QTest::newRow("lying worker") << "lie" << "ab" << int(JobState::Completed) << "lied";
        QTest::newRow("worker error") << "" << "G0" << int(JobState::Failed) << "never occurs";  // the real worker
        QTest::newRow("worker crash") << "crash" << "zzzzzzzz" << int(JobState::Failed) << "without a result";
        QTest::newRow("timed out") << "timed_out" << "ab" << int(JobState::TimedOut) << "timed the job out";
        QTest::newRow("garbage lines") << "garbage" << "zzzzzzzz" << int(JobState::Completed) << "";
    }
    void runpodJobOutcomes() {
        QFETCH(QString, scenario);
        QFETCH(QString, pattern);
        QFETCH(int, state);
        QFETCH(QString, mentions);
        RetryingTransport http(curl_, quick_policy(), clock_);
        RunPodAdapter runpod(http, runpod_config());
        WorkerJob job = emulator_job("vk-outcome-" + (scenario.isEmpty() ? QStringLiteral("real") : scenario).toStdString(),
                                     pattern.toStdString());
        job.budget.max_seconds = 1.5;
        if (!scenario.isEmpty()) scenarios(runpod_, {{job.job_id, scenario.toStdString()}});
        const CloudResult<JobHandle> handle = runpod.submit(job);
        QVERIFY(handle.ok());
        const JobUpdate done = poll_until_final(runpod, handle.value(), job);
        QCOMPARE(int(done.state), state);
        const std::string said = done.error.value_or("") + done.rejection.value_or("");
        if (!mentions.isEmpty()) QVERIFY2(said.find(mentions.toStdString()) != std::string::npos, said.c_str());
        if (scenario == QStringLiteral("lie")) QVERIFY(!done.result);
        if (scenario == QStringLiteral("garbage")) {  // junk lines skipped, the honest result kept
            QVERIFY(done.result.has_value());
            QCOMPARE(done.result->reason, WorkerStopReason::Budget);
        }
    }

    void fanOutCancelsTheOthersAndKeepsEverything() {
        QTemporaryDir dir;
        auto store = JobStore::open(dir.path().toStdString());
        QVERIFY(store.ok());
        RetryingTransport http(curl_, quick_policy(), clock_);
        RunPodAdapter runpod(http, runpod_config());
        WorkerJob base = emulator_job("vk-fan");
        const FanOutPlan plan = plan_fan_out(base, 3, "vk-fan").value();
        scenarios(runpod_, {{"vk-fan-w0", "slow"}, {"vk-fan-w2", "slow"}});  // w1: the real worker
        FanOutOptions options;
        options.poll_interval = milliseconds(200);
        options.overall_timeout = milliseconds(30'000);
        const FanOutOutcome out = FanOut(runpod, clock_, store.value().get(), options).run(plan);
        QVERIFY(out.winner.has_value());
        QCOMPARE(QString::fromStdString(out.winner_ref), QStringLiteral("vk-fan-w1"));
        QCOMPARE(out.workers[0].state, JobState::Cancelled);
        QCOMPARE(out.workers[2].state, JobState::Cancelled);
        const std::vector<StoredJob> jobs = (*store)->list();
        QCOMPARE(jobs.size(), std::size_t(3));
        QVERIFY(jobs[1].result.has_value());
        QCOMPARE(jobs[1].result->hits.size(), out.winner->hits.size());
        // The emulator agrees that the others were stopped.
        const CloudResult<JobUpdate> w0 = runpod.status(*out.workers[0].handle, plan.jobs[0]);
        QCOMPARE(w0->state, JobState::Cancelled);
        // Polling the winner again (a restart) changes nothing: duplicates merge.
        const CloudResult<JobUpdate> again = runpod.status(*out.workers[1].handle, plan.jobs[1]);
        QVERIFY((*store)->apply("vk-fan-w1", again.value(), 1).ok());
        QCOMPARE((*store)->find("vk-fan-w1")->result->hits.size(), out.winner->hits.size());
    }

    void tlsIsAlwaysVerified() {
        QTemporaryDir dir;
        EmulatorProcess tls;
        QVERIFY(tls.start(QStringLiteral("runpod_emulator.py"),
                          {QStringLiteral("--api-key"), QString::fromLatin1(kKey), QStringLiteral("--endpoint"),
                           QString::fromLatin1(kEndpoint), QStringLiteral("--tls"), dir.path()}));
        RunPodConfig config = runpod_config();
        config.api_base = tls.base("https") + "/v2";
        RetryingTransport http(curl_, quick_policy(), clock_);
        const CloudResult<ProviderHealth> untrusted = RunPodAdapter(http, config).health();
        QCOMPARE(untrusted.error().kind, CloudErrorKind::Tls);

        CurlTransportOptions trusting;
        trusting.ca_file = (dir.path() + QStringLiteral("/cert.pem")).toStdString();
        CurlTransport curl_with_ca(trusting);
        const CloudResult<ProviderHealth> trusted = RunPodAdapter(curl_with_ca, config).health();
        QVERIFY2(trusted.ok(), trusted.ok() ? "" : trusted.error().message.c_str());
    }

    void modalGrindEndToEnd() {
        RetryingTransport http(curl_, quick_policy(), clock_);
        ModalAdapter modal(http, modal_config());
        QVERIFY(modal.health().ok());
        const WorkerJob job = emulator_job("vk-modal-1");
        const CloudResult<JobHandle> handle = modal.submit(job);
        QVERIFY2(handle.ok(), handle.ok() ? "" : handle.error().message.c_str());
        const CloudResult<JobHandle> again = modal.submit(job);  // a retried submit: same call
        QVERIFY(again.ok());
        QCOMPARE(QString::fromStdString(again->job_id), QString::fromStdString(handle->job_id));
        std::vector<WorkerProgress> progress;
        const JobUpdate done = poll_until_final(modal, handle.value(), job, &progress);
        QCOMPARE(done.state, JobState::Completed);
        QVERIFY2(done.result.has_value(), done.rejection ? done.rejection->c_str() : "no result");
        QVERIFY(!done.result->hits.empty());
        expect_no_key_material(recorded(modal_));
    }

    void modalFaultsAndAuth() {
        RetryingTransport http(curl_, quick_policy(), clock_);
        ModalAdapter modal(http, modal_config());
        faults(modal_, json::array({{{"match", "/health"}, {"action", "status"}, {"code", 429}, {"retry_after", "1"}},
                                    {{"match", "/health"}, {"action", "status"}, {"code", 503}}}));
        QVERIFY(modal.health().ok());
        ModalAdapter wrong(http, modal_config("ws-wrong"));
        const CloudResult<JobHandle> refused = wrong.submit(emulator_job("vk-modal-auth"));
        QCOMPARE(refused.error().kind, CloudErrorKind::Unauthorized);
        QVERIFY(refused.error().message.find("MODAL_KEY") != std::string::npos);
    }

    void modalCancelStopsTheWorker() {
        RetryingTransport http(curl_, quick_policy(), clock_);
        ModalAdapter modal(http, modal_config());
        WorkerJob job = emulator_job("vk-modal-cancel", "zzzzzzzzzz");  // the real worker, searching on
        const CloudResult<JobHandle> handle = modal.submit(job);
        QVERIFY(handle.ok());
        std::this_thread::sleep_for(milliseconds(600));
        QCOMPARE(modal.cancel(handle.value()).value(), JobState::Cancelled);
        const JobUpdate done = poll_until_final(modal, handle.value(), job);
        QCOMPARE(done.state, JobState::Cancelled);
    }

    void cleanupTestCase() {
        runpod_.stop();
        modal_.stop();
    }
};

QTEST_GUILESS_MAIN(TestCloudEmulators)
#include "test_cloud_emulators.moc"
