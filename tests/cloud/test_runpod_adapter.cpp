// RunPodAdapter against a FakeTransport: the exact requests it sends (paths, auth, body, no key
// material), and every kind of reply: states, timings, aggregated and streamed output, lying and
// missing results, errors, auth failures, garbage.
#include <QtTest>

#include <nlohmann/json.hpp>

#include "cloud/providers/runpod_adapter.h"
#include "cloud/transport/fake_transport.h"
#include "cloud_test_data.h"

using namespace vanikeys;
using namespace vanikeys::cloud;
using namespace vanikeys::cloud::testdata;
using nlohmann::json;

namespace {

constexpr const char* kBase = "https://api.runpod.ai/v2";

RunPodConfig config() {
    RunPodConfig c;
    c.api_key = "rp_test_key";
    c.endpoint_id = "abc123xyz";
    c.api_base = kBase;
    return c;
}

JobHandle handle() { return JobHandle{"runpod", "abc123xyz", "job-77-u1", "vk-test-1"}; }

std::string item(const WorkerMessage& m) { return serialize_message(m); }

} // namespace

class TestRunPodAdapter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void submitSendsTheDocumentedRequest() {
        FakeTransport fake;
        fake.on_json(HttpMethod::Post, "/abc123xyz/run", 200, R"({"id":"job-77-u1","status":"IN_QUEUE"})");
        RunPodAdapter runpod(fake, config());
        const WorkerJob job = grind_job();
        const CloudResult<JobHandle> h = runpod.submit(job);
        QVERIFY2(h.ok(), h.ok() ? "" : h.error().message.c_str());
        QVERIFY(h.value() == handle());

