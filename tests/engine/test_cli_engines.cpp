// The engine choice and selftest through the built vanikeys-cli: without a usable GPU,
// --engine auto falls back to the CPU with a note and --engine cuda exits 3 with a clear
// message (grind, bench and selftest alike); selftest on the CPU passes for every format.
// On a machine with a usable GPU the no-GPU expectations are skipped and selftest runs on it.
#include <QtTest>

#include <nlohmann/json.hpp>

namespace {

struct Run {
    int exit_code = -1;
    std::string out;
    std::string err;
};

Run run_cli(const QStringList& args, int timeout_ms = 120000) {
    QProcess process;
    process.start(QStringLiteral(VANIKEYS_CLI_PATH), args);
    if (!process.waitForFinished(timeout_ms)) qFatal("vanikeys-cli did not finish");
    return Run{process.exitCode(), process.readAllStandardOutput().toStdString(),
               process.readAllStandardError().toStdString()};
}

// True when `--engine auto` picks a GPU here.
bool gpu_usable() {
    const Run r = run_cli({QStringLiteral("bench"), QStringLiteral("--format"), QStringLiteral("didkey"),
                           QStringLiteral("--pattern"), QStringLiteral("abcdefgh"), QStringLiteral("--seconds"),
                           QStringLiteral("0.2"), QStringLiteral("--json")});
    return r.exit_code == 0 && nlohmann::json::parse(r.out).value("engine", "") == "cuda";
}

} // namespace

class TestCliEngines : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void autoFallsBackToTheCpuWithANote() {
        if (gpu_usable()) QSKIP("a CUDA GPU is usable here");
        const Run r = run_cli({QStringLiteral("bench"), QStringLiteral("--format"), QStringLiteral("npub"),
                               QStringLiteral("--pattern"), QStringLiteral("qqqqqqqq"), QStringLiteral("--seconds"),
                               QStringLiteral("0.3"), QStringLiteral("--json")});
        QCOMPARE(r.exit_code, 0);
        QCOMPARE(QString::fromStdString(nlohmann::json::parse(r.out)["engine"].get<std::string>()), QStringLiteral("cpu"));
        QVERIFY2(r.err.find("falling back to the CPU") != std::string::npos, r.err.c_str());
    }

    void cudaWithoutAGpuExitsThree_data() {
        QTest::addColumn<QStringList>("args");
        const QStringList pattern{QStringLiteral("--format"), QStringLiteral("didkey"), QStringLiteral("--pattern"),
                                  QStringLiteral("abcdefgh")};
        QTest::newRow("grind") << (QStringList{QStringLiteral("grind")} + pattern);
        QTest::newRow("bench") << (QStringList{QStringLiteral("bench")} + pattern);
        QTest::newRow("selftest") << QStringList{QStringLiteral("selftest")};
    }
    void cudaWithoutAGpuExitsThree() {
        QFETCH(QStringList, args);
        if (gpu_usable()) QSKIP("a CUDA GPU is usable here");
        const Run r = run_cli(args + QStringList{QStringLiteral("--engine"), QStringLiteral("cuda")});
        QCOMPARE(r.exit_code, 3);
        QVERIFY2(r.err.find("--engine cpu") != std::string::npos, r.err.c_str());  // says what to do
        QVERIFY(r.err.find("CUDA") != std::string::npos);
    }

    void selftestPassesOnTheCpu() {
        const Run r = run_cli({QStringLiteral("selftest"), QStringLiteral("--engine"), QStringLiteral("cpu"),
                               QStringLiteral("--json")});
        QVERIFY2(r.exit_code == 0, (r.out + r.err).c_str());
        const auto j = nlohmann::json::parse(r.out);
        QVERIFY(j["ok"].get<bool>());
        QCOMPARE(j["formats"].size(), std::size_t(4));
        for (const auto& f : j["formats"]) {
            QVERIFY(f["sample"]["candidates"].get<std::uint64_t>() > 1000);
            QCOMPARE(f["sample"]["mismatches"].get<std::uint64_t>(), std::uint64_t(0));
            QVERIFY(f["volume"]["keys"].get<std::uint64_t>() >= 1000000);
            QVERIFY(f["volume"]["hits"].get<std::uint64_t>() > 0);
            QCOMPARE(f["volume"]["hits_verified"], f["volume"]["hits"]);
        }
    }

    void selftestRunsOnTheGpuWhereThereIsOne() {
        if (!gpu_usable()) QSKIP("no usable CUDA GPU here");
        const Run r = run_cli({QStringLiteral("selftest"), QStringLiteral("--engine"), QStringLiteral("cuda"),
                               QStringLiteral("--json")});
        QVERIFY2(r.exit_code == 0, (r.out + r.err).c_str());
        QVERIFY(nlohmann::json::parse(r.out)["ok"].get<bool>());
    }
};

QTEST_GUILESS_MAIN(TestCliEngines)
#include "test_cli_engines.moc"
