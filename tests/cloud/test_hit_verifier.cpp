// HitVerifier: honest split-key hits rebuild to the right private key, and every kind of lie is
// caught and named: a partial that does not give the claimed key, an address that is not the
// key's, a score or word count the pattern does not give, a non-match listed as a match, a bad
// best candidate, and a secret that does not belong to the job. The keys, addresses and private
// keys below were computed independently (Python big integers and base58, not our code).
#include <QtTest>

#include "cloud/client/hit_verifier.h"
#include "cloud_test_data.h"
#include "engine/verify/key_verifier.h"

using namespace vanikeys;
using namespace vanikeys::cloud;
using namespace vanikeys::cloud::testdata;

namespace {

// For Q = 7*G and t = 5: K = sign * lambda^endo * 12*G.
struct Vector {
    int endo;
    bool negate;
    const char* key_hex;
    const char* address;
    const char* private_hex;
    const char* pattern;  // two words of the address, in order
};

constexpr Vector kVectors[] = {
    {0, false, kK12Hex, "did:key:zQ3shteK3Cd6qsXRHeDL8B3Rb2dBAiuGktMPBkEayU3MYJ129",
     "000000000000000000000000000000000000000000000000000000000000000c", "teK3 BAiu"},
    {1, false, kK12Endo1Hex, "did:key:zQ3shopMPAWJyJiGSHNfviLLHKNAsWYh5umew6WyMLoMRqCyi",
     "e8ac1f9904524a87bdc9501e60dcb43caa1d0c457836ecf734a7f22ad50a1d95", "opMP Yh5u"},
    {2, true, kK12Endo2NegHex, "did:key:zQ3shYgyL9CXbjAMcWXsPXdfF3znWDn3JWcoRnYFKhPMzd6Ar",
     "e8ac1f9904524a87bdc9501e60dcb43caa1d0c457836ecf734a7f22ad50a1da1", "Ygy WDn3"},
};

WorkerJob job_for(const char* pattern) {
    WorkerJob job = grind_job("vk-verify");
    job.pattern = pattern;
    job.mode = MatchMode::Sequence;
    return job;
}

WireHit hit_for(const Vector& v) {
    WireHit hit;
    hit.address = v.address;
    hit.score = 1.0;
    hit.words_matched = 2;
    hit.public_key = bytes<33>(v.key_hex);
    hit.partial.offset = bytes<32>(kOffset5Hex);
    hit.partial.endo = static_cast<std::uint8_t>(v.endo);
    hit.partial.negate = v.negate;
    hit.attempts = 42;
    return hit;
}

SecretKey secret_from(std::uint8_t last_byte) {
    SecretKey d;
    d.data()[31] = last_byte;
    return d;
}

HitVerifier verifier_for(const char* pattern) { return HitVerifier::for_job(job_for(pattern)).value(); }

} // namespace

