// RetryingTransport: which faults are retried, how long it waits (backoff, jitter, Retry-After),
// the time limit on every attempt, and what it returns when it gives up. A FakeClock makes the
// whole schedule run without sleeping.
#include <QtTest>

#include "cloud/transport/fake_transport.h"
#include "cloud/transport/retrying_transport.h"

using namespace vanikeys::cloud;
using std::chrono::milliseconds;

namespace {

HttpResponse reply(int status, HttpHeaders headers = {}) { return HttpResponse{status, std::move(headers), "{}"}; }

HttpRequest get(std::string url = "https://api.example/v2/e/status/j") {
    HttpRequest r;
    r.url = std::move(url);
    r.timeout = milliseconds(30'000);
    return r;
}

HttpRequest post_run() {
    HttpRequest r = get("https://api.example/v2/e/run");
    r.method = HttpMethod::Post;
    r.idempotent = false;
    return r;
}

struct Rig {
    FakeTransport fake;
    FakeClock clock;
    RetryPolicy policy;
    std::unique_ptr<RetryingTransport> retrying;
    std::vector<RetryEvent> events;

    explicit Rig(RetryPolicy p = {}) : policy(p) {
        retrying = std::make_unique<RetryingTransport>(fake, policy, clock, [] { return 0.5; });
        retrying->set_retry_listener([this](const RetryEvent& e) { events.push_back(e); });
    }
};

} // namespace

class TestRetryingTransport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void retriesServerErrorsWithBackoffUntilSuccess() {
        Rig rig;
        rig.fake.on(HttpMethod::Get, "", reply(503));
        rig.fake.on(HttpMethod::Get, "", reply(502));
        rig.fake.on(HttpMethod::Get, "", reply(200));
        const HttpResult result = rig.retrying->send(get());
        QVERIFY(result.ok());
        QCOMPARE(result->status, 200);
        QCOMPARE(rig.fake.request_count(), std::size_t(3));
        // Equal jitter with u = 0.5: base/2 + base/4, base = 500 ms * 2^(attempt-1).
        QCOMPARE(rig.clock.sleeps(), (std::vector<milliseconds>{milliseconds(375), milliseconds(750)}));
        QCOMPARE(rig.events.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(rig.events[0].reason), QStringLiteral("HTTP 503"));
    }

    void honoursRetryAfterSeconds() {
        Rig rig;
        rig.fake.on(HttpMethod::Get, "", reply(429, {{"Retry-After", "7"}}));
        rig.fake.on(HttpMethod::Get, "", reply(200));
        QVERIFY(rig.retrying->send(get()).ok());
        QCOMPARE(rig.clock.sleeps(), (std::vector<milliseconds>{milliseconds(7000)}));
    }

