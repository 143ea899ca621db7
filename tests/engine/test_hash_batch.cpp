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
        auto rng = vanikeys::test::make_rng("hash160MatchesPortable");
        // Counts around the lane widths (4, 8, 16) and the group (16), and one long batch.
        std::vector<std::size_t> counts;
        for (std::size_t c = 0; c <= 40; ++c) counts.push_back(c);
        counts.push_back(1000);
        for (std::size_t count : counts) {
            const auto keys = batch_input(rng, count, 33);
            std::vector<std::uint8_t> out(count * 20 + 20, 0xa5);  // one guard digest past the end
            hash160_33_batch(reinterpret_cast<const std::uint8_t(*)[33]>(keys.data()),
                             reinterpret_cast<std::uint8_t(*)[20]>(out.data()), count);
            for (std::size_t i = 0; i < count; ++i) {
                std::uint8_t expected[20];
                hash160_33(&keys[33 * i], expected);
                if (hex(&out[20 * i], 20) != hex(expected, 20))
                    QFAIL(("hash160 mismatch, count " + std::to_string(count) + " index " +
                           std::to_string(i) + " key " + hex(&keys[33 * i], 33)).c_str());
            }
            for (std::size_t i = count * 20; i < out.size(); ++i) QCOMPARE(out[i], std::uint8_t{0xa5});
        }
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

    void keccakMatchesPortable_data() { hash160MatchesPortable_data(); }

    void keccakMatchesPortable() {
        QFETCH(HashBackend, backend);
        QVERIFY(set_hash_backend_for_testing(backend));
        auto rng = vanikeys::test::make_rng("keccakMatchesPortable");
        std::vector<std::size_t> counts;
        for (std::size_t c = 0; c <= 20; ++c) counts.push_back(c);
        counts.push_back(1000);
        for (std::size_t count : counts) {
            const auto msgs = batch_input(rng, count, 64);
            std::vector<std::uint8_t> out(count * 32 + 32, 0xa5);
            keccak256_64_batch(reinterpret_cast<const std::uint8_t(*)[64]>(msgs.data()),
                               reinterpret_cast<std::uint8_t(*)[32]>(out.data()), count);
            for (std::size_t i = 0; i < count; ++i) {
                std::uint8_t expected[32];
                keccak256(&msgs[64 * i], 64, expected);
                if (hex(&out[32 * i], 32) != hex(expected, 32))
                    QFAIL(("keccak mismatch, count " + std::to_string(count) + " index " +
                           std::to_string(i) + " message " + hex(&msgs[64 * i], 64)).c_str());
            }
            for (std::size_t i = count * 32; i < out.size(); ++i) QCOMPARE(out[i], std::uint8_t{0xa5});
        }
    }
};

QTEST_GUILESS_MAIN(TestHashBatch)
#include "test_hash_batch.moc"
