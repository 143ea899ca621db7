// ModalAdapter against a FakeTransport: proxy-auth headers, the shipped app's routes, the
// stream cursor, results checked like RunPod's, and the app's health/protocol handshake.
#include <QtTest>

#include <nlohmann/json.hpp>

#include "cloud/providers/modal_adapter.h"
#include "cloud/transport/fake_transport.h"
#include "cloud_test_data.h"

using namespace vanikeys;
using namespace vanikeys::cloud;
using namespace vanikeys::cloud::testdata;
using nlohmann::json;

namespace {

constexpr const char* kUrl = "https://me--vanikeys-web.modal.run";

ModalConfig config() { return ModalConfig{kUrl, "wk-key", "ws-secret", std::chrono::milliseconds(30'000)}; }

JobHandle handle() { return JobHandle{"modal", kUrl, "fc-01ABC", "vk-test-1"}; }

std::string item(const WorkerMessage& m) { return serialize_message(m); }

} // namespace

class TestModalAdapter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void submitUsesProxyAuthAndIsIdempotent() {
        FakeTransport fake;
        fake.on_json(HttpMethod::Post, "/jobs", 200, R"({"id":"fc-01ABC","status":"IN_QUEUE"})");
        ModalAdapter modal(fake, config());
        const WorkerJob job = grind_job();
        const CloudResult<JobHandle> h = modal.submit(job);
        QVERIFY2(h.ok(), h.ok() ? "" : h.error().message.c_str());
        QVERIFY(h.value() == handle());
        const HttpRequest r = fake.requests().at(0);
        QCOMPARE(QString::fromStdString(r.url), QStringLiteral("https://me--vanikeys-web.modal.run/jobs"));
        QCOMPARE(QString::fromStdString(*find_header(r.headers, "modal-key")), QStringLiteral("wk-key"));
        QCOMPARE(QString::fromStdString(*find_header(r.headers, "Modal-Secret")), QStringLiteral("ws-secret"));
        QVERIFY(!find_header(r.headers, "authorization"));
        QVERIFY(r.idempotent);
        QCOMPARE(json::parse(r.body)["job"], job_to_json(job));
    }

    void missingCredentialsSendNothing() {
        FakeTransport fake;
        ModalConfig c = config();
        c.secret.clear();
        ModalAdapter modal(fake, c);
        const CloudResult<JobHandle> h = modal.submit(grind_job());
        QCOMPARE(h.error().kind, CloudErrorKind::Config);
        QVERIFY(h.error().message.find("MODAL_SECRET") != std::string::npos);
        QCOMPARE(fake.request_count(), std::size_t(0));
    }

    void proxyAuthFailureSaysWhatToCheck() {
        FakeTransport fake;
        fake.on(HttpMethod::Post, "/jobs", HttpResponse{401, {}, "modal-http: missing credentials for proxy authorization"});
        ModalAdapter modal(fake, config());
        const CloudResult<JobHandle> h = modal.submit(grind_job());
        QCOMPARE(h.error().kind, CloudErrorKind::Unauthorized);
        QVERIFY(h.error().message.find("MODAL_KEY") != std::string::npos);
    }

    void statusCarriesProgressAndResult() {
        const WorkerJob job = grind_job();
        FakeTransport fake;
        fake.on_json(HttpMethod::Get, "/jobs/fc-01ABC", 200,
                     R"({"id":"fc-01ABC","status":"IN_PROGRESS","delayTime":1200,"progress":)" + item(progress_line(job, 10, 1)) + "}");
        fake.on_json(HttpMethod::Get, "/jobs/fc-01ABC", 200,
                     R"({"id":"fc-01ABC","status":"COMPLETED","delayTime":1200,"executionTime":9000,"progress":)" +
                         item(progress_line(job, 4000, 1.2)) + R"(,"result":)" + item(found_result(job)) + "}");
        ModalAdapter modal(fake, config());
        const CloudResult<JobUpdate> running = modal.status(handle(), job);
        QVERIFY(running.ok());
        QCOMPARE(running->state, JobState::Running);
        QCOMPARE(running->progress.size(), std::size_t(1));
        QCOMPARE(running->timings.queue_seconds, std::optional<double>(1.2));
        const CloudResult<JobUpdate> done = modal.status(handle(), job);
        QVERIFY(done.ok());
        QCOMPARE(done->state, JobState::Completed);
        QVERIFY(done->result.has_value());
        QCOMPARE(done->timings.run_seconds, std::optional<double>(9.0));
    }

    void lyingResultIsRejected() {
        const WorkerJob job = grind_job();
        WorkerResult lie = found_result(job);
        lie.hits[0].public_key = bytes<33>(kQ7Hex);  // claims a key the partial does not give
        FakeTransport fake;
        fake.on_json(HttpMethod::Get, "/jobs/fc-01ABC", 200, R"({"status":"COMPLETED","result":)" + item(lie) + "}");
        ModalAdapter modal(fake, config());
        const CloudResult<JobUpdate> u = modal.status(handle(), job);
        QVERIFY(u.ok());
        QVERIFY(!u->result);
        QVERIFY(u->rejection.has_value());
    }

    void streamAdvancesItsCursor() {
        const WorkerJob job = grind_job();
        FakeTransport fake;
        fake.on_json(HttpMethod::Get, "/stream?after=0", 200,
                     R"({"status":"IN_PROGRESS","items":[)" + item(progress_line(job, 10, 1)) + "," +
                         item(progress_line(job, 20, 2)) + R"(],"next":2})");
        fake.on_json(HttpMethod::Get, "/stream?after=2", 200,
                     R"({"status":"COMPLETED","items":[)" + item(found_result(job)) + R"(],"next":3})");
        ModalAdapter modal(fake, config());
        const CloudResult<JobUpdate> first = modal.stream(handle(), job);
        QVERIFY(first.ok());
        QCOMPARE(first->progress.size(), std::size_t(2));
        const CloudResult<JobUpdate> second = modal.stream(handle(), job);
        QVERIFY(second.ok());
        QVERIFY(second->result.has_value());
        QCOMPARE(QString::fromStdString(fake.requests()[1].url),
                 QStringLiteral("https://me--vanikeys-web.modal.run/jobs/fc-01ABC/stream?after=2"));
    }

    void streamCursorGoingBackwardsIsMalformed() {
        FakeTransport fake;
        fake.on_json(HttpMethod::Get, "/stream?after=0", 200, R"({"status":"IN_PROGRESS","items":[{},{}],"next":1})");
        ModalAdapter modal(fake, config());
        const CloudResult<JobUpdate> u = modal.stream(handle(), grind_job());
        QVERIFY(!u.ok());
        QCOMPARE(u.error().kind, CloudErrorKind::Malformed);
    }

    void cancelAndHealth() {
        FakeTransport fake;
        fake.on_json(HttpMethod::Post, "/jobs/fc-01ABC/cancel", 200, R"({"id":"fc-01ABC","status":"CANCELLED"})");
        fake.on_json(HttpMethod::Get, "/health", 200, R"({"ok":true,"protocol":1,"jobs_in_progress":2})");
        ModalAdapter modal(fake, config());
        QCOMPARE(modal.cancel(handle()).value(), JobState::Cancelled);
        const CloudResult<ProviderHealth> h = modal.health();
        QVERIFY(h.ok());
        QCOMPARE(h->jobs_in_progress, 2);
    }

    void healthRefusesAnotherProtocol() {
        FakeTransport fake;
        fake.on_json(HttpMethod::Get, "/health", 200, R"({"ok":true,"protocol":2})");
        ModalAdapter modal(fake, config());
        const CloudResult<ProviderHealth> h = modal.health();
        QVERIFY(!h.ok());
        QVERIFY(h.error().message.find("redeploy") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestModalAdapter)
#include "test_modal_adapter.moc"
