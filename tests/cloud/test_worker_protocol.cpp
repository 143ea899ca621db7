// The worker protocol: jobs and messages survive a round trip, every malformed or lying field is
// refused with a message naming it, jobs never carry key material, and the split-key check
// recomputes K = sign * lambda^endo * (Q + t*G) against independently computed answers.
#include <QtTest>

#include <nlohmann/json.hpp>

#include "cloud/protocol/partial_check.h"
#include "cloud/protocol/worker_protocol.h"
#include "cloud_test_data.h"

using namespace vanikeys;
using namespace vanikeys::cloud;
using namespace vanikeys::cloud::testdata;
using nlohmann::json;

namespace {

json result_json() { return message_to_json(WorkerMessage(found_result(grind_job()))); }

// Sets a JSON pointer in a copy of `base`.
json with(json base, const std::string& pointer, json value) {
    base[json::json_pointer(pointer)] = std::move(value);
    return base;
}

} // namespace

class TestWorkerProtocol : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void jobRoundTrips() {
        WorkerJob job = grind_job();
        job.case_sensitive = true;
        job.worker_index = 2;
        job.worker_count = 4;
        job.resume_attempts = 123456789;
        job.resume_seconds = 42.5;
        const CloudResult<WorkerJob> back = parse_job_text(serialize_job(job));
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
        QVERIFY(back.value() == job);