class TestHitVerifier : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void honestHitsRebuildToTheirKeys_data() {
        QTest::addColumn<int>("row");
        QTest::newRow("endo 0") << 0;
        QTest::newRow("endo 1") << 1;
        QTest::newRow("endo 2, negated") << 2;
    }
    void honestHitsRebuildToTheirKeys() {
        QFETCH(int, row);
        const Vector& v = kVectors[row];
        const HitVerifier verifier = verifier_for(v.pattern);
        const WireHit hit = hit_for(v);

        const CloudResult<SearchHit> checked = verifier.check_public(hit);
        QVERIFY2(checked.ok(), checked.ok() ? "" : checked.error().message.c_str());
        QCOMPARE(QString::fromStdString(checked->address), QString::fromLatin1(v.address));
        QVERIFY(checked->match.exact);
        QVERIFY(!checked->private_key);
        QVERIFY(checked->partial.has_value());

        const CloudResult<SearchHit> rebuilt = verifier.rebuild(hit, secret_from(7));
        QVERIFY2(rebuilt.ok(), rebuilt.ok() ? "" : rebuilt.error().message.c_str());
        QVERIFY(rebuilt->private_key);
        QCOMPARE(QString::fromStdString(to_hex(rebuilt->private_key->data(), 32)), QString::fromLatin1(v.private_hex));
        // And once more with libsecp256k1 alone: the key gives the claimed public key.
        QCOMPARE(libsecp_public_key(*rebuilt->private_key)->compressed, hit.public_key);
        QCOMPARE(rebuilt->attempts, std::uint64_t(42));
    }

    void liesAreCaughtAndNamed_data() {
        QTest::addColumn<QString>("lie");
        QTest::addColumn<QString>("named");
        QTest::newRow("negate flag flipped") << "negate" << "lied: its partial";
        QTest::newRow("partial of another key") << "offset" << "lied: its partial";
        QTest::newRow("address of another key") << "address" << "claims the address";
        QTest::newRow("not an address at all") << "garbage" << "claims the address";
        QTest::newRow("score too high") << "score" << "scores";
        QTest::newRow("words miscounted") << "words" << "scores";
    }
    void liesAreCaughtAndNamed() {
        QFETCH(QString, lie);
        QFETCH(QString, named);
        const HitVerifier verifier = verifier_for(kVectors[0].pattern);
        WireHit hit = hit_for(kVectors[0]);
        if (lie == QStringLiteral("negate")) hit.partial.negate = true;
        if (lie == QStringLiteral("offset")) hit.partial.offset[31] = 4;
        if (lie == QStringLiteral("address")) hit.address = kVectors[1].address;
        if (lie == QStringLiteral("garbage")) hit.address = "did:key:zQ3shteK3BAiu";
        if (lie == QStringLiteral("score")) hit.score = 0.999;
        if (lie == QStringLiteral("words")) hit.words_matched = 1;

        const CloudResult<SearchHit> checked = verifier.check_public(hit);
        QVERIFY(!checked.ok());
        QCOMPARE(checked.error().kind, CloudErrorKind::Malformed);
        QVERIFY2(checked.error().message.find(named.toStdString()) != std::string::npos, checked.error().message.c_str());
        // rebuild() never gets as far as the secret.
        QVERIFY(!verifier.rebuild(hit, secret_from(7)).ok());
        WorkerResult result = found_result(job_for(kVectors[0].pattern));
        result.hits = {hit};
        result.best.reset();
        QVERIFY(verifier.check_result(result).has_value());
    }

    void aNonMatchListedAsAMatchIsRefused() {
        // K12's address honestly scored against a pattern it does not match.
        const HitVerifier verifier = verifier_for("teK3 zzzz");
        WireHit hit = hit_for(kVectors[0]);
        const Result<AddressMatch> truth = match_address(verifier.pattern(), hit.address);
        QVERIFY(truth.ok() && !truth->exact);
        hit.score = truth->score;
        hit.words_matched = truth->words_matched;
        QVERIFY(verifier.check_public(hit).ok());  // an honest partial candidate ...
        WorkerResult result = found_result(job_for("teK3 zzzz"));
        result.hits = {hit};
        result.best = hit;
        const std::optional<std::string> refused = verifier.check_result(result);  // ... but no match
        QVERIFY(refused.has_value());
        QVERIFY2(refused->find("does not match the pattern exactly") != std::string::npos, refused->c_str());
        result.hits.clear();
        QVERIFY(!verifier.check_result(result).has_value());  // as the best of a pull it is fine
    }

    void aLyingBestCandidateSpoilsTheResult() {
        const HitVerifier verifier = verifier_for(kVectors[0].pattern);
        WorkerResult result = found_result(job_for(kVectors[0].pattern));
        result.hits = {hit_for(kVectors[0])};
        result.best = hit_for(kVectors[0]);
        QVERIFY(!verifier.check_result(result).has_value());
        result.best->address = kVectors[2].address;
        QVERIFY(verifier.check_result(result).has_value());
    }

    void aSecretOfAnotherJobIsCaught() {
        const HitVerifier verifier = verifier_for(kVectors[0].pattern);
        const CloudResult<SearchHit> rebuilt = verifier.rebuild(hit_for(kVectors[0]), secret_from(8));
        QVERIFY(!rebuilt.ok());
        QCOMPARE(rebuilt.error().kind, CloudErrorKind::Storage);
        QVERIFY(rebuilt.error().message.find("does not belong") != std::string::npos);
    }

    void aDamagedJobIsAStorageError() {
        const CloudResult<HitVerifier> damaged = HitVerifier::for_job(job_for("G0"));  // '0' is not base58
        QVERIFY(!damaged.ok());
        QCOMPARE(damaged.error().kind, CloudErrorKind::Storage);
    }
};

QTEST_GUILESS_MAIN(TestHitVerifier)
#include "test_hit_verifier.moc"
