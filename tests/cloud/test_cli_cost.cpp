// `vanikeys-cli cost` end to end: runs the built binary and checks its JSON against the
// design notes' worked example, the what-if platform, catalog files, overrides and errors.
#include <QtTest>

#include <fstream>

#include <nlohmann/json.hpp>

#include "cost_test_support.h"

namespace {

struct Run {
    int exit_code = -1;
    std::string out;
    std::string err;
};

Run run_cli(const QStringList& args) {
    QProcess process;
    process.start(QStringLiteral(VANIKEYS_CLI_PATH), QStringList{QStringLiteral("cost")} + args);
    if (!process.waitForFinished(30000)) qFatal("vanikeys-cli did not finish");
    return {process.exitCode(), process.readAllStandardOutput().toStdString(),
            process.readAllStandardError().toStdString()};
}

nlohmann::json run_json(const QStringList& args) {
    const Run run = run_cli(args + QStringList{QStringLiteral("--json")});
    if (run.exit_code != 0) qFatal("vanikeys-cli failed (%d): %s", run.exit_code, run.err.c_str());
    return nlohmann::json::parse(run.out);
}

const nlohmann::json& row(const nlohmann::json& j, const std::string& id) {
    for (const nlohmann::json& r : j["platforms"])
        if (r["id"] == id) return r;
    qFatal("no row %s", id.c_str());
}

const nlohmann::json& breakeven(const nlohmann::json& j, const std::string& on_demand) {
    for (const nlohmann::json& b : j["breakeven"])
        if (b["on_demand"] == on_demand) return b;
    qFatal("no breakeven for %s", on_demand.c_str());
}

bool near(double a, double b, double relative = 1e-9) { return std::fabs(a - b) <= relative * std::fabs(b); }

QStringList words(const char* text) { return QString::fromUtf8(text).split(QLatin1Char(' ')); }

} // namespace