        WorkerJob pull = grind_job("pull-1");
        pull.kind = JobKind::Pull;
        pull.pull_keys = 1'000'000;
        pull.format = KeyFormat::Npub;
        pull.mode = MatchMode::Prefix;
        const CloudResult<WorkerJob> pull_back = parse_job(job_to_json(pull));
        QVERIFY(pull_back.ok());
        QVERIFY(pull_back.value() == pull);
    }

    void jobWireFormatIsDocumented() {
        const json j = job_to_json(grind_job());
        QCOMPARE(j["protocol"].get<int>(), 1);
        QCOMPARE(QString::fromStdString(j["kind"].get<std::string>()), QStringLiteral("grind"));
        QCOMPARE(QString::fromStdString(j["format"].get<std::string>()), QStringLiteral("didkey"));
        QCOMPARE(QString::fromStdString(j["mode"].get<std::string>()), QStringLiteral("sequence"));
        QCOMPARE(QString::fromStdString(j["split_key"]["public_key_hex"].get<std::string>()), QString::fromLatin1(kQ7Hex));
        QCOMPARE(j["budget"]["max_seconds"].get<double>(), 600.0);
        QVERIFY(!j.contains("pull_keys"));
        QVERIFY(!j.contains("resume"));
    }

    void jobsNeverCarryKeyMaterial_data() {
        QTest::addColumn<QString>("pointer");
        QTest::newRow("private_key_hex") << "/private_key_hex";
        QTest::newRow("nested secret") << "/split_key/secret";
        QTest::newRow("Seed") << "/Seed";
        QTest::newRow("nsec") << "/nsec";
        QTest::newRow("wif in budget") << "/budget/wif";
    }
    void jobsNeverCarryKeyMaterial() {
        QFETCH(QString, pointer);
        const json j = with(job_to_json(grind_job()), pointer.toStdString(), "00");
        const CloudResult<WorkerJob> parsed = parse_job(j);
        QVERIFY(!parsed.ok());
        QVERIFY(parsed.error().message.find("never carry a private key") != std::string::npos);
    }

    void invalidJobsAreRefused_data() {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("value");  // JSON text
        QTest::addColumn<QString>("mentions");
        QTest::newRow("protocol 2") << "/protocol" << "2" << "protocol";
        QTest::newRow("kind") << "/kind" << "\"farm\"" << "kind";
        QTest::newRow("format") << "/format" << "\"bech32m\"" << "format";
        QTest::newRow("mode") << "/mode" << "\"regex\"" << "mode";
        QTest::newRow("empty pattern") << "/pattern" << "\"\"" << "pattern";
        QTest::newRow("id chars") << "/job_id" << "\"../etc\"" << "job_id";
        QTest::newRow("Q uncompressed") << "/split_key/public_key_hex"
                                        << "\"045cbdf0646e5db4eaa398f365f2ea7a0e3d419b7e0330e39ce92bddedcac4f9bc\""
                                        << "split_key";
        QTest::newRow("Q short") << "/split_key/public_key_hex" << "\"02ab\"" << "public_key_hex";
        QTest::newRow("no time limit") << "/budget/max_seconds" << "0" << "max_seconds";
        QTest::newRow("negative keys") << "/budget/max_keys" << "-1" << "max_keys";
        QTest::newRow("fractional keys") << "/budget/max_keys" << "1.5" << "max_keys";
        QTest::newRow("pull keys on grind") << "/pull_keys" << "5" << "pull_keys";
        QTest::newRow("worker index") << "/worker_index" << "3" << "worker_index";
        QTest::newRow("string bool") << "/fuzzy" << "\"yes\"" << "fuzzy";
    }
    void invalidJobsAreRefused() {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, mentions);
        const json j = with(job_to_json(grind_job()), pointer.toStdString(), json::parse(value.toStdString()));
        const CloudResult<WorkerJob> parsed = parse_job(j);
        QVERIFY2(!parsed.ok(), qPrintable(pointer));
        QCOMPARE(parsed.error().kind, CloudErrorKind::Malformed);
        QVERIFY2(parsed.error().message.find(mentions.toStdString()) != std::string::npos, parsed.error().message.c_str());
    }

    void notJsonIsMalformed() {
        QVERIFY(!parse_job_text("{\"protocol\": 1,").ok());
        QVERIFY(!parse_message_line("progress 50%").ok());
        QVERIFY(!parse_message_line("[1,2]").ok());
    }

    void messagesRoundTrip() {
        const WorkerJob job = grind_job();
        WorkerProgress p = progress_line(job, 100, 0.5);
        p.best = honest_hit(50);
        p.best->score = 0.5;
        p.devices = {{"CPU (2 threads)", 200}};
        const WorkerResult r = found_result(job);
        const WorkerError e{job.job_id, "bad_input", "'0' never occurs in base58 addresses"};
        for (const WorkerMessage& m : {WorkerMessage(p), WorkerMessage(r), WorkerMessage(e)}) {
            const std::string line = serialize_message(m);
            QVERIFY(line.find('\n') == std::string::npos);
            const CloudResult<WorkerMessage> back = parse_message_line(line);
            QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
            QVERIFY(back.value() == m);
        }
    }

    void malformedResultsAreRefused_data() {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("offset = n") << "/hits/0/partial/offset_hex"
                                    << "\"fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141\"" << "offset_hex";
        QTest::newRow("offset = 0") << "/hits/0/partial/offset_hex"
                                    << "\"0000000000000000000000000000000000000000000000000000000000000000\"" << "offset_hex";
        QTest::newRow("offset short") << "/hits/0/partial/offset_hex" << "\"05\"" << "offset_hex";
        QTest::newRow("offset not hex") << "/hits/0/partial/offset_hex"
                                        << "\"zz00000000000000000000000000000000000000000000000000000000000005\"" << "offset_hex";
        QTest::newRow("endo 3") << "/hits/0/partial/endo" << "3" << "endo";
        QTest::newRow("negate string") << "/hits/0/partial/negate" << "\"false\"" << "negate";
        QTest::newRow("score 1.5") << "/hits/0/score" << "1.5" << "score";
        QTest::newRow("score negative") << "/hits/0/score" << "-0.1" << "score";
        QTest::newRow("address empty") << "/hits/0/address" << "\"\"" << "address";
        QTest::newRow("address control char") << "/hits/0/address" << "\"did:key:z\\u0007\"" << "address";
        QTest::newRow("public key 04") << "/hits/0/public_key_hex"
                                       << "\"04d01115d548e7561b15c38f004d734633687cf4419620095bc5b0f47070afe85a\"" << "public_key_hex";
        QTest::newRow("attempts negative") << "/attempts" << "-5" << "attempts";
        QTest::newRow("attempts float") << "/attempts" << "5.5" << "attempts";
        QTest::newRow("attempts string") << "/attempts" << "\"5000\"" << "attempts";
        QTest::newRow("reason") << "/reason" << "\"lucky\"" << "reason";
        QTest::newRow("hits not list") << "/hits" << "{}" << "hits";
        QTest::newRow("missing partial") << "/hits/0/partial" << "null" << "partial";
        QTest::newRow("rate infinite-ish") << "/keys_per_second" << "1e300" << "keys_per_second";
        QTest::newRow("type") << "/type" << "\"results\"" << "type";
    }
    void malformedResultsAreRefused() {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, mentions);
        const json j = with(result_json(), pointer.toStdString(), json::parse(value.toStdString()));
        const CloudResult<WorkerMessage> parsed = parse_message(j);
        QVERIFY2(!parsed.ok(), qPrintable(pointer));
        QCOMPARE(parsed.error().kind, CloudErrorKind::Malformed);
        QVERIFY2(parsed.error().message.find(mentions.toStdString()) != std::string::npos, parsed.error().message.c_str());
    }

    void inconsistentResultsAreRefused() {
        const WorkerJob job = grind_job();
        WorkerResult other = found_result(job);
        other.job_id = "vk-someone-else";
        QVERIFY(validate_result_for(job, other).has_value());

        WorkerResult empty = found_result(job);
        empty.hits.clear();
        QVERIFY(validate_result_for(job, empty)->message.find("no hit") != std::string::npos);

        WorkerResult inexact = found_result(job);
        inexact.hits[0].score = 0.75;
        QVERIFY(validate_result_for(job, inexact).has_value());

        WorkerResult late = found_result(job);
        late.hits[0].attempts = late.attempts + 1;
        QVERIFY(validate_result_for(job, late).has_value());

        QVERIFY(!validate_result_for(job, found_result(job)).has_value());
    }

    void progressMustNotGoBackwards() {
        const WorkerJob job = grind_job();
        QVERIFY(!validate_progress_step(progress_line(job, 10, 1), progress_line(job, 20, 2)));
        QVERIFY(validate_progress_step(progress_line(job, 20, 2), progress_line(job, 10, 3)));
        QVERIFY(validate_progress_step(progress_line(job, 20, 2), progress_line(job, 30, 1)));
    }

    void partialPublicKeyMatchesIndependentAnswers_data() {
        QTest::addColumn<int>("endo");
        QTest::addColumn<bool>("negate");
        QTest::addColumn<QString>("expected");
        QTest::newRow("t=5") << 0 << false << QString::fromLatin1(kK12Hex);
        QTest::newRow("t=5 lambda") << 1 << false << QString::fromLatin1(kK12Endo1Hex);
        QTest::newRow("t=5 -lambda^2") << 2 << true << QString::fromLatin1(kK12Endo2NegHex);
    }
    void partialPublicKeyMatchesIndependentAnswers() {
        QFETCH(int, endo);
        QFETCH(bool, negate);
        QFETCH(QString, expected);
        WirePartial partial;
        partial.offset = bytes<32>(kOffset5Hex);
        partial.endo = static_cast<std::uint8_t>(endo);
        partial.negate = negate;
        const auto k = partial_public_key(bytes<33>(kQ7Hex), partial);
        QVERIFY(k.has_value());
        QCOMPARE(QString::fromStdString(to_hex(*k)), expected);
    }

    void lyingPartialsAreCaught() {
        const WorkerJob job = grind_job();
        QVERIFY(!verify_result(job, found_result(job)));

        WorkerResult wrong_endo = found_result(job);
        wrong_endo.hits[0].partial.endo = 1;  // claims K = 12G but lambda*12G is another key
        const std::optional<CloudError> lie = verify_result(job, wrong_endo);
        QVERIFY(lie.has_value());
        QVERIFY(lie->message.find("lied") != std::string::npos);

        WorkerResult wrong_sign = found_result(job);
        wrong_sign.hits[0].partial.negate = true;
        QVERIFY(verify_result(job, wrong_sign).has_value());

        WorkerResult wrong_best = found_result(job);
        wrong_best.best->partial.offset[31] = 6;
        QVERIFY(verify_result(job, wrong_best).has_value());

        WorkerResult other_q = found_result(job);  // the right K for someone else's Q
        WorkerJob job_for_g = job;
        job_for_g.split_key = bytes<33>("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
        QVERIFY(verify_result(job_for_g, other_q).has_value());
    }

    void offsetThatCancelsQIsRejected() {
        // t = n - 7 makes Q + t*G the point at infinity: no key at all.
        WirePartial partial;
        partial.offset = bytes<32>("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd036413a");
        QVERIFY(!partial_public_key(bytes<33>(kQ7Hex), partial).has_value());
        QVERIFY(!is_valid_public_key(bytes<33>("020000000000000000000000000000000000000000000000000000000000000005")));
        QVERIFY(is_valid_public_key(bytes<33>(kQ7Hex)));
    }
};

QTEST_GUILESS_MAIN(TestWorkerProtocol)
#include "test_worker_protocol.moc"
