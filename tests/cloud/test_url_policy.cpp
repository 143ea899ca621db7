// The URL policy: https anywhere, plain http only to loopback, and no URL tricks around it.
#include <QtTest>

#include "cloud/transport/curl_transport.h"
#include "cloud/transport/url_policy.h"

using namespace vanikeys::cloud;

class TestUrlPolicy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void loopbackHosts_data() {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("loopback");
        QTest::newRow("localhost") << "localhost" << true;
        QTest::newRow("LOCALHOST") << "LocalHost" << true;
        QTest::newRow("localhost.") << "localhost." << true;
        QTest::newRow("127.0.0.1") << "127.0.0.1" << true;
        QTest::newRow("127.255.3.4") << "127.255.3.4" << true;
        QTest::newRow("::1") << "::1" << true;
        QTest::newRow("[::1]") << "[::1]" << true;
        QTest::newRow("128.0.0.1") << "128.0.0.1" << false;
        QTest::newRow("10.0.0.1") << "10.0.0.1" << false;
        QTest::newRow("127.0.0") << "127.0.0" << false;
        QTest::newRow("127.0.0.1.5") << "127.0.0.1.5" << false;
        QTest::newRow("127.0.0.256") << "127.0.0.256" << false;
        QTest::newRow("0127.0.0.1") << "0127.0.0.1" << false;
        QTest::newRow("127.0.0.1.evil.com") << "127.0.0.1.evil.com" << false;
        QTest::newRow("localhost.evil.com") << "localhost.evil.com" << false;
        QTest::newRow("::2") << "::2" << false;
        QTest::newRow("empty") << "" << false;
    }
    void loopbackHosts() {
        QFETCH(QString, host);
        QFETCH(bool, loopback);
        QCOMPARE(is_loopback_host(host.toStdString()), loopback);
    }

    void policy_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("https remote") << "https://api.runpod.ai/v2" << true;
        QTest::newRow("HTTPS upper") << "HTTPS://api.runpod.ai/v2" << true;
        QTest::newRow("https with port") << "https://x.modal.run:443/jobs" << true;
        QTest::newRow("http loopback") << "http://127.0.0.1:8080/v2" << true;
        QTest::newRow("http localhost") << "http://localhost:1/x" << true;
        QTest::newRow("http ipv6 loopback") << "http://[::1]:8000/run" << true;
        QTest::newRow("http remote") << "http://api.runpod.ai/v2" << false;
        QTest::newRow("http private net") << "http://192.168.1.10/v2" << false;
        QTest::newRow("userinfo disguise") << "http://127.0.0.1@evil.com/" << false;
        QTest::newRow("userinfo https") << "https://user:pw@api.runpod.ai/" << false;
        QTest::newRow("ftp") << "ftp://127.0.0.1/" << false;
        QTest::newRow("file") << "file:///etc/passwd" << false;
        QTest::newRow("no scheme") << "api.runpod.ai/v2" << false;
        QTest::newRow("empty host") << "https:///v2" << false;
        QTest::newRow("bad ipv6") << "http://[::1/x" << false;
    }
    void policy() {
        QFETCH(QString, url);
        QFETCH(bool, allowed);
        const std::optional<CloudError> refusal = check_url_policy(url.toStdString());
        QCOMPARE(!refusal.has_value(), allowed);
        if (refusal) QCOMPARE(refusal->kind, CloudErrorKind::InsecureUrl);
    }

    // The refusal happens before any connection, so this needs no network: a plain http URL to
    // a remote host never leaves the machine, and the message says what to do.
    void curlRefusesPlainHttpToRemoteHosts() {
        CurlTransport curl;
        HttpRequest request;
        request.url = "http://api.runpod.ai/v2/abc/health";
        request.headers = {{"authorization", "Bearer secret-key"}};
        const HttpResult result = curl.send(request);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, CloudErrorKind::InsecureUrl);
        QVERIFY(result.error().message.find("https") != std::string::npos);
        QVERIFY(result.error().message.find("secret-key") == std::string::npos);
    }

    void joinUrl() {
        QCOMPARE(QString::fromStdString(join_url("https://a/v2/", "/x/run")), QStringLiteral("https://a/v2/x/run"));
        QCOMPARE(QString::fromStdString(join_url("https://a/v2", "/x/run")), QStringLiteral("https://a/v2/x/run"));
    }
};

QTEST_GUILESS_MAIN(TestUrlPolicy)
#include "test_url_policy.moc"
