// `vanikeys-cli cloud ...` end to end, as a user runs it, against the fault-injecting emulators
// of RunPod's hosted API and of our Modal app on 127.0.0.1, which run the real handler / web
// layer and the real `vanikeys-cli worker` (the fake worker only where a test wants a lying,
// stalling or crashing one). Keys are checked here independently (libsecp256k1 and the
// reference scorer), every fault ends in a clear state, a restart finds the searches again, and
// no request body ever holds d, a found key, or their hex/WIF/nsec forms.
#include <QtTest>

#include <sys/stat.h>

#include <csignal>

#include <nlohmann/json.hpp>

#include "cloud/transport/curl_transport.h"
#include "cli_test_support.h"
#include "emulator_process.h"
#include "engine/format/address.h"
#include "engine/verify/key_verifier.h"

using namespace vanikeys;
using namespace vanikeys::cloud;
using nlohmann::json;

namespace {

constexpr const char* kRunPodKey = "rp-cli-key";
constexpr const char* kEndpoint = "vkcli";

struct CliRun {
    int exit_code = -1;
    std::string out;
    std::string err;
    json out_json;  // the last stdout line as JSON (with --json), or null
};

json post(const std::string& url, const json& body) {
    CurlTransport http;
    HttpRequest r;
    r.method = HttpMethod::Post;
    r.url = url;
    r.body = body.dump();
    r.headers = {{"content-type", "application/json"}};
    const HttpResult reply = http.send(r);
    return reply.ok() ? json::parse(reply->body, nullptr, false) : json();
}

json get(const std::string& url, HttpHeaders headers = {}) {
    CurlTransport http;
    HttpRequest r;
    r.url = url;
    r.headers = std::move(headers);
    const HttpResult reply = http.send(r);
    return reply.ok() ? json::parse(reply->body, nullptr, false) : json();
}

} // namespace

class TestCliCloud : public QObject {
    Q_OBJECT

    EmulatorProcess runpod_;
    EmulatorProcess modal_;
    QTemporaryDir data_;
    // Every secret the tests saw (d of each search, each found key in hex, WIF, nsec): no
    // request body may contain any of them.
    std::vector<std::string> secrets_seen_;