class TestCliCost : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void worked_example_from_the_builtin_catalog() {
        const nlohmann::json j = run_json(words("--expected-attempts 4.2e9 --warm --jobs-per-day 100"));
        QCOMPARE(j["inputs"]["expected_attempts"].get<double>(), 4.2e9);
        QCOMPARE(j["inputs"]["format"].get<std::string>(), std::string("didkey"));
        QCOMPARE(j["inputs"]["catalog"].get<std::string>(), std::string("built-in"));
        const nlohmann::json& r = row(j, "runpod-4090");
        QCOMPARE(r["keys_per_second"].get<double>(), 50e6);
        QCOMPARE(r["rate_source"].get<std::string>(), std::string("catalog_estimate"));
        QCOMPARE(r["expected"]["seconds"].get<double>(), 84.0);
        QVERIFY(near(r["expected"]["usd"].get<double>(), 84.0 / 3600 * 0.34));
        QVERIFY(near(r["monthly"]["usd"].get<double>(), 23.8));
        const nlohmann::json& b = breakeven(j, "runpod-4090");
        QCOMPARE(b["dedicated"].get<std::string>(), std::string("dedicated-4000ada"));
        QCOMPARE(std::round(b["jobs_per_month"].get<double>() / 1000), 138.0);
        QCOMPARE(std::round(b["jobs_per_day"].get<double>() / 100), 46.0);
        QVERIFY(j["choices"].contains("cheapest") && j["choices"].contains("fastest"));
    }

    void what_if_platform() {
        const nlohmann::json j = run_json(words("--expected-attempts 4.2e9 --rate 5e7 --usd-per-hour 0.34 --jobs-per-day 1000"));
        const nlohmann::json& r = row(j, "what-if");
        QCOMPARE(r["rate_source"].get<std::string>(), std::string("override"));
        QCOMPARE(r["billing"].get<std::string>(), std::string("ms"));
        QCOMPARE(r["expected"]["seconds"].get<double>(), 84.0);
        QVERIFY(near(r["expected"]["usd"].get<double>(), 84.0 / 3600 * 0.34));
        QVERIFY(near(r["monthly"]["usd"].get<double>(), 238.0));
        QCOMPARE(std::round(breakeven(j, "what-if")["jobs_per_month"].get<double>() / 1000), 138.0);

        // From a catalog platform: Modal's per-second billing and cold start, our price.
        const nlohmann::json based = run_json(words("--expected-attempts 4.2e9 --base modal-h100 --usd-per-hour 1.2 --cold-start-s 6"));
        const nlohmann::json& m = row(based, "what-if");
        QCOMPARE(m["name"].get<std::string>(), std::string("Modal H100 (what-if)"));
        QCOMPARE(m["start_s"].get<double>(), 6.0);
        const double seconds = 4.2e9 / 40.5e6 + 6;
        QVERIFY(near(m["expected"]["usd"].get<double>(), std::ceil(seconds) * 1.2 / 3600));
    }

    void catalog_file_and_overrides() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("pricing.json"));
        std::ofstream(path.toStdString()) << vanikeys::cost::testing::worked_example_catalog().dump(2);
        const nlohmann::json j = run_json(QStringList{QStringLiteral("--expected-attempts"), QStringLiteral("4.2e9"),
                                                      QStringLiteral("--catalog"), path, QStringLiteral("--set"),
                                                      QStringLiteral("modal-h100.usd_per_hour=1.2,own-gpu.watts=300")});
        QCOMPARE(j["platforms"].size(), std::size_t{4});
        QCOMPARE(j["inputs"]["catalog"].get<std::string>(), path.toStdString());
        QCOMPARE(row(j, "modal-h100")["price"]["usd_per_hour"].get<double>(), 1.2);
        QCOMPARE(row(j, "modal-h100")["overridden"][0].get<std::string>(), std::string("usd_per_hour"));
        QVERIFY(near(row(j, "own-gpu")["expected"]["usd"].get<double>(), 0.3 * 0.3 * 84 / 3600));
    }

    void job_from_a_pattern() {
#ifdef VANIKEYS_CLI_HAS_ESTIMATE
        // An Ethereum prefix of six hex digits, either case: every address has 16^-6 odds.
        const nlohmann::json j = run_json(words("--format eth --mode prefix --pattern c0ffee --warm"));
        QCOMPARE(j["inputs"]["source"].get<std::string>(), std::string("pattern"));
        QCOMPARE(j["inputs"]["format"].get<std::string>(), std::string("eth"));
        QVERIFY(near(j["inputs"]["expected_attempts"].get<double>(), 16777216.0));
        QVERIFY(near(j["inputs"]["attempts_90"].get<double>(), 16777216.0 * std::log(10.0)));
        const nlohmann::json& r = row(j, "runpod-4090");
        QVERIFY(near(r["expected"]["seconds"].get<double>(), 16777216.0 / 50e6));
        // A pattern no key can match is refused before anything is priced.
        const Run bad = run_cli(words("--format didkey --pattern 0OO"));
        QCOMPARE(bad.exit_code, 2);
        QVERIFY(QString::fromStdString(bad.err).contains(QStringLiteral("never occurs in base58")));
#else
        const Run run = run_cli(words("--format eth --mode prefix --pattern c0ffee"));
        QCOMPARE(run.exit_code, 2);
        QVERIFY(QString::fromStdString(run.err).contains(QStringLiteral("--expected-attempts N instead of --pattern")));
#endif
    }

    void errors_exit_2_with_a_message_data() {
        QTest::addColumn<QString>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no job") << "--jobs-per-day 5" << "give the job as --format F --pattern P";
        QTest::newRow("two jobs") << "--expected-attempts 1e9 --pattern GO" << "one or the other";
        QTest::newRow("zero attempts") << "--expected-attempts 0" << "--expected-attempts must be between 1";
        QTest::newRow("bad format") << "--expected-attempts 1e9 --format p2sh" << "unknown format 'p2sh'";
        QTest::newRow("bad override") << "--expected-attempts 1e9 --set modal-h100.usd_per_hour=-1"
                                      << "platforms[5] 'modal-h100': usd_per_hour must be a positive number";
        QTest::newRow("override syntax") << "--expected-attempts 1e9 --set usd_per_hour=1" << "must look like PLATFORM.FIELD=VALUE";
        QTest::newRow("missing catalog") << "--expected-attempts 1e9 --catalog /nonexistent/pricing.json"
                                         << "cannot read the pricing catalog '/nonexistent/pricing.json'";
        QTest::newRow("half a what-if") << "--expected-attempts 1e9 --rate 5e7" << "a what-if platform needs --rate and --usd-per-hour";
        QTest::newRow("unknown base") << "--expected-attempts 1e9 --base vast" << "--base: no platform 'vast'";
        QTest::newRow("hourly price on dedicated") << "--expected-attempts 1e9 --base dedicated-4000ada --usd-per-hour 1"
                                                   << "--usd-per-hour applies to serverless and batch platforms";
        QTest::newRow("bad chance") << "--expected-attempts 1e9 --chance 75" << "--chance must be expected, 50, 90 or 99";
        QTest::newRow("bad kind") << "--expected-attempts 1e9 --kinds spot" << "--kinds: unknown kind 'spot'";
    }
    void errors_exit_2_with_a_message() {
        QFETCH(QString, args);
        QFETCH(QString, message);
        const Run run = run_cli(args.split(QLatin1Char(' ')) + QStringList{QStringLiteral("--json")});
        QCOMPARE(run.exit_code, 2);
        QVERIFY2(QString::fromStdString(run.err).contains(message), run.err.c_str());
        QCOMPARE(nlohmann::json::parse(run.out)["error"]["code"].get<int>(), 2);
    }

    void human_table() {
        const Run run = run_cli(words("--expected-attempts 4.2e9 --warm --jobs-per-day 100 --deadline-s 300"));
        QCOMPARE(run.exit_code, 0);
        const QString out = QString::fromStdString(run.out);
        QVERIFY(out.contains(QStringLiteral("RunPod Serverless RTX 4090")));
        QVERIFY(out.contains(QStringLiteral("1 min 24 s")));
        QVERIFY(out.contains(QStringLiteral("$0.0079")));
        QVERIFY(out.contains(QStringLiteral("$23.80")));
        QVERIFY(out.contains(QStringLiteral("138,025 jobs a month")));
        QVERIFY(out.contains(QStringLiteral("est.")));
        QVERIFY(out.contains(QStringLiteral("Cheapest  ")) && out.contains(QStringLiteral("Deadline  ")));
    }
};

QTEST_GUILESS_MAIN(TestCliCost)
#include "test_cli_cost.moc"
