// Numbers for people: the CLI and the app print these, so their exact text is the contract.
#include <QtTest>

#include <limits>

#include "engine/core/humanize.h"

class TestHumanize : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void counts_data() {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("small") << 950.0 << QStringLiteral("950");
        QTest::newRow("thousands") << 12345.0 << QStringLiteral("12,345");
        QTest::newRow("million") << 2.1e6 << QStringLiteral("2.1 million");
        QTest::newRow("billion") << 4.2e9 << QStringLiteral("4.2 billion");
        QTest::newRow("tens of billions") << 42.5e9 << QStringLiteral("42.5 billion");
        QTest::newRow("hundreds of trillions") << 420e12 << QStringLiteral("420 trillion");
        QTest::newRow("huge") << 3.1e18 << QStringLiteral("3.1e+18");
        QTest::newRow("fraction") << 0.25 << QStringLiteral("0.25");
    }
    void counts() {
        QFETCH(double, value);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(vanikeys::human_count(value)), text);
    }

    void odds() {
        QCOMPARE(vanikeys::human_odds(1.0 / 4.2e9), std::string("1 in 4.2 billion"));
        QCOMPARE(vanikeys::human_odds(0.5), std::string("1 in 2"));
        QCOMPARE(vanikeys::human_odds(0.0), std::string("impossible"));
        QCOMPARE(vanikeys::human_odds(1.0), std::string("certain"));
    }

    void durations_data() {
        QTest::addColumn<double>("seconds");
        QTest::addColumn<QString>("text");
        QTest::newRow("sub-second") << 0.25 << QStringLiteral("0.25 s");
        QTest::newRow("milliseconds") << 0.0031 << QStringLiteral("3.1 ms");
        QTest::newRow("microseconds") << 1.1e-5 << QStringLiteral("< 1 ms");
        QTest::newRow("seconds") << 42.0 << QStringLiteral("42 s");
        QTest::newRow("minutes") << 200.0 << QStringLiteral("3 min 20 s");
        QTest::newRow("exact minute") << 60.0 << QStringLiteral("1 min");
        QTest::newRow("hours") << 7260.0 << QStringLiteral("2 h 1 min");
        QTest::newRow("days") << 90061.0 << QStringLiteral("1 day 1 h");
        QTest::newRow("years") << 2.1 * 365.25 * 86400 << QStringLiteral("2.1 years");
        QTest::newRow("eons") << 3.2e6 * 365.25 * 86400 << QStringLiteral("3.2 million years");
        QTest::newRow("never") << std::numeric_limits<double>::infinity() << QStringLiteral("never");
    }
    void durations() {
        QFETCH(double, seconds);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(vanikeys::human_duration(seconds)), text);
    }

    void money() {
        QCOMPARE(vanikeys::human_usd(0.00793), std::string("$0.0079"));
        QCOMPARE(vanikeys::human_usd(24.5), std::string("$24.50"));
        QCOMPARE(vanikeys::human_usd(1095), std::string("$1,095"));
        QCOMPARE(vanikeys::human_usd(9.4e-8), std::string("< $0.0001"));
    }

    void percent() {
        QCOMPARE(vanikeys::human_percent(0.5), std::string("50 %"));
        QCOMPARE(vanikeys::human_percent(0.0123), std::string("1.2 %"));
        QCOMPARE(vanikeys::human_percent(0.0001234), std::string("0.012 %"));
    }
};

QTEST_GUILESS_MAIN(TestHumanize)
#include "test_humanize.moc"