    QProcessEnvironment environment(bool runpod = true, bool modal = true) const {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* name : {"RUNPOD_API_KEY", "RUNPOD_ENDPOINT_ID", "RUNPOD_API_BASE", "MODAL_URL", "MODAL_KEY",
                                 "MODAL_SECRET", "VANIKEYS_DATA_DIR"})
            env.remove(QString::fromLatin1(name));
        env.insert(QStringLiteral("XDG_DATA_HOME"), data_.path());
        if (runpod) {
            env.insert(QStringLiteral("RUNPOD_API_KEY"), QString::fromLatin1(kRunPodKey));
            env.insert(QStringLiteral("RUNPOD_ENDPOINT_ID"), QString::fromLatin1(kEndpoint));
            env.insert(QStringLiteral("RUNPOD_API_BASE"), QString::fromStdString(runpod_.base() + "/v2"));
        }
        if (modal) {
            env.insert(QStringLiteral("MODAL_URL"), QString::fromStdString(modal_.base()));
            env.insert(QStringLiteral("MODAL_KEY"), QStringLiteral("wk-cli"));
            env.insert(QStringLiteral("MODAL_SECRET"), QStringLiteral("ws-cli"));
        }
        return env;
    }

    QStringList on_runpod() const {
        return {QStringLiteral("--provider"), QStringLiteral("runpod"), QStringLiteral("--api-base"),
                QString::fromStdString(runpod_.base() + "/v2"), QStringLiteral("--poll-seconds"), QStringLiteral("0.1")};
    }
    QStringList on_modal() const {
        return {QStringLiteral("--provider"), QStringLiteral("modal"), QStringLiteral("--api-base"),
                QString::fromStdString(modal_.base()), QStringLiteral("--poll-seconds"), QStringLiteral("0.1")};
    }
    static QStringList grind(const char* format, const char* pattern, const char* name) {
        return {QStringLiteral("cloud"), QStringLiteral("grind"), QStringLiteral("--format"), QString::fromLatin1(format),
                QStringLiteral("--pattern"), QString::fromLatin1(pattern), QStringLiteral("--mode"), QStringLiteral("contains"),
                QStringLiteral("--name"), QString::fromLatin1(name), QStringLiteral("--max-seconds"), QStringLiteral("30"),
                QStringLiteral("--progress-seconds"), QStringLiteral("0.2")};
    }

    CliRun cli(const QStringList& args, const QProcessEnvironment& env) const {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(VANIKEYS_CLI_PATH), args);
        p.waitForFinished(120'000);
        CliRun run;
        run.exit_code = p.exitCode();
        run.out = p.readAllStandardOutput().toStdString();
        run.err = p.readAllStandardError().toStdString();
        const auto end = run.out.find_last_not_of('\n');
        const auto start = end == std::string::npos ? std::string::npos : run.out.rfind('\n', end);
        if (end != std::string::npos)
            run.out_json = json::parse(run.out.substr(start == std::string::npos ? 0 : start + 1), nullptr, false);
        return run;
    }
    CliRun cli(const QStringList& args) const { return cli(args, environment()); }

    std::string secret_file(const std::string& name) const {
        return data_.path().toStdString() + "/vanikeys/cloud/secrets/" + name + ".secret";
    }

    // d of a search, as stored, and its WIF and nsec forms.
    void remember_secret_of(const std::string& name) {
        QFile f(QString::fromStdString(secret_file(name)));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const std::string hex = f.readAll().trimmed().toStdString();
        const Result<SecretKey> d = parse_secret(hex);
        QVERIFY(d.ok());
        secrets_seen_.insert(secrets_seen_.end(), {hex, secret_wif(*d), secret_nsec(*d)});
    }

    // A found key as the CLI printed it, checked from scratch: its private key gives its address
    // (libsecp256k1), the address matches the pattern (reference scorer), the WIF / nsec agree.
    void check_key(const json& hit, KeyFormat format, const char* pattern) {
        QVERIFY2(hit.contains("private_key_hex"), hit.dump().c_str());
        const std::string hex = hit["private_key_hex"].get<std::string>();
        const Result<SecretKey> key = parse_secret(hex);
        QVERIFY(key.ok());
        const std::optional<PublicKey> pub = libsecp_public_key(*key);
        QVERIFY(pub.has_value());
        const std::string address = address_of(format, *pub);
        QCOMPARE(address, hit["address"].get<std::string>());
        const Pattern p = parse_pattern(pattern, format, {MatchMode::Contains, false, false}).value();
        QVERIFY(match_address(p, address)->exact);
        secrets_seen_.push_back(hex);
        if (format == KeyFormat::P2pkh) {
            QCOMPARE(hit["private_key_wif"].get<std::string>(), secret_wif(*key));
            secrets_seen_.push_back(secret_wif(*key));
        }
        if (format == KeyFormat::Npub) {
            QCOMPARE(hit["private_key_nsec"].get<std::string>(), secret_nsec(*key));
            secrets_seen_.push_back(secret_nsec(*key));
        }
    }

    json list_jobs() const {
        const CliRun run = cli({QStringLiteral("cloud"), QStringLiteral("list"), QStringLiteral("--offline"), QStringLiteral("--json")});
        return run.out_json["jobs"];
    }
    static json find_group(const json& jobs, const std::string& name) {
        for (const json& g : jobs)
            if (g["name"] == name) return g;
        return json();
    }

    void scenarios(EmulatorProcess& emulator, const json& by_job) { post(emulator.base() + "/_control/scenarios", by_job); }