    void honoursRetryAfterDate() {
        Rig rig;  // FakeClock's wall clock starts at 2030-01-01T00:00:00Z
        rig.fake.on(HttpMethod::Get, "", reply(429, {{"retry-after", "Tue, 01 Jan 2030 00:00:12 GMT"}}));
        rig.fake.on(HttpMethod::Get, "", reply(200));
        QVERIFY(rig.retrying->send(get()).ok());
        QCOMPARE(rig.clock.sleeps(), (std::vector<milliseconds>{milliseconds(12'000)}));
    }

    void givesUpWhenRetryAfterIsTooLong() {
        Rig rig;
        rig.fake.on(HttpMethod::Get, "", reply(429, {{"Retry-After", "3600"}}));
        const HttpResult result = rig.retrying->send(get());
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, CloudErrorKind::RateLimited);
        QCOMPARE(result.error().http_status, 429);
        QVERIFY(result.error().message.find("3600 s") != std::string::npos);
        QCOMPARE(rig.fake.request_count(), std::size_t(1));
        QVERIFY(rig.clock.sleeps().empty());
    }

    void neverRetriesAuthOrClientErrors_data() {
        QTest::addColumn<int>("status");
        QTest::newRow("401") << 401;
        QTest::newRow("403") << 403;
        QTest::newRow("404") << 404;
        QTest::newRow("400") << 400;
        QTest::newRow("501") << 501;
    }
    void neverRetriesAuthOrClientErrors() {
        QFETCH(int, status);
        Rig rig;
        rig.fake.on(HttpMethod::Get, "", reply(status));
        const HttpResult result = rig.retrying->send(get());
        QVERIFY(result.ok());
        QCOMPARE(result->status, status);
        QCOMPARE(rig.fake.request_count(), std::size_t(1));
        QVERIFY(rig.clock.sleeps().empty());
    }

    void exhaustedServerErrorsBecomeServerError() {
        Rig rig;
        rig.fake.on(HttpMethod::Get, "", HttpResponse{500, {}, "upstream exploded"});
        const HttpResult result = rig.retrying->send(get());
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, CloudErrorKind::ServerError);
        QCOMPARE(result.error().http_status, 500);
        QVERIFY(result.error().message.find("5 attempts") != std::string::npos);
        QVERIFY(result.error().message.find("upstream exploded") != std::string::npos);
        QCOMPARE(rig.fake.request_count(), std::size_t(5));
        QCOMPARE(rig.clock.sleeps().size(), std::size_t(4));
    }

    void retriesConnectionFaults_data() {
        QTest::addColumn<int>("kind");
        QTest::newRow("dns") << int(CloudErrorKind::Dns);
        QTest::newRow("connect") << int(CloudErrorKind::Connect);
        QTest::newRow("timeout") << int(CloudErrorKind::Timeout);
        QTest::newRow("dropped") << int(CloudErrorKind::Dropped);
    }
    void retriesConnectionFaults() {
        QFETCH(int, kind);
        Rig rig;
        rig.fake.on(HttpMethod::Get, "", cloud_error(CloudErrorKind(kind), "boom"));
        rig.fake.on(HttpMethod::Get, "", reply(200));
        QVERIFY(rig.retrying->send(get()).ok());
        QCOMPARE(rig.fake.request_count(), std::size_t(2));
    }

    void neverRetriesTlsOrPolicyFaults_data() {
        QTest::addColumn<int>("kind");
        QTest::newRow("tls") << int(CloudErrorKind::Tls);
        QTest::newRow("insecure url") << int(CloudErrorKind::InsecureUrl);
        QTest::newRow("too large") << int(CloudErrorKind::TooLarge);
    }
    void neverRetriesTlsOrPolicyFaults() {
        QFETCH(int, kind);
        Rig rig;
        rig.fake.on(HttpMethod::Get, "", cloud_error(CloudErrorKind(kind), "no"));
        const HttpResult result = rig.retrying->send(get());
        QVERIFY(!result.ok());
        QCOMPARE(int(result.error().kind), kind);
        QCOMPARE(rig.fake.request_count(), std::size_t(1));
    }

    // A job submission is retried only when it cannot have started a job.
    void submissionsAreRetriedOnlyWhenSafe_data() {
        QTest::addColumn<int>("status");     // 0: use `kind` instead
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("attempts");
        QTest::newRow("429 retried") << 429 << 0 << 2;
        QTest::newRow("503 retried") << 503 << 0 << 2;
        QTest::newRow("500 not retried") << 500 << 0 << 1;
        QTest::newRow("502 not retried") << 502 << 0 << 1;
        QTest::newRow("connect retried") << 0 << int(CloudErrorKind::Connect) << 2;
        QTest::newRow("dns retried") << 0 << int(CloudErrorKind::Dns) << 2;
        QTest::newRow("dropped not retried") << 0 << int(CloudErrorKind::Dropped) << 1;
        QTest::newRow("timeout not retried") << 0 << int(CloudErrorKind::Timeout) << 1;
    }
    void submissionsAreRetriedOnlyWhenSafe() {
        QFETCH(int, status);
        QFETCH(int, kind);
        QFETCH(int, attempts);
        Rig rig;
        if (status != 0) rig.fake.on(HttpMethod::Post, "", reply(status));
        else rig.fake.on(HttpMethod::Post, "", cloud_error(CloudErrorKind(kind), "fault"));
        rig.fake.on(HttpMethod::Post, "", reply(200));
        rig.retrying->send(post_run());
        QCOMPARE(rig.fake.request_count(), std::size_t(attempts));
    }

    void everyAttemptIsTimeLimitedByTheBudget() {
        RetryPolicy policy;
        policy.max_attempts = 100;
        policy.total_budget = milliseconds(10'000);
        Rig rig(policy);
        rig.fake.on(HttpMethod::Get, "", cloud_error(CloudErrorKind::Connect, "refused"));
        const HttpResult result = rig.retrying->send(get());
        QVERIFY(!result.ok());
        QVERIFY(result.error().message.find("out of time") != std::string::npos);
        QVERIFY(rig.clock.elapsed() <= milliseconds(10'000));
        const std::vector<HttpRequest> sent = rig.fake.requests();
        QVERIFY(sent.size() >= 3);
        QCOMPARE(sent.front().timeout, milliseconds(10'000));  // cut from 30 s to the budget
        for (std::size_t i = 1; i < sent.size(); ++i) QVERIFY(sent[i].timeout < sent[i - 1].timeout);
    }

    void jitterStaysInItsWindow() {
        FakeTransport fake;
        FakeClock clock;
        RetryPolicy policy;
        RetryingTransport retrying(fake, policy, clock);  // the real random jitter
        for (int attempt = 1; attempt <= 8; ++attempt) {
            const double base = std::min(500.0 * std::pow(2.0, attempt - 1), 20'000.0);
            for (int i = 0; i < 200; ++i) {
                const auto d = double(retrying.backoff_delay(attempt).count());
                QVERIFY2(d >= std::floor(base / 2) && d < base, qPrintable(QString::number(d)));
            }
        }
    }

    void parsesRetryAfter_data() {
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("ms");  // -1: not parsed
        QTest::newRow("seconds") << "120" << 120'000;
        QTest::newRow("zero") << "0" << 0;
        QTest::newRow("spaces") << " 5 " << 5'000;
        QTest::newRow("date") << "Tue, 01 Jan 2030 00:01:00 GMT" << 60'000;
        QTest::newRow("past date") << "Mon, 31 Dec 2029 23:00:00 GMT" << 0;
        QTest::newRow("negative") << "-5" << -1;
        QTest::newRow("fraction") << "1.5" << -1;
        QTest::newRow("garbage") << "soon" << -1;
        QTest::newRow("bad month") << "Tue, 01 Foo 2030 00:01:00 GMT" << -1;
        QTest::newRow("bad day") << "Tue, 32 Jan 2030 00:01:00 GMT" << -1;
    }
    void parsesRetryAfter() {
        QFETCH(QString, value);
        QFETCH(int, ms);
        const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1'893'456'000));
        const std::optional<milliseconds> parsed = parse_retry_after(value.toStdString(), now);
        if (ms < 0) QVERIFY(!parsed);
        else QCOMPARE(parsed, std::optional<milliseconds>(milliseconds(ms)));
    }
};

QTEST_GUILESS_MAIN(TestRetryingTransport)
#include "test_retrying_transport.moc"
