// vanikeys-cli as a user runs it: JSON fields and exit codes of SPEC §5, the SPEC's pattern
// messages, keys that libsecp256k1 agrees with, files created 0600, split-key round trips.
#include <QtTest>

#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "engine/core/os_random.h"
#include "engine/encoding/hex.h"
#include "engine/format/address.h"
#include "engine/verify/libsecp.h"

using namespace vanikeys;

namespace {

struct Run {
    int exit_code = -1;
    std::string out;
    std::string err;
    nlohmann::json json() const { return nlohmann::json::parse(out); }
};

Run cli(const QStringList& args, int timeout_ms = 120000) {
    QProcess process;
    process.start(QStringLiteral(VANIKEYS_CLI_PATH), args);
    if (!process.waitForFinished(timeout_ms)) {
        process.kill();
        qFatal("vanikeys-cli %s did not finish", qPrintable(args.join(QLatin1Char(' '))));
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput().toStdString(), process.readAllStandardError().toStdString()};
}

// Splits a command line at spaces; '|' stands for a space inside one argument.
QStringList words(const QString& text) {
    QStringList out = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (QString& w : out) w.replace(QLatin1Char('|'), QLatin1Char(' '));
    return out;
}

std::string libsecp_pub_hex(const std::string& private_hex) {
    auto key = parse_secret(private_hex);
    return public_key_hex(*libsecp_public_key(*key));
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void estimatePrintsEverySpecField() {
        const Run r = cli({QStringLiteral("estimate"), QStringLiteral("--format"), QStringLiteral("didkey"),
                           QStringLiteral("--pattern"), QStringLiteral("GO BE AWE SOME"), QStringLiteral("--json")});
        QCOMPARE(r.exit_code, 0);
        const auto j = r.json();
        for (const char* field : {"probability", "expected_attempts", "attempts_50", "attempts_90", "attempts_99", "partial"})
            QVERIFY2(j.contains(field), field);
        const double p = j["probability"];
        QVERIFY(p > 1e-13 && p < 1e-11);
        QCOMPARE(j["expected_attempts"].get<double>(), 1 / p);
        QVERIFY(std::abs(j["attempts_50"].get<double>() - std::log(2.0) / p) < 1e-6 / p);
        QVERIFY(std::abs(j["attempts_99"].get<double>() - std::log(100.0) / p) < 1e-6 / p);
        QCOMPARE(j["partial"].size(), std::size_t(4));
        for (int k = 0; k < 4; ++k) QCOMPARE(j["partial"][k]["words"].get<int>(), k + 1);
        QCOMPARE(j["partial"][3]["probability"].get<double>(), p);
    }

    void rejectionsNameCharacterPositionAndRemedy_data() {
        QTest::addColumn<QString>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("zero in base58") << QStringLiteral("--format p2pkh --mode prefix --pattern AB0")
                                        << QStringLiteral("'0' (word 1, position 3) never occurs in base58 addresses; --fuzzy lets it match 'o'");
        QTest::newRow("did:key first character") << QStringLiteral("--format didkey --mode prefix --pattern LAB42")
                                                 << QStringLiteral("between 'M' and 'w'");
        QTest::newRow("two words for prefix") << QStringLiteral("--format eth --mode prefix --pattern ab|cd")
                                              << QStringLiteral("prefix mode takes exactly one word");
        QTest::newRow("upper case in npub") << QStringLiteral("--format npub --pattern GO --case-sensitive")
                                            << QStringLiteral("'G' (word 1, position 1) never occurs in bech32 addresses");
        QTest::newRow("unknown format") << QStringLiteral("--format xyz --pattern ab") << QStringLiteral("unknown format 'xyz'");
        QTest::newRow("unknown option") << QStringLiteral("--format eth --pattern ab --colour") << QStringLiteral("unknown option --colour");
    }
    void rejectionsNameCharacterPositionAndRemedy() {
        QFETCH(QString, args);
        QFETCH(QString, message);
        const Run r = cli(QStringList{QStringLiteral("estimate")} + words(args));
        QCOMPARE(r.exit_code, 2);
        QVERIFY2(QString::fromStdString(r.err).contains(message), r.err.c_str());
        QVERIFY(r.out.empty());
        // --json adds one error object on stdout.
        const Run j = cli(QStringList{QStringLiteral("estimate")} + words(args) + QStringList{QStringLiteral("--json")});
        QCOMPARE(j.exit_code, 2);
        QCOMPARE(j.json()["error"]["code"].get<int>(), 2);
    }

    void keypairAndVerifyAgreeWithLibsecp() {
        for (const char* format : {"didkey", "p2pkh", "eth", "npub"}) {
            const Run k = cli({QStringLiteral("keypair"), QStringLiteral("--format"), QString::fromLatin1(format),
                               QStringLiteral("--json")});
            QCOMPARE(k.exit_code, 0);
            const auto kj = k.json();
            const std::string priv = kj["private_key_hex"];
            QCOMPARE(kj["public_key_hex"].get<std::string>(), libsecp_pub_hex(priv));
            const Run v = cli({QStringLiteral("verify"), QStringLiteral("--format"), QString::fromLatin1(format),
                               QStringLiteral("--private-key"), QString::fromStdString(priv), QStringLiteral("--json")});
            QCOMPARE(v.exit_code, 0);
            const auto vj = v.json();
            QCOMPARE(vj["address"], kj["address"]);
            QCOMPARE(vj["public_key_hex"].get<std::string>(), libsecp_pub_hex(priv));
            const PublicKey pub = *parse_public_key_hex(libsecp_pub_hex(priv));
            QCOMPARE(vj["address"].get<std::string>(), address_of(*parse_format_name(format), pub));
        }
    }

    void verifyChecksAddressAndPattern() {
        const QString one = QStringLiteral("0000000000000000000000000000000000000000000000000000000000000001");
        Run r = cli({QStringLiteral("verify"), QStringLiteral("--format"), QStringLiteral("p2pkh"), QStringLiteral("--private-key"),
                     one, QStringLiteral("--address"), QStringLiteral("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH"),
                     QStringLiteral("--pattern"), QStringLiteral("BgG"), QStringLiteral("--mode"), QStringLiteral("prefix"),
                     QStringLiteral("--json")});
        QCOMPARE(r.exit_code, 0);
        auto j = r.json();
        QCOMPARE(j["score"].get<double>(), 1.0);
        QCOMPARE(j["matches"][0][0].get<int>(), 1);
        QCOMPARE(j["matches"][0][1].get<int>(), 4);
        r = cli({QStringLiteral("verify"), QStringLiteral("--format"), QStringLiteral("p2pkh"), QStringLiteral("--private-key"),
                 one, QStringLiteral("--address"), QStringLiteral("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMi")});
        QCOMPARE(r.exit_code, 1);
        r = cli({QStringLiteral("verify"), QStringLiteral("--format"), QStringLiteral("eth"), QStringLiteral("--private-key"),
                 QStringLiteral("00")});
        QCOMPARE(r.exit_code, 2);
    }

    void grindFindsAKeyAndWritesIt0600() {
        const QString out = QDir::temp().filePath(QStringLiteral("vanikeys-test-out-%1.jsonl").arg(QCoreApplication::applicationPid()));
        QFile::remove(out);
        const Run r = cli({QStringLiteral("grind"), QStringLiteral("--format"), QStringLiteral("didkey"), QStringLiteral("--mode"),
                           QStringLiteral("prefix"), QStringLiteral("--pattern"), QStringLiteral("ZEN"), QStringLiteral("--engine"),
                           QStringLiteral("cpu"), QStringLiteral("--out"), out, QStringLiteral("--json")});
        QCOMPARE(r.exit_code, 0);
        const auto j = r.json();
        for (const char* field : {"address", "private_key_hex", "public_key_hex", "attempts", "seconds", "keys_per_second",
                                  "score", "matches"})
            QVERIFY2(j.contains(field), field);
        QCOMPARE(j["score"].get<double>(), 1.0);
        QVERIFY(QString::fromStdString(j["address"].get<std::string>()).startsWith(QStringLiteral("did:key:zQ3shZEN"),
                                                                                    Qt::CaseInsensitive));
        QCOMPARE(j["public_key_hex"].get<std::string>(), libsecp_pub_hex(j["private_key_hex"]));
        QCOMPARE(j["matches"][0][0].get<int>(), 13);
        QCOMPARE(j["matches"][0][1].get<int>(), 16);

        struct stat st {};
        QCOMPARE(stat(out.toLocal8Bit().constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto line = nlohmann::json::parse(file.readLine().toStdString());
        QCOMPARE(line["address"], j["address"]);
        QCOMPARE(line["private_key_hex"], j["private_key_hex"]);
        QFile::remove(out);
    }

    void grindStopsAtItsLimitWithTheBestSoFar() {
        const Run r = cli({QStringLiteral("grind"), QStringLiteral("--format"), QStringLiteral("eth"), QStringLiteral("--pattern"),
                           QStringLiteral("0123456789abcdef01234"), QStringLiteral("--mode"), QStringLiteral("prefix"),
                           QStringLiteral("--max-seconds"), QStringLiteral("1"), QStringLiteral("--engine"), QStringLiteral("cpu"),
                           QStringLiteral("--json")});
        QCOMPARE(r.exit_code, 1);
        const auto j = r.json();
        QCOMPARE(j["found"].get<bool>(), false);
        QVERIFY(j["attempts"].get<double>() > 1e5);
        QVERIFY(j["seconds"].get<double>() >= 1 && j["seconds"].get<double>() < 2);
        QVERIFY(j["best"]["matched_chars"].get<int>() >= 3);
        QCOMPARE(j["best"]["public_key_hex"].get<std::string>(), libsecp_pub_hex(j["best"]["private_key_hex"]));
    }

    void splitKeyGrindAndCombine() {
        const SecretKey secret = random_secret_key();
        const std::string secret_hex_text = encoding::hex_encode(secret.bytes());
        const std::string q = public_key_hex(*libsecp_public_key(secret));
        const Run g = cli({QStringLiteral("grind"), QStringLiteral("--format"), QStringLiteral("npub"), QStringLiteral("--mode"),
                           QStringLiteral("prefix"), QStringLiteral("--pattern"), QStringLiteral("ace"), QStringLiteral("--split-key"),
                           QString::fromStdString(q), QStringLiteral("--engine"), QStringLiteral("cpu"), QStringLiteral("--json")});
        QCOMPARE(g.exit_code, 0);
        const auto gj = g.json();
        QVERIFY(!gj.contains("private_key_hex"));  // the searcher never had the key
        QVERIFY(gj.contains("partial"));
        // What the searcher printed does not contain the secret either.
        QVERIFY(g.out.find(secret_hex_text) == std::string::npos);
        const QString partial = QDir::temp().filePath(QStringLiteral("vanikeys-test-partial-%1.json").arg(QCoreApplication::applicationPid()));
        {
            QFile f(partial);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray::fromStdString(g.out));
        }
        const Run c = cli({QStringLiteral("combine"), QStringLiteral("--format"), QStringLiteral("npub"), QStringLiteral("--secret"),
                           QString::fromStdString(secret_hex_text), QStringLiteral("--partial"), partial, QStringLiteral("--json")});
        QCOMPARE(c.exit_code, 0);
        const auto cj = c.json();
        QCOMPARE(cj["address"], gj["address"]);
        QCOMPARE(cj["public_key_hex"].get<std::string>(), libsecp_pub_hex(cj["private_key_hex"]));
        QVERIFY(QString::fromStdString(cj["address"].get<std::string>()).startsWith(QStringLiteral("npub1ace")));
        // Without the right secret, combine refuses: the partial alone is worth nothing.
        const Run wrong = cli({QStringLiteral("combine"), QStringLiteral("--format"), QStringLiteral("npub"), QStringLiteral("--secret"),
                               QString::fromStdString(encoding::hex_encode(random_secret_key().bytes())), QStringLiteral("--partial"),
                               partial});
        QCOMPARE(wrong.exit_code, 2);
        QFile::remove(partial);
    }

    void pullReturnsTheBestOfItsBatch() {
        const Run r = cli({QStringLiteral("pull"), QStringLiteral("--format"), QStringLiteral("didkey"), QStringLiteral("--pattern"),
                           QStringLiteral("GO BE AWE SOME"), QStringLiteral("--keys"), QStringLiteral("200000"),
                           QStringLiteral("--engine"), QStringLiteral("cpu"), QStringLiteral("--json")});
        QVERIFY(r.exit_code == 0 || r.exit_code == 1);
        const auto j = r.json();
        QVERIFY(j["keys"].get<double>() >= 200000);
        QCOMPARE(j["exact"].get<bool>(), r.exit_code == 0);
        QVERIFY(j["best"]["matched_chars"].get<int>() >= 4);  // P(< 4 of 11) in 200k keys is nil
        QCOMPARE(j["best"]["public_key_hex"].get<std::string>(), libsecp_pub_hex(j["best"]["private_key_hex"]));
        QVERIFY(j["rarity"].contains("tier"));
    }

    void benchReportsItsRate() {
        const Run r = cli({QStringLiteral("bench"), QStringLiteral("--format"), QStringLiteral("p2pkh"), QStringLiteral("--pattern"),
                           QStringLiteral("abc"), QStringLiteral("--seconds"), QStringLiteral("1"), QStringLiteral("--engine"),
                           QStringLiteral("cpu"), QStringLiteral("--json")});
        QCOMPARE(r.exit_code, 0);
        const auto j = r.json();
        for (const char* field : {"engine", "device", "keys_per_second", "keys", "seconds"}) QVERIFY2(j.contains(field), field);
        QCOMPARE(j["engine"].get<std::string>(), std::string("cpu"));
        QVERIFY(j["keys_per_second"].get<double>() > 1e5);
    }

    void cudaWithoutAGpuIsARuntimeFailure() {
        const Run r = cli({QStringLiteral("grind"), QStringLiteral("--format"), QStringLiteral("eth"), QStringLiteral("--pattern"),
                           QStringLiteral("ab"), QStringLiteral("--engine"), QStringLiteral("cuda")});
        if (r.exit_code == 0) QSKIP("this machine has a usable CUDA GPU");
        QCOMPARE(r.exit_code, 3);
        QVERIFY2(QString::fromStdString(r.err).contains(QStringLiteral("--engine cpu")), r.err.c_str());
        const Run a = cli({QStringLiteral("grind"), QStringLiteral("--format"), QStringLiteral("eth"), QStringLiteral("--pattern"),
                           QStringLiteral("ab"), QStringLiteral("--engine"), QStringLiteral("auto")});
        QCOMPARE(a.exit_code, 0);
        QVERIFY2(QString::fromStdString(a.err).contains(QStringLiteral("CPU")), a.err.c_str());
    }

    void helpTeachesThePatternLanguage() {
        const Run r = cli({QStringLiteral("--help")});
        QCOMPARE(r.exit_code, 0);
        for (const char* text : {"--mode sequence", "--fuzzy", "O=0", "^GO BE SOME$", "estimate --format didkey", "Exit codes"})
            QVERIFY2(r.out.find(text) != std::string::npos, text);
        const Run g = cli({QStringLiteral("grind"), QStringLiteral("--help")});
        QCOMPARE(g.exit_code, 0);
        QVERIFY(g.out.find("--split-key") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