private Q_SLOTS:
    void initTestCase() {
        if (!EmulatorProcess::available()) QSKIP("VANIKEYS_PYTHON is not set: run ./test.sh, which creates .venv");
        QVERIFY(runpod_.start(QStringLiteral("runpod_emulator.py"),
                              {QStringLiteral("--api-key"), QString::fromLatin1(kRunPodKey), QStringLiteral("--endpoint"),
                               QString::fromLatin1(kEndpoint)}));
        QVERIFY(modal_.start(QStringLiteral("modal_emulator.py"),
                             {QStringLiteral("--key"), QStringLiteral("wk-cli"), QStringLiteral("--secret"), QStringLiteral("ws-cli")}));
    }

    void grindOnRunPodGivesAVerifiedKey_data() {
        testdata::add_format_rows();
    }
    void grindOnRunPodGivesAVerifiedKey() {
        QFETCH(QString, format);
        QFETCH(QString, pattern);
        const std::string name = "rp-" + format.toStdString();
        const QString out_file = data_.path() + QStringLiteral("/keys-") + format + QStringLiteral(".jsonl");
        const CliRun run = cli(grind(qPrintable(format), qPrintable(pattern), name.c_str()) + on_runpod() +
                               QStringList{QStringLiteral("--json"), QStringLiteral("--out"), out_file});
        QVERIFY2(run.exit_code == 0, run.err.c_str());
        const json& j = run.out_json;
        QCOMPARE(j["found"], json(true));
        QCOMPARE(j["name"], json(name));
        QCOMPARE(j["provider"], json("runpod"));
        const KeyFormat f = *parse_format_name(format.toStdString());
        check_key(j, f, qPrintable(pattern));
        remember_secret_of(name);

        struct stat st {};
        QCOMPARE(::stat(secret_file(name).c_str(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        QCOMPARE(::stat(out_file.toStdString().c_str(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        QFile keys(out_file);
        QVERIFY(keys.open(QIODevice::ReadOnly));
        QVERIFY(keys.readAll().contains(QByteArray::fromStdString(j["private_key_hex"].get<std::string>())));

        const json g = find_group(list_jobs(), name);
        QCOMPARE(g["state"], json("COMPLETED"));
        QCOMPARE(g["found"], json(true));
        QCOMPARE(g["collected"], json(true));
    }

    void grindOnModalGivesAVerifiedKey() {
        const CliRun run = cli(grind("didkey", "ab", "modal-1") + on_modal() + QStringList{QStringLiteral("--json")});
        QVERIFY2(run.exit_code == 0, run.err.c_str());
        QCOMPARE(run.out_json["provider"], json("modal"));
        check_key(run.out_json, KeyFormat::DidKey, "ab");
        remember_secret_of("modal-1");
        // Human output, the same search read back after the fact: the key is printed like grind's.
        const CliRun status = cli({QStringLiteral("cloud"), QStringLiteral("status"), QStringLiteral("--name"), QStringLiteral("modal-1")});
        QCOMPARE(status.exit_code, 0);
        QVERIFY(status.out.find("Private key  " + run.out_json["private_key_hex"].get<std::string>()) != std::string::npos);
        QVERIFY(status.out.find("EXACT MATCH") != std::string::npos);
    }

    void autoRoutesByTheRuleAndByObjectives() {
        // Only Modal is set up: the rule wants RunPod for an easy grind, and says why Modal runs it.
        const CliRun rule = cli(grind("didkey", "ab", "auto-1") + QStringList{QStringLiteral("--poll-seconds"), QStringLiteral("0.1")},
                                environment(false, true));
        QVERIFY2(rule.exit_code == 0, rule.err.c_str());
        QVERIFY2(rule.err.find("runpod is not set up, so modal runs it") != std::string::npos, rule.err.c_str());
        remember_secret_of("auto-1");
        const CliRun fastest = cli(grind("didkey", "ab", "auto-2") + QStringList{QStringLiteral("--objective"), QStringLiteral("fastest"),
                                                                                 QStringLiteral("--poll-seconds"), QStringLiteral("0.1")});
        QVERIFY2(fastest.exit_code == 0, fastest.err.c_str());
        QVERIFY2(fastest.err.find("is the fastest") != std::string::npos, fastest.err.c_str());
        remember_secret_of("auto-2");
        const CliRun late = cli(grind("didkey", "abcdefghijk", "auto-3") +
                                QStringList{QStringLiteral("--objective"), QStringLiteral("deadline"), QStringLiteral("--deadline-s"),
                                            QStringLiteral("1")});
        QCOMPARE(late.exit_code, 2);
        QVERIFY(late.err.find("no provider is expected to finish within 1 s") != std::string::npos);
        QVERIFY(find_group(list_jobs(), "auto-3").is_null());  // nothing was sent
    }

    void fanOutCancelsTheOthersAtTheFirstMatch() {
        scenarios(runpod_, {{"fan-w0", "slow"}, {"fan-w2", "slow"}});
        const CliRun run = cli(grind("didkey", "ab", "fan") + on_runpod() +
                               QStringList{QStringLiteral("--workers"), QStringLiteral("3"), QStringLiteral("--json")});
        QVERIFY2(run.exit_code == 0, run.err.c_str());
        check_key(run.out_json, KeyFormat::DidKey, "ab");
        remember_secret_of("fan");
        const json workers = find_group(list_jobs(), "fan")["workers"];
        QCOMPARE(workers.size(), std::size_t(3));
        QCOMPARE(workers[0]["state"], json("CANCELLED"));
        QCOMPARE(workers[1]["state"], json("COMPLETED"));
        QCOMPARE(workers[2]["state"], json("CANCELLED"));
    }

    void lyingWorkersAreRejected_data() {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("named");
        QTest::newRow("partial that gives another key") << "lie" << "lied: its partial";
        QTest::newRow("address of another key") << "lie_address" << "claims the address";
        QTest::newRow("a non-match claimed exact") << "lie_score" << "scores";
    }
    void lyingWorkersAreRejected() {
        QFETCH(QString, scenario);
        QFETCH(QString, named);
        const std::string name = "liar-" + scenario.toStdString();
        scenarios(runpod_, {{name + "-w0", scenario.toStdString()}});
        const CliRun run = cli(grind("didkey", "ab", name.c_str()) + on_runpod() + QStringList{QStringLiteral("--json")});
        QCOMPARE(run.exit_code, 3);
        QVERIFY(run.out.find("private_key") == std::string::npos);
        QVERIFY2(run.err.find(named.toStdString()) != std::string::npos, run.err.c_str());
        QVERIFY(run.out_json.contains("error"));
        remember_secret_of(name);
        const json g = find_group(list_jobs(), name);
        QCOMPARE(g["found"], json(false));
        QVERIFY(g["workers"][0]["rejection"].get<std::string>().find(named.toStdString()) != std::string::npos);
        // Asking again changes nothing: a rejected result stays rejected.
        const CliRun again = cli({QStringLiteral("cloud"), QStringLiteral("status"), QStringLiteral("--name"),
                                  QString::fromStdString(name)});
        QCOMPARE(again.exit_code, 3);
        QVERIFY(again.out.find("Private key") == std::string::npos);
    }

    void aSwappedSecretLosesNothing() {
        const CliRun submitted = cli(grind("didkey", "ab", "swap") + on_runpod() + QStringList{QStringLiteral("--detach")});
        QVERIFY2(submitted.exit_code == 0, submitted.err.c_str());
        QFile secret(QString::fromStdString(secret_file("swap")));
        QVERIFY(secret.open(QIODevice::ReadOnly));
        const QByteArray right = secret.readAll();
        secret.close();
        remember_secret_of("swap");
        QVERIFY(secret.open(QIODevice::WriteOnly | QIODevice::Truncate));
        secret.write(QByteArray(63, '0') + "9\n");
        secret.close();
        const CliRun wrong = cli({QStringLiteral("cloud"), QStringLiteral("status"), QStringLiteral("--name"), QStringLiteral("swap"),
                                  QStringLiteral("--wait"), QStringLiteral("--poll-seconds"), QStringLiteral("0.1")});
        QCOMPARE(wrong.exit_code, 3);
        QVERIFY2(wrong.err.find("does not belong") != std::string::npos, wrong.err.c_str());
        QVERIFY(wrong.out.find("Private key") == std::string::npos);
        // The right secret back: the result was kept, and now it opens.
        QVERIFY(secret.open(QIODevice::WriteOnly | QIODevice::Truncate));
        secret.write(right);
        secret.close();
        const CliRun right_again = cli({QStringLiteral("cloud"), QStringLiteral("status"), QStringLiteral("--name"),
                                        QStringLiteral("swap"), QStringLiteral("--json")});
        QVERIFY2(right_again.exit_code == 0, right_again.err.c_str());
        check_key(right_again.out_json["keys"][0], KeyFormat::DidKey, "ab");
    }

    void aRestartFindsTheSearchAndCollectsIt() {
        const CliRun submitted = cli(grind("p2pkh", "ab", "later") + on_runpod() + QStringList{QStringLiteral("--detach")});
        QVERIFY2(submitted.exit_code == 0, submitted.err.c_str());
        QVERIFY(submitted.out.find("cloud status --name later --wait") != std::string::npos);
        remember_secret_of("later");
        // Every command below is a fresh process: all it knows is the job list on disk.
        const CliRun waited = cli({QStringLiteral("cloud"), QStringLiteral("status"), QStringLiteral("--name"), QStringLiteral("later"),
                                   QStringLiteral("--wait"), QStringLiteral("--poll-seconds"), QStringLiteral("0.1"), QStringLiteral("--json")});
        QVERIFY2(waited.exit_code == 0, waited.err.c_str());
        check_key(waited.out_json["keys"][0], KeyFormat::P2pkh, "ab");
        const CliRun listed = cli({QStringLiteral("cloud"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(listed.exit_code, 0);
        const json g = find_group(listed.out_json["jobs"], "later");
        QCOMPARE(g["found"], json(true));
        QCOMPARE(g["collected"], json(true));
        QVERIFY(g["run_seconds"].is_number());
        QVERIFY(g["cost_usd"].is_number());
        // Duplicates are harmless: the same key again, and the job list holds it once.
        const CliRun again = cli({QStringLiteral("cloud"), QStringLiteral("status"), QStringLiteral("--name"), QStringLiteral("later"),
                                  QStringLiteral("--json")});
        QCOMPARE(again.out_json["keys"], waited.out_json["keys"]);
        QFile store(data_.path() + QStringLiteral("/vanikeys/cloud/jobs.json"));
        QVERIFY(store.open(QIODevice::ReadOnly));
        const json stored = json::parse(store.readAll().toStdString());
        for (const json& entry : stored["jobs"])
            if (entry["client_ref"] == "later-w0") QCOMPARE(entry["result"]["hits"].size(), waited.out_json["keys"].size());

        const CliRun refused = cli({QStringLiteral("cloud"), QStringLiteral("delete"), QStringLiteral("--name"), QStringLiteral("later")});
        QCOMPARE(refused.exit_code, 2);
        QVERIFY(refused.err.find("--yes") != std::string::npos);
        const CliRun deleted = cli({QStringLiteral("cloud"), QStringLiteral("delete"), QStringLiteral("--name"), QStringLiteral("later"),
                                    QStringLiteral("--yes")});
        QCOMPARE(deleted.exit_code, 0);
        QVERIFY(!QFile::exists(QString::fromStdString(secret_file("later"))));
        QVERIFY(find_group(list_jobs(), "later").is_null());
    }

    void cancelAndCtrlCStopTheWorkers() {
        const CliRun submitted = cli(grind("didkey", "zzzzzzzzzz", "stopme") + on_runpod() + QStringList{QStringLiteral("--detach")});
        QVERIFY2(submitted.exit_code == 0, submitted.err.c_str());
        remember_secret_of("stopme");
        const CliRun cancelled = cli({QStringLiteral("cloud"), QStringLiteral("cancel"), QStringLiteral("--name"), QStringLiteral("stopme"),
                                      QStringLiteral("--json")});
        QCOMPARE(cancelled.exit_code, 0);
        QCOMPARE(cancelled.out_json["state"], json("CANCELLED"));
        const std::string job_id = cancelled.out_json["workers"][0]["job_id"].get<std::string>();
        const json emulator_says = get(runpod_.base() + "/v2/" + kEndpoint + "/status/" + job_id,
                                       {{"authorization", std::string("Bearer ") + kRunPodKey}});
        QCOMPARE(emulator_says["status"], json("CANCELLED"));
        // Ctrl-C during a grind cancels its workers.
        QProcess p;
        p.setProcessEnvironment(environment());
        p.setReadChannel(QProcess::StandardError);
        p.start(QStringLiteral(VANIKEYS_CLI_PATH), grind("didkey", "zzzzzzzzzz", "ctrlc") + on_modal());
        QByteArray err;
        while (!err.contains("submitted") && p.waitForReadyRead(20'000)) err += p.readAllStandardError();
        QVERIFY(err.contains("submitted"));
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(20'000));
        QCOMPARE(p.exitCode(), 1);
        remember_secret_of("ctrlc");
        QCOMPARE(find_group(list_jobs(), "ctrlc")["state"], json("CANCELLED"));
    }

    void faultsAreRetriedAndEndClearly() {
        post(runpod_.base() + "/_control/faults",
             json::array({{{"match", "/run"}, {"action", "status"}, {"code", 429}, {"retry_after", "1"}},
                          {{"match", "/stream/"}, {"action", "status"}, {"code", 503}},
                          {{"match", "/stream/"}, {"action", "drop"}}}));
        const CliRun survived = cli(grind("didkey", "ab", "faults") + on_runpod() + QStringList{QStringLiteral("--json")});
        QVERIFY2(survived.exit_code == 0, survived.err.c_str());
        check_key(survived.out_json, KeyFormat::DidKey, "ab");
        remember_secret_of("faults");

        scenarios(runpod_, {{"late-w0", "timed_out"}});
        const CliRun timed_out = cli(grind("didkey", "ab", "late") + on_runpod());
        QCOMPARE(timed_out.exit_code, 3);
        QVERIFY2(timed_out.err.find("timed the job out") != std::string::npos, timed_out.err.c_str());

        scenarios(runpod_, {{"crash-w0", "crash"}});
        const CliRun crashed = cli(grind("didkey", "zzzzzzzzz", "crash") + on_runpod());
        QCOMPARE(crashed.exit_code, 3);
        QVERIFY2(crashed.err.find("without a result") != std::string::npos, crashed.err.c_str());

        QProcessEnvironment wrong_key = environment();
        wrong_key.insert(QStringLiteral("RUNPOD_API_KEY"), QStringLiteral("rp-wrong"));
        const CliRun refused = cli(grind("didkey", "ab", "badkey") + on_runpod(), wrong_key);
        QCOMPARE(refused.exit_code, 2);
        QVERIFY(refused.err.find("check your API key") != std::string::npos);
        QVERIFY(!QFile::exists(QString::fromStdString(secret_file("badkey"))));  // nothing ran: d is gone
    }

    void missingSettingsAreNamed() {
        const CliRun none = cli(grind("didkey", "ab", "nocreds") + on_runpod(), environment(false, false));
        QCOMPARE(none.exit_code, 2);
        QVERIFY(none.err.find("RUNPOD_API_KEY") != std::string::npos);
        QVERIFY(none.err.find("RUNPOD_ENDPOINT_ID") != std::string::npos);
        const CliRun modal = cli(grind("didkey", "ab", "nocreds") + on_modal(), environment(false, false));
        QCOMPARE(modal.exit_code, 2);
        QVERIFY(modal.err.find("MODAL_KEY") != std::string::npos);
        const CliRun base = cli(grind("didkey", "ab", "nocreds") + QStringList{QStringLiteral("--api-base"), QStringLiteral("http://127.0.0.1:1")});
        QCOMPARE(base.exit_code, 2);
        QVERIFY(base.err.find("--provider runpod") != std::string::npos);
        const CliRun nobody = cli({QStringLiteral("cloud"), QStringLiteral("grind"), QStringLiteral("--format"), QStringLiteral("didkey"),
                                   QStringLiteral("--pattern"), QStringLiteral("ab")},
                                  environment(false, false));
        QCOMPARE(nobody.exit_code, 2);
        QVERIFY(nobody.err.find("no cloud provider is set up") != std::string::npos);
    }

    void aPullRevealsItsBestKey() {
        const CliRun run = cli({QStringLiteral("cloud"), QStringLiteral("pull"), QStringLiteral("--format"), QStringLiteral("npub"),
                                QStringLiteral("--pattern"), QStringLiteral("qqqqqq"), QStringLiteral("--mode"), QStringLiteral("contains"),
                                QStringLiteral("--keys"), QStringLiteral("20000"), QStringLiteral("--name"), QStringLiteral("pull-1"),
                                QStringLiteral("--poll-seconds"), QStringLiteral("0.1"), QStringLiteral("--json")});
        QCOMPARE(run.exit_code, 1);  // not an exact match (odds of about 1e-7)
        const json& j = run.out_json;
        QVERIFY(j["keys"].get<std::uint64_t>() >= 20'000);
        QCOMPARE(j["provider"], json("runpod"));  // gacha pulls go to RunPod
        QVERIFY(j["rarity"]["tier"].is_string());
        const json best = j["best"];
        const Result<SecretKey> key = parse_secret(best["private_key_hex"].get<std::string>());
        QCOMPARE(address_of(KeyFormat::Npub, *libsecp_public_key(*key)), best["address"].get<std::string>());
        secrets_seen_.push_back(best["private_key_hex"].get<std::string>());
        secrets_seen_.push_back(secret_nsec(*key));
        remember_secret_of("pull-1");
    }

    // Last: every request body both emulators recorded during this program.
    void noRequestBodyEverHeldASecret() {
        QVERIFY(secrets_seen_.size() > 20);
        for (EmulatorProcess* emulator : {&runpod_, &modal_}) {
            const json requests = get(emulator->base() + "/_control/requests")["requests"];
            QVERIFY2(requests.size() >= 5, std::to_string(requests.size()).c_str());
            for (const json& r : requests) {
                std::string body = r["body"].get<std::string>();
                for (const std::string& secret : secrets_seen_)
                    QVERIFY2(body.find(secret) == std::string::npos, (r["path"].get<std::string>() + " carries a secret").c_str());
                std::transform(body.begin(), body.end(), body.begin(), [](unsigned char c) { return char(std::tolower(c)); });
                for (const char* word : {"private", "secret", "seed", "nsec", "wif", "mnemonic"})
                    QVERIFY2(body.find(word) == std::string::npos, (r["path"].get<std::string>() + ": " + word).c_str());
            }
        }
    }

    void cleanupTestCase() {
        runpod_.stop();
        modal_.stop();
    }
};

QTEST_GUILESS_MAIN(TestCliCloud)
#include "test_cli_cloud.moc"
