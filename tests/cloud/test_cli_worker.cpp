// `vanikeys-cli worker`, the program every cloud worker runs, as a process: its lines parse with
// the strict protocol parser, every hit of every format rebuilds from d to an exact match, pulls
// and budgets end where they should, resumed counts continue and share the budget, SIGTERM stops
// it cleanly with a result, and every bad job (no Q, key material, a point off the curve, a bad
// pattern, ...) is refused with exit 2 and one error line.
#include <QtTest>

#include <csignal>
#include <random>

#include <nlohmann/json.hpp>

#include "cloud/client/hit_verifier.h"
#include "cloud/protocol/partial_check.h"
#include "cloud/protocol/worker_protocol.h"
#include "cli_test_support.h"

using namespace vanikeys;
using namespace vanikeys::cloud;
using nlohmann::json;

namespace {

struct WorkerRun {
    int exit_code = -1;
    std::vector<WorkerMessage> messages;
    QString stderr_text;
    double seconds = 0;
};

std::uint64_t test_seed() {
    const QByteArray text = qgetenv("VANIKEYS_TEST_SEED");
    return text.isEmpty() ? 20'251'128u : text.toULongLong();
}

// The split-key secret of these tests, from the seed (the worker's own starts come from its
// CSPRNG and need no seed: every hit is checked against d whatever they were).
SecretKey test_secret() {
    std::mt19937_64 random(test_seed());
    SecretKey d;
    for (std::size_t i = 0; i < SecretKey::kSize; ++i) d.data()[i] = static_cast<std::uint8_t>(random());
    d.data()[0] &= 0x7f;  // below n
    return d;
}

json base_job(const std::string& id, const char* format, const char* pattern, double seconds = 20) {
    const std::array<std::uint8_t, 33> q = libsecp_public_key(test_secret())->compressed;
    return {{"protocol", 1},
            {"job_id", id},
            {"kind", "grind"},
            {"format", format},
            {"pattern", pattern},
            {"mode", "contains"},
            {"case_sensitive", false},
            {"fuzzy", false},
            {"split_key", {{"public_key_hex", to_hex(q)}}},
            {"budget", {{"max_keys", 0}, {"max_seconds", seconds}}},
            {"progress_interval_seconds", 0.1},
            {"worker_index", 0},
            {"worker_count", 1}};
}

// Runs the worker on `stdin_text`; `while_running` may act on the process (a signal).
WorkerRun run_worker(const QByteArray& stdin_text, QStringList extra = {},
                     const std::function<void(QProcess&)>& while_running = {}) {
    QProcess p;
    QElapsedTimer timer;
    timer.start();
    p.start(QStringLiteral(VANIKEYS_CLI_PATH), QStringList{QStringLiteral("worker"), QStringLiteral("--threads"),
                                                           QStringLiteral("1")} + extra);
    p.waitForStarted();
    p.write(stdin_text);
    p.closeWriteChannel();
    if (while_running) while_running(p);
    p.waitForFinished(60'000);
    WorkerRun run;
    run.exit_code = p.exitCode();
    run.seconds = static_cast<double>(timer.elapsed()) / 1000.0;
    run.stderr_text = QString::fromUtf8(p.readAllStandardError());
    for (const QByteArray& line : p.readAllStandardOutput().split('\n')) {
        if (line.trimmed().isEmpty()) continue;
        CloudResult<WorkerMessage> m = parse_message_line(line.toStdString());
        if (!m.ok()) qFatal("the worker wrote a line the protocol refuses: %s (%s)", line.constData(), m.error().message.c_str());
        run.messages.push_back(std::move(m).value());
    }
    return run;
}

WorkerRun run_job(const json& job, const std::function<void(QProcess&)>& while_running = {}) {
    return run_worker(QByteArray::fromStdString(job.dump()), {}, while_running);
}

const WorkerResult& result_of(const WorkerRun& run) {
    if (run.messages.empty() || !std::holds_alternative<WorkerResult>(run.messages.back()))
        qFatal("the worker's last line is not a result: %s", qPrintable(run.stderr_text));
    return std::get<WorkerResult>(run.messages.back());
}

std::vector<WorkerProgress> progress_of(const WorkerRun& run) {
    std::vector<WorkerProgress> out;
    for (const WorkerMessage& m : run.messages)
        if (const auto* p = std::get_if<WorkerProgress>(&m)) out.push_back(*p);
    return out;
}

} // namespace

class TestCliWorker : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qInfo("VANIKEYS_TEST_SEED=%llu", static_cast<unsigned long long>(test_seed())); }

    void grindsOfEveryFormatRebuildToExactMatches_data() {
        testdata::add_format_rows();
    }
    void grindsOfEveryFormatRebuildToExactMatches() {
        QFETCH(QString, format);
        QFETCH(QString, pattern);
        const json job = base_job("vk-w-" + format.toStdString(), qPrintable(format), qPrintable(pattern));
        const WorkerRun run = run_job(job);
        QCOMPARE(run.exit_code, 0);
        const WorkerResult& result = result_of(run);
        const WorkerJob parsed = parse_job(job).value();
        QVERIFY(!verify_result(parsed, result).has_value());
        QCOMPARE(result.reason, WorkerStopReason::Found);
        QVERIFY(!result.hits.empty() && result.hits.size() <= 16);
        const HitVerifier verifier = HitVerifier::for_job(parsed).value();
        for (const WireHit& hit : result.hits) {
            const CloudResult<SearchHit> key = verifier.rebuild(hit, test_secret());
            QVERIFY2(key.ok(), key.ok() ? "" : key.error().message.c_str());
            QVERIFY(key->match.exact);
        }
        QVERIFY(run.stderr_text.contains(QStringLiteral("engine")));  // which engine ran: said on stderr
    }

    void aPullDrawsItsKeysAndReturnsTheBest() {
        json job = base_job("vk-w-pull", "didkey", "zzzzzz");
        job["kind"] = "pull";
        job["pull_keys"] = 30'000;
        const WorkerRun run = run_job(job);
        QCOMPARE(run.exit_code, 1);
        const WorkerResult& result = result_of(run);
        QCOMPARE(result.reason, WorkerStopReason::Budget);
        QVERIFY(result.attempts >= 30'000);
        QVERIFY(result.attempts < 30'000 + 100'000);  // stops within a group or two
        QVERIFY(result.best.has_value());
        const WorkerJob parsed = parse_job(job).value();
        const CloudResult<SearchHit> best = HitVerifier::for_job(parsed)->rebuild(*result.best, test_secret());
        QVERIFY2(best.ok(), best.ok() ? "" : best.error().message.c_str());
        QVERIFY(best->match.matched_chars > 0);
    }

    void resumedCountsContinueAndShareTheBudget() {
        json job = base_job("vk-w-resume", "didkey", "zzzzzzzz");
        job["budget"]["max_keys"] = 200'000;
        job["resume"] = {{"attempts", 150'000}, {"seconds", 7.0}};
        const WorkerRun run = run_job(job);
        QCOMPARE(run.exit_code, 1);
        const WorkerResult& result = result_of(run);
        QCOMPARE(result.reason, WorkerStopReason::Budget);
        QVERIFY(result.attempts >= 200'000);
        QVERIFY2(result.attempts < 200'000 + 100'000, std::to_string(result.attempts).c_str());  // only 50,000 more
        QVERIFY(result.seconds >= 7.0);
        for (const WorkerProgress& p : progress_of(run)) QVERIFY(p.attempts >= 150'000 && p.seconds >= 7.0);

        job["resume"] = {{"attempts", 300'000}, {"seconds", 7.0}};  // the budget was spent before the restart
        const WorkerRun spent = run_job(job);
        QCOMPARE(spent.exit_code, 1);
        QCOMPARE(result_of(spent).attempts, std::uint64_t(300'000));
        QVERIFY(progress_of(spent).empty());

        job["budget"] = {{"max_keys", 0}, {"max_seconds", 10.0}};
        job["resume"] = {{"attempts", 5}, {"seconds", 9.6}};  // 0.4 s of the time budget left
        const WorkerRun late = run_job(job);
        QCOMPARE(result_of(late).reason, WorkerStopReason::Budget);
        QVERIFY(late.seconds < 5);
    }

    void sigtermStopsCleanlyWithAResult() {
        const json job = base_job("vk-w-term", "didkey", "zzzzzzzzzz", 60);
        const WorkerRun run = run_job(job, [](QProcess& p) {
            QVERIFY(p.waitForReadyRead(20'000));  // the first progress line: it is searching
            ::kill(static_cast<pid_t>(p.processId()), SIGTERM);
        });
        QCOMPARE(run.exit_code, 1);
        QCOMPARE(result_of(run).reason, WorkerStopReason::Requested);
        QVERIFY(result_of(run).attempts > 0);
        QVERIFY(run.seconds < 20);
    }

    void theTimeBudgetEndsTheSearch() {
        const WorkerRun run = run_job(base_job("vk-w-time", "eth", "fffffffffff", 0.5));
        QCOMPARE(run.exit_code, 1);
        QCOMPARE(result_of(run).reason, WorkerStopReason::Budget);
        QVERIFY(run.seconds < 5);
    }

    void aJobFromAFile() {
        QTemporaryDir dir;
        QFile file(dir.path() + QStringLiteral("/job.json"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::fromStdString(base_job("vk-w-file", "didkey", "ab").dump()));
        file.close();
        const WorkerRun run = run_worker({}, {QStringLiteral("--job"), file.fileName()});
        QCOMPARE(run.exit_code, 0);
        QCOMPARE(result_of(run).job_id, std::string("vk-w-file"));
    }

    void badJobsAreRefused_data() {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("named");
        QTest::newRow("no split key") << "no_q" << "split_key";
        QTest::newRow("a private key") << "key_material" << "key material";
        QTest::newRow("a seed deep inside") << "nested_seed" << "key material";
        QTest::newRow("Q off the curve") << "bad_q" << "not a point";
        QTest::newRow("a pattern base58 cannot hold") << "bad_pattern" << "never occurs";
        QTest::newRow("no time limit") << "no_time" << "max_seconds";
        QTest::newRow("another protocol") << "protocol" << "not supported";
        QTest::newRow("not JSON") << "not_json" << "not valid JSON";
        QTest::newRow("nothing at all") << "empty" << "no job";
    }
    void badJobsAreRefused() {
        QFETCH(QString, change);
        QFETCH(QString, named);
        json job = base_job("vk-w-bad", "didkey", "ab");
        if (change == QStringLiteral("no_q")) job.erase("split_key");
        if (change == QStringLiteral("key_material")) job["private_key_hex"] = std::string(64, '1');
        if (change == QStringLiteral("nested_seed")) job["budget"]["seed"] = "abandon abandon";
        if (change == QStringLiteral("bad_q")) job["split_key"]["public_key_hex"] = "02" + std::string(64, 'f');
        if (change == QStringLiteral("bad_pattern")) job["pattern"] = "G0";
        if (change == QStringLiteral("no_time")) job["budget"]["max_seconds"] = 0;
        if (change == QStringLiteral("protocol")) job["protocol"] = 2;
        QByteArray text = QByteArray::fromStdString(job.dump());
        if (change == QStringLiteral("not_json")) text = "{\"job_id\": \"vk-w-bad\", nope";
        if (change == QStringLiteral("empty")) text = "";

        const WorkerRun run = run_worker(text);
        QCOMPARE(run.exit_code, 2);
        QCOMPARE(run.messages.size(), std::size_t(1));
        const auto* error = std::get_if<WorkerError>(&run.messages.front());
        QVERIFY(error != nullptr);
        QCOMPARE(error->code, std::string("bad_input"));
        QVERIFY2(error->message.find(named.toStdString()) != std::string::npos, error->message.c_str());
        if (change != QStringLiteral("empty") && change != QStringLiteral("not_json"))
            QCOMPARE(error->job_id, std::string("vk-w-bad"));
    }
};

QTEST_GUILESS_MAIN(TestCliWorker)
#include "test_cli_worker.moc"
