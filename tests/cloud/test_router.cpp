// Router: the default rule (pulls and easy grinds to RunPod, hard grinds to Modal), configurable
// thresholds, fallbacks when a provider is not set up, and objective choices from quotes.
#include <QtTest>

#include "cloud/router/router.h"

using namespace vanikeys::cloud;

namespace {

RouteRequest request(JobKind kind, double attempts, std::vector<std::string> available = {"runpod", "modal"}) {
    RouteRequest r;
    r.kind = kind;
    r.expected_attempts = attempts;
    r.available = std::move(available);
    return r;
}

std::vector<ProviderQuote> quotes(const RouteRequest&) {
    return {{"runpod", 0.80, 900}, {"modal", 0.50, 2400}};
}

} // namespace

class TestRouter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaultRule_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<double>("attempts");
        QTest::addColumn<QString>("provider");
        QTest::newRow("pull") << int(JobKind::Pull) << 5e9 << "runpod";
        QTest::newRow("easy grind") << int(JobKind::Grind) << 1e6 << "runpod";
        QTest::newRow("just below") << int(JobKind::Grind) << 99'999'999.0 << "runpod";
        QTest::newRow("at threshold") << int(JobKind::Grind) << 100e6 << "modal";
        QTest::newRow("hard grind") << int(JobKind::Grind) << 4e12 << "modal";
    }
    void defaultRule() {
        QFETCH(int, kind);
        QFETCH(double, attempts);
        QFETCH(QString, provider);
        const CloudResult<RouteDecision> d = Router().choose(request(JobKind(kind), attempts));
        QVERIFY(d.ok());
        QCOMPARE(QString::fromStdString(d->provider), provider);
        QVERIFY(!d->reason.empty());
    }

    void thresholdIsConfigurable() {
        RoutingRules rules;
        rules.grind_modal_threshold_attempts = 1e6;
        QCOMPARE(QString::fromStdString(Router(rules).choose(request(JobKind::Grind, 2e6))->provider), QStringLiteral("modal"));
    }

    void fallsBackToWhatIsSetUp() {
        const CloudResult<RouteDecision> d = Router().choose(request(JobKind::Grind, 1e12, {"runpod"}));
        QCOMPARE(QString::fromStdString(d->provider), QStringLiteral("runpod"));
        QVERIFY(d->reason.find("not set up") != std::string::npos);
        const CloudResult<RouteDecision> none = Router().choose(request(JobKind::Grind, 1, {}));
        QCOMPARE(none.error().kind, CloudErrorKind::Config);
    }

    void objectivesUseQuotes() {
        Router router({}, quotes);
        RouteRequest r = request(JobKind::Grind, 1e10);
        r.objective = RouteObjective::Cheapest;
        QCOMPARE(QString::fromStdString(router.choose(r)->provider), QStringLiteral("modal"));
        r.objective = RouteObjective::Fastest;
        QCOMPARE(QString::fromStdString(router.choose(r)->provider), QStringLiteral("runpod"));
        r.objective = RouteObjective::CheapestWithinDeadline;
        r.deadline_seconds = 3600;
        QCOMPARE(QString::fromStdString(router.choose(r)->provider), QStringLiteral("modal"));
        r.deadline_seconds = 1000;
        QCOMPARE(QString::fromStdString(router.choose(r)->provider), QStringLiteral("runpod"));
        r.deadline_seconds = 60;
        const CloudResult<RouteDecision> impossible = router.choose(r);
        QVERIFY(!impossible.ok());
        QVERIFY(impossible.error().message.find("900 s") != std::string::npos);
        r.available = {"modal"};
        r.objective = RouteObjective::Fastest;
        QCOMPARE(QString::fromStdString(router.choose(r)->provider), QStringLiteral("modal"));
    }

    void objectivesWithoutCostModelSaySo() {
        RouteRequest r = request(JobKind::Grind, 1e10);
        r.objective = RouteObjective::Cheapest;
        const CloudResult<RouteDecision> d = Router().choose(r);
        QVERIFY(!d.ok());
        QVERIFY(d.error().message.find("cost model") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestRouter)
#include "test_router.moc"
