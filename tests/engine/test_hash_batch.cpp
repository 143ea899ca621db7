// The host batch hashes: every back end this CPU runs against the portable single-message
// functions, on random and edge-case keys, for batch sizes around the lane and group widths.
#include <QtTest>

#include <string>

#include "engine/hash/hash160.h"
#include "engine/hash/hash_batch.h"
#include "engine/hash/keccak256.h"
#include "hash_test_support.h"

using namespace vanikeys::hash;
using vanikeys::test::hex;

Q_DECLARE_METATYPE(vanikeys::hash::HashBackend)

namespace {

std::vector<std::uint8_t> batch_input(std::mt19937_64& rng, std::size_t count, std::size_t size) {
    std::vector<std::uint8_t> v;
    for (std::size_t i = 0; i < count; ++i) {
        const auto m = vanikeys::test::edgy_bytes(rng, size);
        v.insert(v.end(), m.begin(), m.end());
    }
    return v;
}

// batch(in, out, count) against single(in[i], out[i]) for every count up to max_small (around
// the lane widths 4, 8, 16 and the group of 16) and for 1000; the bytes after out[count - 1]
// must stay untouched.
template <std::size_t kIn, std::size_t kOut, class Batch, class Single>
void check_batch_against_single(const char* name, std::size_t max_small, Batch batch, Single single) {
    auto rng = vanikeys::test::make_rng(name);
    std::vector<std::size_t> counts;
    for (std::size_t c = 0; c <= max_small; ++c) counts.push_back(c);
    counts.push_back(1000);
    for (std::size_t count : counts) {
        const auto in = batch_input(rng, count, kIn);
        std::vector<std::uint8_t> out(count * kOut + kOut, 0xa5);  // one guard item past the end
        batch(reinterpret_cast<const std::uint8_t(*)[kIn]>(in.data()),
              reinterpret_cast<std::uint8_t(*)[kOut]>(out.data()), count);
        for (std::size_t i = 0; i < count; ++i) {
            std::uint8_t expected[kOut];
            single(&in[kIn * i], expected);
            if (hex(&out[kOut * i], kOut) != hex(expected, kOut))
                QFAIL((std::string(name) + ": mismatch, count " + std::to_string(count) + " index " +
                       std::to_string(i) + " input " + hex(&in[kIn * i], kIn)).c_str());
        }
        for (std::size_t i = count * kOut; i < out.size(); ++i) QCOMPARE(out[i], std::uint8_t{0xa5});
    }
}

} // namespace

class TestHashBatch : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { reset_hash_backend_for_testing(); }

    void backendsAreListedAndSelectable() {
        const auto backends = available_hash_backends();
        QVERIFY(!backends.empty());
        QCOMPARE(backends.front(), HashBackend::Portable);
        for (HashBackend b : backends) {
            QVERIFY(set_hash_backend_for_testing(b));
            QCOMPARE(hash_backend(), b);
            QCOMPARE(hash_backend_name(), hash_backend_name(b));
        }
        reset_hash_backend_for_testing();
        QCOMPARE(hash_backend(), backends.back());  // the most preferred one this CPU runs
        qInfo("automatic hash back end: %s", std::string(hash_backend_name()).c_str());
    }

    void unsupportedBackendIsRefused() {
        const auto backends = available_hash_backends();
        for (HashBackend b : {HashBackend::Portable, HashBackend::Avx2, HashBackend::ShaNiAvx2,
                              HashBackend::Avx512, HashBackend::ShaNiAvx512}) {
            const bool available = std::find(backends.begin(), backends.end(), b) != backends.end();
            QCOMPARE(set_hash_backend_for_testing(b), available);
        }
    }

    void hash160MatchesPortable_data() {
        QTest::addColumn<HashBackend>("backend");
        for (HashBackend b : available_hash_backends())
            QTest::newRow(std::string(hash_backend_name(b)).c_str()) << b;
    }

    void hash160MatchesPortable() {
        QFETCH(HashBackend, backend);
        QVERIFY(set_hash_backend_for_testing(backend));
        check_batch_against_single<33, 20>("hash160MatchesPortable", 40, hash160_33_batch, hash160_33);
    }

    void hash160KnownVector_data() { hash160MatchesPortable_data(); }

    void hash160KnownVector() {
        QFETCH(HashBackend, backend);
        QVERIFY(set_hash_backend_for_testing(backend));
        const auto g = vanikeys::test::from_hex(
            "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
        std::uint8_t keys[3][33], out[3][20];
        for (auto& k : keys) std::copy(g.begin(), g.end(), k);
        hash160_33_batch(keys, out, 3);
        for (const auto& digest : out)
            QCOMPARE(hex(digest, 20), std::string("751e76e8199196d454941c45d1b3a323f1433bd6"));
    }

    void p2pkhPayloadMatchesPortable_data() { hash160MatchesPortable_data(); }

    void p2pkhPayloadMatchesPortable() {
        QFETCH(HashBackend, backend);
        QVERIFY(set_hash_backend_for_testing(backend));
        for (const bool checksum : {true, false}) {
            check_batch_against_single<33, 25>(
                "p2pkhPayloadMatchesPortable", 40,
                [checksum](const std::uint8_t(*keys)[33], std::uint8_t(*out)[25], std::size_t count) {
                    p2pkh_payload_33_batch(keys, out, count, checksum);
                },
                [checksum](const std::uint8_t* key, std::uint8_t* expected) {
                    expected[0] = 0x00;
                    hash160_33(key, expected + 1);
                    if (checksum) sha256d_checksum(expected, 21, expected + 21);
                    else std::fill(expected + 21, expected + 25, std::uint8_t{0});
                });
        }
        // Private key 1: version, HASH160, and the checksum of 1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH
        // (base58check of 00751e...33bd6 ends in these 4 bytes, as test_base58 checks).
        const auto g = vanikeys::test::from_hex(
            "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
        std::uint8_t key[1][33], payload[1][25];
        std::copy(g.begin(), g.end(), key[0]);
        p2pkh_payload_33_batch(key, payload, 1);
        QCOMPARE(hex(payload[0], 21), std::string("00751e76e8199196d454941c45d1b3a323f1433bd6"));
        std::uint8_t check[4];
        sha256d_checksum(payload[0], 21, check);
        QCOMPARE(hex(payload[0] + 21, 4), hex(check, 4));
    }

    void keccakMatchesPortable_data() { hash160MatchesPortable_data(); }

    void keccakMatchesPortable() {
        QFETCH(HashBackend, backend);
        QVERIFY(set_hash_backend_for_testing(backend));
        check_batch_against_single<64, 32>("keccakMatchesPortable", 20, keccak256_64_batch,
                                           [](const std::uint8_t* m, std::uint8_t* expected) {
                                               keccak256(m, 64, expected);
                                           });
    }
};

QTEST_GUILESS_MAIN(TestHashBatch)
#include "test_hash_batch.moc"