        const std::vector<HttpRequest> sent = fake.requests();
        QCOMPARE(sent.size(), std::size_t(1));
        const HttpRequest& r = sent[0];
        QCOMPARE(r.method, HttpMethod::Post);
        QCOMPARE(QString::fromStdString(r.url), QStringLiteral("https://api.runpod.ai/v2/abc123xyz/run"));
        QCOMPARE(QString::fromStdString(*find_header(r.headers, "Authorization")), QStringLiteral("Bearer rp_test_key"));
        QVERIFY(!r.idempotent);
        const json body = json::parse(r.body);
        QCOMPARE(body["input"], job_to_json(job));
        QCOMPARE(body["policy"]["executionTimeout"].get<std::uint64_t>(), std::uint64_t((600 + 120) * 1000));
        for (const char* word : {"private", "secret", "seed", "nsec"}) QVERIFY(r.body.find(word) == std::string::npos);
    }

    void badSettingsSendNothing_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QString>("base");
        QTest::addColumn<int>("kind");
        QTest::newRow("no key") << "" << "abc" << kBase << int(CloudErrorKind::Config);
        QTest::newRow("no endpoint") << "k" << "" << kBase << int(CloudErrorKind::Config);
        QTest::newRow("endpoint with slash") << "k" << "abc/../x" << kBase << int(CloudErrorKind::Config);
        QTest::newRow("plain http remote") << "k" << "abc" << "http://api.runpod.ai/v2" << int(CloudErrorKind::InsecureUrl);
    }
    void badSettingsSendNothing() {
        QFETCH(QString, key);
        QFETCH(QString, endpoint);
        QFETCH(QString, base);
        QFETCH(int, kind);
        FakeTransport fake;
        RunPodConfig c = config();
        c.api_key = key.toStdString();
        c.endpoint_id = endpoint.toStdString();
        c.api_base = base.toStdString();
        RunPodAdapter runpod(fake, c);
        const CloudResult<JobHandle> h = runpod.submit(grind_job());
        QVERIFY(!h.ok());
        QCOMPARE(int(h.error().kind), kind);
        QVERIFY(!runpod.health().ok());
        QCOMPARE(fake.request_count(), std::size_t(0));
    }

    void invalidJobsAreNeverSent() {
        FakeTransport fake;
        RunPodAdapter runpod(fake, config());
        WorkerJob no_budget = grind_job();
        no_budget.budget.max_seconds = 0;
        QVERIFY(!runpod.submit(no_budget).ok());
        WorkerJob off_curve = grind_job();
        off_curve.split_key = bytes<33>("020000000000000000000000000000000000000000000000000000000000000005");
        QVERIFY(!runpod.submit(off_curve).ok());
        QCOMPARE(fake.request_count(), std::size_t(0));
    }

    void submitReplyProblems_data() {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("body");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("401") << 401 << "Unauthorized" << int(CloudErrorKind::Unauthorized) << "RUNPOD_API_KEY";
        QTest::newRow("403") << 403 << "" << int(CloudErrorKind::Unauthorized) << "RUNPOD_ENDPOINT_ID";
        QTest::newRow("404") << 404 << "" << int(CloudErrorKind::NotFound) << "not found";
        QTest::newRow("400") << 400 << R"({"error":"bad input"})" << int(CloudErrorKind::Rejected) << "bad input";
        QTest::newRow("500") << 500 << "" << int(CloudErrorKind::ServerError) << "500";
        QTest::newRow("not json") << 200 << "<html>gateway</html>" << int(CloudErrorKind::Malformed) << "JSON";
        QTest::newRow("empty") << 200 << "" << int(CloudErrorKind::Malformed) << "empty";
        QTest::newRow("no id") << 200 << R"({"status":"IN_QUEUE"})" << int(CloudErrorKind::Malformed) << "job id";
        QTest::newRow("id with slash") << 200 << R"({"id":"../../x"})" << int(CloudErrorKind::Malformed) << "job id";
    }
    void submitReplyProblems() {
        QFETCH(int, status);
        QFETCH(QString, body);
        QFETCH(int, kind);
        QFETCH(QString, mentions);
        FakeTransport fake;
        fake.on(HttpMethod::Post, "/run", HttpResponse{status, {}, body.toStdString()});
        RunPodAdapter runpod(fake, config());
        const CloudResult<JobHandle> h = runpod.submit(grind_job());
        QVERIFY(!h.ok());
        QCOMPARE(int(h.error().kind), kind);
        QVERIFY2(h.error().message.find(mentions.toStdString()) != std::string::npos, h.error().message.c_str());
    }

    void queuedStatusCarriesTimings() {
        FakeTransport fake;
        fake.on_json(HttpMethod::Get, "/status/job-77-u1", 200, R"({"id":"job-77-u1","status":"IN_QUEUE","delayTime":2500})");
        RunPodAdapter runpod(fake, config());
        const CloudResult<JobUpdate> u = runpod.status(handle(), grind_job());
        QVERIFY(u.ok());
        QCOMPARE(u->state, JobState::Queued);
        QCOMPARE(u->timings.queue_seconds, std::optional<double>(2.5));
        QVERIFY(!u->timings.run_seconds);
        QVERIFY(!u->result);
        QCOMPARE(QString::fromStdString(fake.requests()[0].url), QStringLiteral("https://api.runpod.ai/v2/abc123xyz/status/job-77-u1"));
    }

    void completedStatusYieldsTheCheckedResult() {
        const WorkerJob job = grind_job();
        const std::string body = R"({"id":"job-77-u1","status":"COMPLETED","delayTime":31618,"executionTime":1437,"output":[)" +
                                 item(progress_line(job, 100, 1)) + "," + item(progress_line(job, 200, 2)) + "," +
                                 item(found_result(job)) + "]}";
        FakeTransport fake;
        fake.on_json(HttpMethod::Get, "/status/job-77-u1", 200, body);
        RunPodAdapter runpod(fake, config());
        const CloudResult<JobUpdate> u = runpod.status(handle(), job);
        QVERIFY(u.ok());
        QCOMPARE(u->state, JobState::Completed);
        QCOMPARE(u->timings.queue_seconds, std::optional<double>(31.618));
        QCOMPARE(u->timings.run_seconds, std::optional<double>(1.437));
        QCOMPARE(u->progress.size(), std::size_t(2));
        QVERIFY(u->result.has_value());
        QVERIFY(u->result.value() == found_result(job));
        QVERIFY(!u->rejection);
    }

    void lyingResultIsRejected() {
        const WorkerJob job = grind_job();
        WorkerResult lie = found_result(job);
        lie.hits[0].partial.negate = true;
        FakeTransport fake;
        fake.on_json(HttpMethod::Get, "/status/job-77-u1", 200,
                     R"({"id":"job-77-u1","status":"COMPLETED","output":[)" + item(lie) + "]}");
        RunPodAdapter runpod(fake, config());
        const CloudResult<JobUpdate> u = runpod.status(handle(), job);
        QVERIFY(u.ok());
        QCOMPARE(u->state, JobState::Completed);
        QVERIFY(!u->result);
        QVERIFY(u->rejection && u->rejection->find("lied") != std::string::npos);
    }

    void garbageInTheOutputIsNotAResult_data() {
        QTest::addColumn<QString>("output");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no output") << "null" << "no result";
        QTest::newRow("only progress") << R"([{"type":"progress","job_id":"vk-test-1","attempts":1,"seconds":1,"keys_per_second":1}])" << "no result";
        QTest::newRow("string") << R"("done!")" << "no result";
        QTest::newRow("broken result") << R"([{"type":"result","job_id":"vk-test-1","reason":"found"}])" << "malformed";
        QTest::newRow("result for another job")
            << QString::fromStdString("[" + item(found_result(grind_job("vk-other"))) + "]") << "answers job";
    }
    void garbageInTheOutputIsNotAResult() {
        QFETCH(QString, output);
        QFETCH(QString, mentions);
        FakeTransport fake;
        fake.on_json(HttpMethod::Get, "/status/job-77-u1", 200,
                     R"({"id":"job-77-u1","status":"COMPLETED","output":)" + output.toStdString() + "}");
        RunPodAdapter runpod(fake, config());
        const CloudResult<JobUpdate> u = runpod.status(handle(), grind_job());
        QVERIFY(u.ok());
        QVERIFY(!u->result);
        QVERIFY(u->rejection.has_value());
        QVERIFY2(u->rejection->find(mentions.toStdString()) != std::string::npos, u->rejection->c_str());
    }

    void finalStatesExplainThemselves_data() {
        QTest::addColumn<QString>("body");
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("failed") << R"({"status":"FAILED","error":"CUDA error: out of memory"})" << int(JobState::Failed) << "out of memory";
        QTest::newRow("failed by worker")
            << R"({"status":"FAILED","error":"bad_input: '0' never occurs in base58 addresses"})" << int(JobState::Failed) << "never occurs";
        QTest::newRow("timed out") << R"({"status":"TIMED_OUT"})" << int(JobState::TimedOut) << "timed the job out";
        QTest::newRow("cancelled") << R"({"status":"CANCELLED"})" << int(JobState::Cancelled) << "cancelled";
    }
    void finalStatesExplainThemselves() {
        QFETCH(QString, body);
        QFETCH(int, state);
        QFETCH(QString, mentions);
        FakeTransport fake;
        fake.on_json(HttpMethod::Get, "/status/job-77-u1", 200, body.toStdString());
        RunPodAdapter runpod(fake, config());
        const CloudResult<JobUpdate> u = runpod.status(handle(), grind_job());
        QVERIFY(u.ok());
        QCOMPARE(int(u->state), state);
        QVERIFY(u->error.has_value());
        QVERIFY2(u->error->find(mentions.toStdString()) != std::string::npos, u->error->c_str());
    }

    void unknownStatusIsMalformed() {
        FakeTransport fake;
        fake.on_json(HttpMethod::Get, "/status/job-77-u1", 200, R"({"status":"PARTYING"})");
        RunPodAdapter runpod(fake, config());
        const CloudResult<JobUpdate> u = runpod.status(handle(), grind_job());
        QVERIFY(!u.ok());
        QCOMPARE(u.error().kind, CloudErrorKind::Malformed);
    }

    void streamDeliversNewItems() {
        const WorkerJob job = grind_job();
        FakeTransport fake;
        fake.on_json(HttpMethod::Get, "/stream/job-77-u1", 200,
                     R"({"status":"IN_PROGRESS","stream":[{"output":)" + item(progress_line(job, 10, 1)) + R"(},{"output":)" +
                         item(progress_line(job, 20, 2)) + "}]}");
        fake.on_json(HttpMethod::Get, "/stream/job-77-u1", 200,
                     R"({"status":"COMPLETED","stream":[{"output":)" + item(found_result(job)) + "}]}");
        RunPodAdapter runpod(fake, config());
        const CloudResult<JobUpdate> first = runpod.stream(handle(), job);
        QVERIFY(first.ok());
        QCOMPARE(first->state, JobState::Running);
        QCOMPARE(first->progress.size(), std::size_t(2));
        QCOMPARE(first->progress[1].attempts, std::uint64_t(20));
        const CloudResult<JobUpdate> second = runpod.stream(handle(), job);
        QVERIFY(second.ok());
        QCOMPARE(second->state, JobState::Completed);
        QVERIFY(second->result.has_value());
        QCOMPARE(QString::fromStdString(fake.requests()[0].url), QStringLiteral("https://api.runpod.ai/v2/abc123xyz/stream/job-77-u1"));
    }

    void backwardsProgressIsSkippedWithAWarning() {
        const WorkerJob job = grind_job();
        FakeTransport fake;
        fake.on_json(HttpMethod::Get, "/stream/job-77-u1", 200,
                     R"({"status":"IN_PROGRESS","stream":[{"output":)" + item(progress_line(job, 50, 2)) + R"(},{"output":)" +
                         item(progress_line(job, 10, 3)) + R"(},{"output":"not a message"}]})");
        RunPodAdapter runpod(fake, config());
        const CloudResult<JobUpdate> u = runpod.stream(handle(), job);
        QVERIFY(u.ok());
        QCOMPARE(u->progress.size(), std::size_t(1));
        QCOMPARE(u->warnings.size(), std::size_t(2));
    }

    void cancelAndHealth() {
        FakeTransport fake;
        fake.on_json(HttpMethod::Post, "/cancel/job-77-u1", 200, R"({"id":"job-77-u1","status":"CANCELLED"})");
        fake.on_json(HttpMethod::Get, "/health", 200,
                     R"({"jobs":{"completed":100,"failed":0,"inProgress":2,"inQueue":3,"retried":0},)"
                     R"("workers":{"idle":1,"initializing":0,"ready":1,"running":2,"throttled":0}})");
        RunPodAdapter runpod(fake, config());
        const CloudResult<JobState> c = runpod.cancel(handle());
        QVERIFY(c.ok());
        QCOMPARE(c.value(), JobState::Cancelled);
        QCOMPARE(fake.requests()[0].method, HttpMethod::Post);
        const CloudResult<ProviderHealth> h = runpod.health();
        QVERIFY(h.ok());
        QCOMPARE(h->workers_idle, 1);
        QCOMPARE(h->workers_running, 2);
        QCOMPARE(h->jobs_in_queue, 3);
        QCOMPARE(h->jobs_in_progress, 2);
    }

    void foreignHandlesAreRefused() {
        FakeTransport fake;
        RunPodAdapter runpod(fake, config());
        JobHandle modal = handle();
        modal.provider = "modal";
        QVERIFY(!runpod.status(modal, grind_job()).ok());
        JobHandle other_endpoint = handle();
        other_endpoint.endpoint = "zzz";
        QCOMPARE(runpod.cancel(other_endpoint).error().kind, CloudErrorKind::Config);
        JobHandle traversal = handle();
        traversal.job_id = "../health";
        QCOMPARE(runpod.status(traversal, grind_job()).error().kind, CloudErrorKind::Malformed);
        QCOMPARE(fake.request_count(), std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestRunPodAdapter)
#include "test_runpod_adapter.moc"
